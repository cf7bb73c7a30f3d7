list(APPEND RANKPO_CORE_SOURCES
  domain/pair_strategy.cpp
  domain/preference.cpp
)
