list(APPEND RANKPO_CORE_SOURCES
  domain/preference.cpp
)
