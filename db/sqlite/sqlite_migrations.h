#pragma once

#include <string>
#include <vector>

namespace rankpo::db {

class SqliteConnection;

// Forward-only schema migrations of a SQLite project file. Version N is the state after
// db/sqlite/migrations/000N_*.sql; PRAGMA user_version holds a file's version. Another store keeps its own
// migrations, numbered alike.
struct Migration {
    int version;
    std::string name;
    const char* sql;
};

const std::vector<Migration>& sqliteMigrations();
int latestSchemaVersion();

// Applies the migrations after the file's current version up to `targetVersion`, each in its own
// transaction together with the user_version bump. Throws if the file is newer than `targetVersion`.
void migrateSqlite(SqliteConnection& db, int targetVersion);

} // namespace rankpo::db
