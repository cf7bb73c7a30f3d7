list(APPEND RANKPO_DB_SOURCES
  sqlite_database.cpp
)
