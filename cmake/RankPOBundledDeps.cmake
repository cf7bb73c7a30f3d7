# The non-torch libraries of the engine and the CLI from a folder that scripts/gpu-bundle.sh makes, for a machine
# without Debian's -dev packages (the GPU machine): the same imported targets that find_package() gives elsewhere,
# SQLite and simdjson built from their single-file sources, nlohmann/json and CLI11 header-only.
set(_bundle "${RANKPO_BUNDLED_DEPS}")
if(NOT IS_ABSOLUTE "${_bundle}")
  set(_bundle "${CMAKE_SOURCE_DIR}/${_bundle}")
endif()
foreach(_file sqlite/sqlite3.c simdjson/simdjson.cpp include/nlohmann/json.hpp include/CLI/CLI.hpp)
  if(NOT EXISTS "${_bundle}/${_file}")
    message(FATAL_ERROR "RANKPO_BUNDLED_DEPS=${RANKPO_BUNDLED_DEPS}: ${_file} is missing (scripts/gpu-bundle.sh makes it)")
  endif()
endforeach()
enable_language(C)

# Warnings off: third-party sources, compiled as they come.
add_library(rankpo_bundled_sqlite STATIC "${_bundle}/sqlite/sqlite3.c")
target_include_directories(rankpo_bundled_sqlite SYSTEM PUBLIC "${_bundle}/sqlite")
target_compile_definitions(rankpo_bundled_sqlite PRIVATE SQLITE_THREADSAFE=1 SQLITE_OMIT_LOAD_EXTENSION)
target_compile_options(rankpo_bundled_sqlite PRIVATE -w)
target_link_libraries(rankpo_bundled_sqlite PUBLIC Threads::Threads ${CMAKE_DL_LIBS} m)
add_library(SQLite::SQLite3 ALIAS rankpo_bundled_sqlite)

add_library(rankpo_bundled_simdjson STATIC "${_bundle}/simdjson/simdjson.cpp")
target_include_directories(rankpo_bundled_simdjson SYSTEM PUBLIC "${_bundle}/simdjson")
target_compile_options(rankpo_bundled_simdjson PRIVATE -w)
add_library(simdjson::simdjson ALIAS rankpo_bundled_simdjson)

add_library(rankpo_bundled_json INTERFACE)
target_include_directories(rankpo_bundled_json SYSTEM INTERFACE "${_bundle}/include")
add_library(nlohmann_json::nlohmann_json ALIAS rankpo_bundled_json)
add_library(CLI11::CLI11 ALIAS rankpo_bundled_json)
message(STATUS "SQLite, simdjson, nlohmann/json and CLI11 from ${_bundle}")
