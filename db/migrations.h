#pragma once

#include <string>
#include <vector>

namespace rankpo::db {

class SqliteDatabase;

// Forward-only schema migrations. Version N is the state after db/migrations/000N_*.sql.
// PRAGMA user_version holds the version of a project file.
struct Migration {
    int version;
    std::string name;
    const char* sql;
};

const std::vector<Migration>& migrations();
int latestSchemaVersion();

// Applies the migrations after the file's current version up to `targetVersion`, each in its own
// transaction together with the user_version bump. Throws if the file is newer than `targetVersion`.
void migrate(SqliteDatabase& db, int targetVersion);

} // namespace rankpo::db
