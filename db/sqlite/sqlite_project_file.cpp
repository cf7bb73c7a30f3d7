#include "db/sqlite/sqlite_project_file.h"

#include "core/util/error.h"
#include "db/sqlite/sqlite_connection.h"
#include "db/sqlite/sqlite_migrations.h"

#include <sqlite3.h>

#include <ctime>
#include <sys/stat.h>

namespace rankpo::db {
namespace {

bool fileExists(const std::string& path, std::int64_t* size = nullptr)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return false;
    if (size)
        *size = static_cast<std::int64_t>(st.st_size);
    return true;
}

// A truncated or overwritten file fails its first reads with SQLITE_CORRUPT: say so in the user's terms.
void throwIfDamaged(const SqliteConnection& db)
{
    if (db.lastErrorCode() == SQLITE_CORRUPT)
        throw dataError(db.path() + ": the project file is damaged (" + db.lastErrorMessage() + ")");
}

} // namespace

std::unique_ptr<SqliteConnection> openSqliteProjectFile(const std::string& path, ProjectStore::OpenMode mode,
                                                        int targetVersion, bool checkIntegrity)
{
    using OpenMode = ProjectStore::OpenMode;
    std::int64_t size = 0;
    const bool exists = fileExists(path, &size);
    if ((mode == OpenMode::OpenExisting || mode == OpenMode::ReadOnly) && !exists)
        throw ioError(path + ": no such project file");
    if (mode == OpenMode::Create && exists && size > 0)
        throw usageError(path + ": already exists");
    const bool readOnly = mode == OpenMode::ReadOnly;

    auto db = std::make_unique<SqliteConnection>(path, readOnly, mode == OpenMode::Create || mode == OpenMode::OpenOrCreate);
    int appId = 0;
    int version = 0;
    std::int64_t objects = 0;
    try {
        auto st = db->prepare("PRAGMA application_id");
        st.step();
        appId = st.int32(0);
        version = db->userVersion();
        auto count = db->prepare("SELECT count(*) FROM sqlite_schema");
        count.step();
        objects = count.int64(0);
    } catch (const Error&) {
        if (db->lastErrorCode() == SQLITE_NOTADB)
            throw dataError(path + ": not a RankPO project (not an SQLite database)");
        throwIfDamaged(*db);
        throw;
    }
    const bool fresh = appId == 0 && version == 0 && objects == 0;
    if (!fresh && appId != ProjectStore::kApplicationId)
        throw dataError(path + ": not a RankPO project (an SQLite database of another program)");
    if (version > latestSchemaVersion())
        throw dataError(path + ": written by a newer RankPO Studio (project schema " + std::to_string(version)
                        + ", this program knows up to " + std::to_string(latestSchemaVersion())
                        + "); update the program to open it");
    if (readOnly && (fresh || version < targetVersion))
        throw dataError(path + ": the project file needs upgrading to schema " + std::to_string(targetVersion)
                        + " before it can be read (open it once for writing)");

    if (!readOnly) {
        // WAL lets the GUI read while a worker writes; NORMAL sync is durable across app crashes in WAL.
        db->exec("PRAGMA journal_mode = WAL");
        db->exec("PRAGMA synchronous = NORMAL");
    }
    db->exec("PRAGMA foreign_keys = ON");

    try {
        if (!fresh && checkIntegrity)
            db->checkIntegrity();
        if (readOnly)
            return db;
        if (fresh)
            db->exec("PRAGMA application_id = " + std::to_string(ProjectStore::kApplicationId));
        migrateSqlite(*db, targetVersion);
    } catch (const Error&) {
        throwIfDamaged(*db);
        throw;
    }
    if (fresh) {
        Transaction tx(*db);
        auto st = db->prepare("INSERT INTO project_info(key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING");
        st.bind(1, "created").bind(2, std::to_string(std::time(nullptr))).run();
        tx.commit();
    }
    return db;
}

} // namespace rankpo::db
