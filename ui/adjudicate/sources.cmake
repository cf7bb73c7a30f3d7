list(APPEND RANKPO_UI_SOURCES
  adjudicate/adjudication_page.cpp
)
