list(APPEND RANKPO_CORE_SOURCES
  util/content_hash.cpp
  util/openmp_environment.cpp
  util/sha256.cpp
  util/utf8.cpp
)
