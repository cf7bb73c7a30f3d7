list(APPEND RANKPO_CORE_SOURCES
  util/byte_size.cpp
  util/client_id.cpp
  util/content_hash.cpp
  util/line_ends.cpp
  util/openmp_environment.cpp
  util/sha256.cpp
)
