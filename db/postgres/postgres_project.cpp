#include "db/postgres/postgres_project.h"

#include "core/util/error.h"
#include "db/postgres/postgres_connection.h"
#include "db/postgres/postgres_migrations.h"
#include "db/postgres/postgres_url.h"

#include <libpq-fe.h>

#include <ctime>

namespace rankpo::db {
namespace {

// libpq's own reading of the URL, so that a malformed one is a usage error before any connection is tried.
void checkConninfo(const PostgresUrl& url)
{
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.conninfo.c_str(), &error);
    if (!options) {
        std::string message = error ? error : "out of memory";
        PQfreemem(error);
        while (!message.empty() && message.back() == '\n')
            message.pop_back();
        throw usageError(url.display + ": not a valid PostgreSQL URL (" + message + ")");
    }
    PQconninfoFree(options);
}

struct SchemaState {
    bool exists = false;
    std::int64_t objects = 0; // tables, views, sequences, indexes in it
    bool isProject = false;   // it has our rankpo_schema table
    std::int64_t applicationId = 0;
    int version = 0;
};

SchemaState readSchema(PostgresConnection& db, const std::string& schema)
{
    SchemaState s;
    // One round trip. A team project (rankpo team init) grants its schema to its members only: anyone else is told
    // so here rather than by the server's "permission denied for schema" on the first table (CASE keeps
    // has_schema_privilege and to_regclass off a schema that is not there or not theirs).
    auto st = db.prepare("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = CAST(?1 AS TEXT)), "
                         "(SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                         " WHERE n.nspname = CAST(?1 AS TEXT)), "
                         "CASE WHEN EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = CAST(?1 AS TEXT)) "
                         " THEN has_schema_privilege(CAST(?1 AS TEXT), 'USAGE') ELSE TRUE END, session_user, "
                         "CASE WHEN EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = CAST(?1 AS TEXT)) "
                         " AND has_schema_privilege(CAST(?1 AS TEXT), 'USAGE') "
                         " THEN to_regclass(quote_ident(CAST(?1 AS TEXT)) || '.rankpo_schema') IS NOT NULL "
                         " ELSE FALSE END");
    st.bind(1, schema);
    st.step();
    s.exists = st.int64(0) != 0;
    s.objects = st.int64(1);
    if (s.exists && st.int64(2) == 0)
        throw forbiddenError(db.location() + ": " + st.text(3) + " is not a member of project " + schema
                             + " (an admin of the project adds people with rankpo team add)");
    s.isProject = st.int64(4) != 0;
    st.reset();
    if (s.isProject) {
        auto info = db.prepare("SELECT application_id, version FROM rankpo_schema");
        if (info.step()) {
            s.applicationId = info.int64(0);
            s.version = info.int32(1);
        }
    }
    return s;
}

// The schema and its identity row, made once even when two programs create the project at the same moment.
void createSchema(PostgresConnection& db, const std::string& schema)
{
    Transaction tx(db);
    db.prepare("SELECT pg_advisory_xact_lock(hashtext('rankpo:' || CAST(? AS TEXT)))").bind(1, schema).run();
    db.exec("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"");
    db.exec("CREATE TABLE IF NOT EXISTS rankpo_schema ("
            " application_id BIGINT NOT NULL,"
            " version INTEGER NOT NULL,"
            " one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one))");
    db.prepare("INSERT INTO rankpo_schema(application_id, version) VALUES (?, 0) ON CONFLICT DO NOTHING")
        .bind(1, static_cast<std::int64_t>(ProjectStore::kApplicationId))
        .run();
    tx.commit();
}

} // namespace

std::unique_ptr<PostgresConnection> openPostgresProject(const std::string& location, ProjectStore::OpenMode mode,
                                                        int targetVersion, bool checkIntegrity)
{
    using OpenMode = ProjectStore::OpenMode;
    const PostgresUrl url = parsePostgresUrl(location);
    checkConninfo(url);
    auto db = std::make_unique<PostgresConnection>(url.conninfo, url.display);
    db->useSchema(url.project);
    const SchemaState state = readSchema(*db, url.project);
    const bool fresh = !state.exists || state.objects == 0;
    const bool readOnly = mode == OpenMode::ReadOnly;
    if ((mode == OpenMode::OpenExisting || readOnly) && fresh)
        throw usageError(url.display + ": no project " + url.project + " at " + url.server);
    if (mode == OpenMode::Create && !fresh)
        throw usageError(url.display + ": already exists (project " + url.project + " has data)");
    if (!fresh && (!state.isProject || state.applicationId != ProjectStore::kApplicationId))
        throw dataError(url.display + ": not a RankPO project (schema " + url.project + " holds other tables)");
    const int latest = static_cast<int>(postgresMigrations().size());
    if (state.version > latest)
        throw dataError(url.display + ": written by a newer RankPO Studio (project schema " + std::to_string(state.version)
                        + ", this program knows up to " + std::to_string(latest) + "); update the program to open it");
    if (readOnly && state.version < targetVersion)
        throw dataError(url.display + ": the project needs upgrading to schema " + std::to_string(targetVersion)
                        + " before it can be read (open it once for writing)");
    if (readOnly) {
        // A worker that only reads: the server refuses its writes, as SQLite does for a read-only file.
        db->exec("SET default_transaction_read_only = on");
        if (checkIntegrity)
            db->checkIntegrity();
        return db;
    }
    if (fresh)
        createSchema(*db, url.project);
    else if (checkIntegrity && state.version >= targetVersion)
        db->checkIntegrity();
    migratePostgres(*db, targetVersion);
    if (fresh) {
        Transaction tx(*db);
        db->prepare("INSERT INTO project_info(key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING")
            .bind(1, "created")
            .bind(2, std::to_string(std::time(nullptr)))
            .run();
        tx.commit();
    }
    return db;
}

} // namespace rankpo::db
