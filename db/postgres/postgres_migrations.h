#pragma once

#include "db/sqlite/sqlite_migrations.h" // Migration

#include <vector>

namespace rankpo::db {

class PostgresConnection;

// Forward-only schema migrations of a project schema on PostgreSQL, numbered as the SQLite ones: version N is
// the state after db/postgres/migrations/000N_*.sql, the same tables and constraints in PostgreSQL's types. The
// schema's `rankpo_schema` row holds its version (SQLite's PRAGMA user_version) and application id.
const std::vector<Migration>& postgresMigrations();

// Applies the migrations after the schema's version up to `targetVersion`, each in its own transaction with the
// version bump, under an advisory lock on the project: two programs opening a project at once migrate it once.
// Throws if the schema is newer than `targetVersion`.
void migratePostgres(PostgresConnection& db, int targetVersion);

} // namespace rankpo::db
