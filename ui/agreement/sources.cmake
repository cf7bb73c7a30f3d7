list(APPEND RANKPO_UI_SOURCES
  agreement/agreement_calculator.cpp
  agreement/agreement_page.cpp
)
