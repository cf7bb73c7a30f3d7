# The PostgreSQL store (built when libpq is found): paths relative to db/.
list(APPEND RANKPO_DB_SOURCES
  postgres/postgres_connection.cpp
  postgres/postgres_migrations.cpp
  postgres/postgres_project.cpp
  postgres/postgres_team.cpp
)
