#pragma once

#include "db/sql/connection.h"

#include <string>

struct sqlite3;

namespace rankpo::db {

// A connection to one SQLite file. Errors become rankpo::Error with SQLite's message and the file's path
// (Io for files that cannot be opened, read or written; Data otherwise).
class SqliteConnection final : public Connection {
public:
    SqliteConnection(const std::string& path, bool readOnly = false, bool create = true);
    ~SqliteConnection() override;
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    const std::string& location() const override { return m_path; }
    SqlDialect dialect() const override { return SqlDialect::Sqlite; }
    void exec(std::string_view sql) override;
    Statement prepare(std::string_view sql) override;
    std::int64_t changes() const override;
    bool inTransaction() const override;
    void begin(bool immediate) override;
    void commit() override;
    void rollback() override;
    void setInterrupt(const std::atomic<bool>* flag) override;
    int schemaVersion() override { return userVersion(); }
    void checkIntegrity() override;
    void checkpoint() override;
    // PRAGMA data_version: changes exactly when another connection (this process or another) has committed.
    std::optional<std::int64_t> externalChangeStamp() override;

    const std::string& path() const { return m_path; }
    int userVersion();
    void setUserVersion(int version);
    // The result code of the last failed call (SQLITE_CORRUPT, SQLITE_NOTADB, ...), primary part only.
    int lastErrorCode() const;
    std::string lastErrorMessage() const;

    [[noreturn]] void throwError(const std::string& context) const;

private:
    sqlite3* m_db = nullptr;
    std::string m_path;
};

} // namespace rankpo::db
