list(APPEND RANKPO_DB_SOURCES
  demo_project.cpp
  evaluation_store.cpp
  migrations.cpp
  model_registry.cpp
  parse_pipeline.cpp
  preference_selection.cpp
  project_exporter.cpp
  project_importer.cpp
  project_model_resolver.cpp
  project_store.cpp
  project_writer.cpp
  run_registry.cpp
  sqlite_database.cpp
  sqlite_embedding_cache.cpp
)
