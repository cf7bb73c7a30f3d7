list(APPEND RANKPO_DB_SOURCES
  migrations.cpp
  parse_pipeline.cpp
  project_exporter.cpp
  project_importer.cpp
  project_store.cpp
  project_writer.cpp
  sqlite_database.cpp
)
