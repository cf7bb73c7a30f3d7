#include "db/sqlite/sqlite_migrations.h"

#include "core/util/error.h"
#include "db/sqlite/migration_scripts.h"
#include "db/sqlite/sqlite_connection.h"

namespace rankpo::db {

const std::vector<Migration>& sqliteMigrations()
{
    static const std::vector<Migration> all = [] {
        std::vector<Migration> list;
        int version = 1;
        for (const auto& script : generated::kMigrationScripts)
            list.push_back({version++, script.name, script.sql});
        return list;
    }();
    return all;
}

int latestSchemaVersion()
{
    return static_cast<int>(sqliteMigrations().size());
}

void migrateSqlite(SqliteConnection& db, int targetVersion)
{
    const int current = db.userVersion();
    if (current > targetVersion)
        throw dataError(db.path() + ": project schema version " + std::to_string(current)
                        + " is newer than this program supports (" + std::to_string(targetVersion) + ")");
    for (const auto& m : sqliteMigrations()) {
        if (m.version <= current || m.version > targetVersion)
            continue;
        Transaction tx(db);
        db.exec(m.sql);
        db.setUserVersion(m.version);
        tx.commit();
    }
}

} // namespace rankpo::db
