#include "db/postgres/postgres_migrations.h"

#include "core/util/error.h"
#include "db/postgres/migration_scripts.h"
#include "db/postgres/postgres_connection.h"
#include "db/postgres/postgres_team.h"

namespace rankpo::db {

const std::vector<Migration>& postgresMigrations()
{
    static const std::vector<Migration> all = [] {
        std::vector<Migration> list;
        int version = 1;
        for (const auto& script : generated::postgres::kMigrationScripts)
            list.push_back({version++, script.name, script.sql});
        return list;
    }();
    return all;
}

namespace {

// A migration that adds tables leaves the team without rights to them: grantTeamAgain, through the project's
// rankpo_team_grant (schema version 8).
constexpr int kTeamGrantVersion = 8;

// Applies the migrations past the project's version, each in its own transaction; says whether any ran.
bool applyMigrations(PostgresConnection& db, int targetVersion)
{
    bool migrated = false;
    for (const auto& m : postgresMigrations()) {
        if (m.version > targetVersion)
            break;
        Transaction tx(db);
        db.prepare("SELECT pg_advisory_xact_lock(hashtext('rankpo:' || CAST(? AS TEXT)))").bind(1, db.schema()).run();
        // Read under the lock: another program may have migrated while this one waited.
        auto st = db.prepare("SELECT version FROM rankpo_schema FOR UPDATE");
        const int current = st.step() ? st.int32(0) : 0;
        st.reset();
        if (current > targetVersion)
            throw dataError(db.location() + ": project schema version " + std::to_string(current)
                            + " is newer than this program supports (" + std::to_string(targetVersion) + ")");
        if (m.version <= current)
            continue;
        db.exec(m.sql);
        db.prepare("UPDATE rankpo_schema SET version = ?").bind(1, m.version).run();
        tx.commit();
        migrated = true;
    }
    return migrated;
}

} // namespace

void migratePostgres(PostgresConnection& db, int targetVersion)
{
    // The usual open: already up to date, no lock to take.
    if (const int current = db.schemaVersion(); current >= targetVersion) {
        if (current > targetVersion)
            throw dataError(db.location() + ": project schema version " + std::to_string(current)
                            + " is newer than this program supports (" + std::to_string(targetVersion) + ")");
        return;
    }
    bool migrated = false;
    try {
        migrated = applyMigrations(db, targetVersion);
    } catch (const Error& e) {
        // Only the owner changes the schema (db/postgres/postgres_team.cpp): a member waits for them.
        if (e.kind() != ErrorKind::Forbidden)
            throw;
        auto st = db.prepare("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = current_schema()");
        const std::string owner = st.step() ? st.text(0) : std::string("the role that made it");
        throw forbiddenError(db.location() + ": the project needs upgrading to schema " + std::to_string(targetVersion)
                             + " for this program, which its owner (" + owner + ") does by opening it once");
    }
    if (migrated && targetVersion >= kTeamGrantVersion) {
        Transaction tx(db);
        grantTeamAgain(db);
        tx.commit();
    }
}

} // namespace rankpo::db
