#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace rankpo::db {

class Statement;

// A thin RAII owner of one SQLite connection. Errors become rankpo::Error with SQLite's message.
class SqliteDatabase {
public:
    SqliteDatabase() = default;
    explicit SqliteDatabase(const std::string& path, bool readOnly = false, bool create = true);
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;
    SqliteDatabase(SqliteDatabase&& other) noexcept;
    SqliteDatabase& operator=(SqliteDatabase&& other) noexcept;

    void open(const std::string& path, bool readOnly = false, bool create = true);
    void close();
    bool isOpen() const { return m_db != nullptr; }
    const std::string& path() const { return m_path; }

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql);
    std::int64_t lastInsertRowId() const;
    int changes() const;
    int userVersion();
    void setUserVersion(int version);
    bool inTransaction() const;
    sqlite3* handle() const { return m_db; }

    [[noreturn]] void throwError(const std::string& context) const;

private:
    sqlite3* m_db = nullptr;
    std::string m_path;
};

// A prepared statement. bind() indices are 1-based as in SQLite; column() indices 0-based.
class Statement {
public:
    Statement() = default;
    Statement(SqliteDatabase& db, sqlite3_stmt* stmt) : m_db(&db), m_stmt(stmt) {}
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text); // copied by SQLite (SQLITE_TRANSIENT)
    Statement& bindStatic(int index, std::string_view text); // caller keeps text alive until step()
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bindBlob(int index, const void* data, std::size_t size);
    Statement& bindNull(int index);
    template <typename T>
    Statement& bind(int index, const std::optional<T>& value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }

    // Returns true while a row is available.
    bool step();
    // Runs a statement that returns no rows.
    void run();
    void reset();

    bool isNull(int column) const;
    std::int64_t int64(int column) const;
    int int32(int column) const { return static_cast<int>(int64(column)); }
    double real(int column) const;
    std::string text(int column) const;
    std::string_view textView(int column) const; // valid until the next step()/reset()
    std::string blob(int column) const;
    std::optional<std::int64_t> optionalInt64(int column) const;
    std::optional<std::string> optionalText(int column) const;

private:
    SqliteDatabase* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
};

// Commits on commit(), rolls back if destroyed without it: every write of the store goes through one.
class Transaction {
public:
    explicit Transaction(SqliteDatabase& db, bool immediate = true);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    SqliteDatabase& m_db;
    bool m_done = false;
};

} // namespace rankpo::db
