#pragma once

// The driver seam of the project store (db-internal: nothing outside db/ includes this). One Connection per
// database engine (SQLite today; PostgreSQL beside it), as Qt SQL has a QSqlDriver per database: the typed
// classes of db/ hold the SQL text and run it through this interface, so every engine serves the same
// readers and writers. SQL is written in the dialect both engines share (ON CONFLICT, RETURNING, SAVEPOINT,
// `?` parameters, which a driver that numbers its parameters rewrites); what differs is asked of dialect().
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace rankpo::db {

enum class SqlDialect { Sqlite, Postgres };

// One prepared statement of a driver. Parameter indices are 1-based, column indices 0-based.
class StatementBackend {
public:
    virtual ~StatementBackend() = default;
    virtual void bindInt64(int index, std::int64_t value) = 0;
    virtual void bindDouble(int index, double value) = 0;
    // `copy` false: the caller keeps the bytes alive until the statement is stepped (an import's hot loop).
    virtual void bindText(int index, std::string_view text, bool copy) = 0;
    virtual void bindBlob(int index, const void* data, std::size_t size) = 0;
    virtual void bindNull(int index) = 0;
    virtual bool step() = 0;
    virtual void reset() = 0;
    virtual bool isNull(int column) const = 0;
    virtual std::int64_t int64(int column) const = 0;
    virtual double real(int column) const = 0;
    virtual std::string_view textView(int column) const = 0; // valid until the next step()/reset()
    virtual std::string_view blobView(int column) const = 0;
};

// A prepared statement: a movable owner of a driver's statement with a fluent bind API.
class Statement {
public:
    Statement() = default;
    explicit Statement(std::unique_ptr<StatementBackend> backend) : m_backend(std::move(backend)) {}

    Statement& bind(int index, std::int64_t value) { return m_backend->bindInt64(index, value), *this; }
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value) { return m_backend->bindDouble(index, value), *this; }
    Statement& bind(int index, std::string_view text) { return m_backend->bindText(index, text, true), *this; }
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bindStatic(int index, std::string_view text) { return m_backend->bindText(index, text, false), *this; }
    Statement& bindBlob(int index, const void* data, std::size_t size)
    {
        return m_backend->bindBlob(index, data, size), *this;
    }
    Statement& bindNull(int index) { return m_backend->bindNull(index), *this; }
    template <typename T>
    Statement& bind(int index, const std::optional<T>& value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }

    // True while a row is available.
    bool step() { return m_backend->step(); }
    // Runs a statement that returns no rows, then resets it for the next bindings.
    void run()
    {
        while (step()) {
        }
        reset();
    }
    // Rewinds the statement and clears its bindings.
    void reset() { m_backend->reset(); }

    bool isNull(int column) const { return m_backend->isNull(column); }
    std::int64_t int64(int column) const { return m_backend->int64(column); }
    int int32(int column) const { return static_cast<int>(int64(column)); }
    double real(int column) const { return m_backend->real(column); }
    std::string text(int column) const { return std::string(textView(column)); }
    std::string_view textView(int column) const { return m_backend->textView(column); }
    std::string blob(int column) const { return std::string(m_backend->blobView(column)); }
    std::string_view blobView(int column) const { return m_backend->blobView(column); } // as textView
    std::optional<std::int64_t> optionalInt64(int column) const
    {
        return isNull(column) ? std::nullopt : std::optional<std::int64_t>(int64(column));
    }
    std::optional<std::string> optionalText(int column) const
    {
        return isNull(column) ? std::nullopt : std::optional<std::string>(text(column));
    }

private:
    std::unique_ptr<StatementBackend> m_backend;
};

// One open connection to a project's database. Errors are rankpo::Error with the engine's message and the
// project's location.
class Connection {
public:
    virtual ~Connection() = default;

    // The project file's path, or the server URL without its password.
    virtual const std::string& location() const = 0;
    virtual SqlDialect dialect() const = 0;

    virtual void exec(std::string_view sql) = 0;
    virtual Statement prepare(std::string_view sql) = 0;
    // Rows changed by the last INSERT, UPDATE or DELETE.
    virtual std::int64_t changes() const = 0;

    virtual bool inTransaction() const = 0;
    // `immediate`: take the write lock at once (SQLite), so two writers queue instead of failing at commit.
    virtual void begin(bool immediate) = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;

    // While `flag` is set, a running statement polls it and stops with rankpo::Error (Cancelled) when it
    // turns true. nullptr: no polling.
    virtual void setInterrupt(const std::atomic<bool>* flag) = 0;

    // The project schema's version (the last migration applied).
    virtual int schemaVersion() = 0;
    // A full check of the stored data; throws rankpo::Error (Data) naming what is damaged.
    virtual void checkIntegrity() = 0;
    // Folds what a write-ahead log holds back into the main file (before a project file is copied).
    virtual void checkpoint() = 0;
    // A number that changes whenever another connection has committed to the project since the last call (this
    // connection's own commits need not change it), so that an open app sees a teammate's judgements: cheap
    // enough to poll every second. nullopt: the engine cannot tell.
    virtual std::optional<std::int64_t> externalChangeStamp() { return std::nullopt; }
    // True when the stamp moves only for other connections' team work (judgements, decisions, assignments), so a
    // watcher needs no query of its own to tell team work from, say, a training run's metrics. A server's
    // notifications are that exact; a file's data_version moves for any commit.
    virtual bool externalChangeStampIsTeamWork() const { return false; }
    // Who the engine knows this connection as (a server's login role), so that a judgement is theirs without
    // their saying so; nullopt for a file, which knows nobody.
    virtual std::optional<std::string> sessionUser() { return std::nullopt; }
};

// Commits on commit(), rolls back if destroyed without it: every write of the store goes through one.
class Transaction {
public:
    explicit Transaction(Connection& db, bool immediate = true) : m_db(db) { m_db.begin(immediate); }
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Connection& m_db;
    bool m_done = false;
};

// A statement's interrupt flag for the scope of one query, cleared however the scope ends.
class InterruptScope {
public:
    InterruptScope(Connection& db, const std::atomic<bool>* flag) : m_db(db), m_active(flag != nullptr)
    {
        if (m_active)
            m_db.setInterrupt(flag);
    }
    ~InterruptScope()
    {
        if (m_active)
            m_db.setInterrupt(nullptr);
    }
    InterruptScope(const InterruptScope&) = delete;
    InterruptScope& operator=(const InterruptScope&) = delete;

private:
    Connection& m_db;
    bool m_active;
};

} // namespace rankpo::db
