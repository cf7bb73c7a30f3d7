list(APPEND RANKPO_UI_SOURCES
  annotate/annotation_page.cpp
  annotate/pair_view.cpp
  annotate/shown_order.cpp
)
