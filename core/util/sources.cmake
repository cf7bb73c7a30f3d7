list(APPEND RANKPO_CORE_SOURCES
  util/content_hash.cpp
  util/utf8.cpp
)
