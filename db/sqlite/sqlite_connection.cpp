#include "db/sqlite/sqlite_connection.h"

#include "core/util/error.h"

#include <sqlite3.h>

#include <mutex>

namespace rankpo::db {

namespace {

// A prepared SQLite statement.
class SqliteStatement final : public StatementBackend {
public:
    SqliteStatement(const SqliteConnection& db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
    ~SqliteStatement() override { sqlite3_finalize(m_stmt); }

    void bindInt64(int index, std::int64_t value) override { check(sqlite3_bind_int64(m_stmt, index, value)); }
    void bindDouble(int index, double value) override { check(sqlite3_bind_double(m_stmt, index, value)); }
    void bindText(int index, std::string_view text, bool copy) override
    {
        // An empty view may have a null data pointer, which SQLite would bind as NULL, not as ''.
        if (text.data() == nullptr)
            text = std::string_view("", 0);
        check(sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), copy ? SQLITE_TRANSIENT : SQLITE_STATIC,
                                  SQLITE_UTF8));
    }
    void bindBlob(int index, const void* data, std::size_t size) override
    {
        check(sqlite3_bind_blob64(m_stmt, index, data, size, SQLITE_TRANSIENT));
    }
    void bindNull(int index) override { check(sqlite3_bind_null(m_stmt, index)); }

    bool step() override
    {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW)
            return true;
        if (rc == SQLITE_DONE)
            return false;
        m_db.throwError("statement failed");
    }
    void reset() override
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }

    bool isNull(int column) const override { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
    std::int64_t int64(int column) const override { return sqlite3_column_int64(m_stmt, column); }
    double real(int column) const override { return sqlite3_column_double(m_stmt, column); }
    std::string_view textView(int column) const override
    {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
        if (!p)
            return {};
        return std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
    }
    std::string_view blobView(int column) const override
    {
        const auto* p = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
        if (!p)
            return {};
        return std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
    }

private:
    void check(int rc) const
    {
        if (rc != SQLITE_OK)
            m_db.throwError("bind");
    }

    const SqliteConnection& m_db;
    sqlite3_stmt* m_stmt;
};

int interruptWhenSet(void* flag)
{
    return static_cast<const std::atomic<bool>*>(flag)->load(std::memory_order_relaxed) ? 1 : 0;
}

} // namespace

SqliteConnection::SqliteConnection(const std::string& path, bool readOnly, bool create)
{
    // SQLite's memory statistics take a global mutex on every allocation; we never read them.
    static std::once_flag configured;
    std::call_once(configured, [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        sqlite3_initialize();
    });
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    flags |= readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (!readOnly && create)
        flags |= SQLITE_OPEN_CREATE;
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        throw ioError(path + ": cannot open: " + message);
    }
    m_db = db;
    m_path = path;
    sqlite3_extended_result_codes(m_db, 1);
    // A second connection (the GUI reading while a worker writes) waits instead of failing at once.
    sqlite3_busy_timeout(m_db, 5000);
}

SqliteConnection::~SqliteConnection()
{
    sqlite3_close_v2(m_db);
}

void SqliteConnection::throwError(const std::string& context) const
{
    const int primary = lastErrorCode();
    if (primary == SQLITE_INTERRUPT)
        throw Error(ErrorKind::Cancelled, "cancelled");
    std::string message = m_path + ": " + context + ": " + sqlite3_errmsg(m_db);
    if (primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR || primary == SQLITE_FULL || primary == SQLITE_READONLY
        || primary == SQLITE_PERM)
        throw ioError(message);
    throw dataError(message);
}

void SqliteConnection::exec(std::string_view sql)
{
    std::string owned(sql);
    char* err = nullptr;
    if (sqlite3_exec(m_db, owned.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string message = err ? err : "unknown error";
        sqlite3_free(err);
        throwError("SQL failed (" + message + ")");
    }
}

Statement SqliteConnection::prepare(std::string_view sql)
{
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
        throwError("cannot prepare '" + std::string(sql.substr(0, 80)) + "'");
    return Statement(std::make_unique<SqliteStatement>(*this, stmt));
}

std::int64_t SqliteConnection::changes() const
{
    return sqlite3_changes64(m_db);
}

int SqliteConnection::userVersion()
{
    auto st = prepare("PRAGMA user_version");
    st.step();
    return st.int32(0);
}

void SqliteConnection::setUserVersion(int version)
{
    exec("PRAGMA user_version = " + std::to_string(version));
}

bool SqliteConnection::inTransaction() const
{
    return !sqlite3_get_autocommit(m_db);
}

void SqliteConnection::begin(bool immediate)
{
    exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

void SqliteConnection::commit()
{
    exec("COMMIT");
}

void SqliteConnection::rollback()
{
    exec("ROLLBACK");
}

void SqliteConnection::setInterrupt(const std::atomic<bool>* flag)
{
    // Every 10,000 virtual-machine steps: a few milliseconds of a long scan.
    if (flag)
        sqlite3_progress_handler(m_db, 10000, &interruptWhenSet, const_cast<std::atomic<bool>*>(flag));
    else
        sqlite3_progress_handler(m_db, 0, nullptr, nullptr);
}

void SqliteConnection::checkIntegrity()
{
    auto check = prepare("PRAGMA quick_check");
    std::string problems;
    int n = 0;
    while (check.step()) {
        const std::string row = check.text(0);
        if (row != "ok" && n++ < 3)
            problems += (problems.empty() ? "" : "; ") + row;
    }
    if (!problems.empty())
        throw dataError(m_path + ": the project file is damaged (" + problems + ")");
}

std::optional<std::int64_t> SqliteConnection::externalChangeStamp()
{
    auto st = prepare("PRAGMA data_version");
    if (!st.step())
        return std::nullopt;
    return st.int64(0);
}

void SqliteConnection::checkpoint()
{
    exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

int SqliteConnection::lastErrorCode() const
{
    return sqlite3_errcode(m_db) & 0xff;
}

std::string SqliteConnection::lastErrorMessage() const
{
    return sqlite3_errmsg(m_db);
}

} // namespace rankpo::db
