list(APPEND RANKPO_UI_SOURCES
  document/add_preference_command.cpp
  document/decide_pair_command.cpp
  document/project_document.cpp
  document/remove_preference_command.cpp
)
