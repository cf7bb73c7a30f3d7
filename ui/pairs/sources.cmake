list(APPEND RANKPO_UI_SOURCES
  pairs/make_pairs_dialog.cpp
  pairs/pair_queue_model.cpp
  pairs/pair_queue_page.cpp
  pairs/pair_scoring.cpp
)
