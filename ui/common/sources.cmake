list(APPEND RANKPO_UI_SOURCES
  common/background_task.cpp
  common/chart_export.cpp
  common/chart_style.cpp
  common/error_dialog.cpp
  common/form_dialog.cpp
  common/model_choices.cpp
  common/pair_html.cpp
  common/project_location.cpp
  common/shared_terms.cpp
  common/stat_card.cpp
  common/team_gate.cpp
  common/term_highlighter.cpp
  common/text_masking.cpp
)
