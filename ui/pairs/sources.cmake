list(APPEND RANKPO_UI_SOURCES
  pairs/assign_dialog.cpp
  pairs/make_pairs_dialog.cpp
  pairs/pair_queue_model.cpp
  pairs/pair_queue_page.cpp
  pairs/pair_scoring.cpp
)
if(TARGET rankpo_judge_workflows) # Judge with AI needs the HTTP client
  list(APPEND RANKPO_UI_SOURCES pairs/judge_dialog.cpp)
endif()
