#pragma once

#include "db/sql/connection.h"

#include <memory>
#include <string>
#include <vector>

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace rankpo::db {

// A PGresult that clears itself.
struct PgResultDeleter {
    void operator()(PGresult* r) const;
};
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

// `?` and `?NNN` parameters numbered as PostgreSQL's $1..$n, with SQLite's rule for a bare `?` (one more than the
// largest number so far); string literals, quoted identifiers and comments are left alone. `count`: the largest;
// `used`: which of 1..count the text names.
std::string numberedParameters(std::string_view sql, int* count = nullptr, std::vector<bool>* used = nullptr);

// A connection to one PostgreSQL database through libpq, its search_path set to one project's schema.
// Statements are prepared on the server (PQprepare) and run with text parameters (bytea in binary); a whole
// result is fetched and read row by row. Errors are rankpo::Error with the server's message and the URL without
// its password (StoreUnavailable, an Io error, when the server cannot be reached or went away; Io for the server's
// other resource errors; Cancelled when an interrupt stopped a statement; Data else).
// A server that goes away (restart, network) breaks the connection: the call that finds out throws
// StoreUnavailable, and the next call reconnects (PQreset), sets the schema again and prepares each statement again
// on first use, so a long-lived store (the app's) survives a restart. A transaction the break cut short stays
// failed until the caller rolls it back: its statements are not run on the new session as if nothing happened.
class PostgresConnection final : public Connection {
public:
    // `conninfo` is libpq's (a URL or key=value text); `location` is what messages show (no password).
    PostgresConnection(const std::string& conninfo, std::string location);
    ~PostgresConnection() override;
    PostgresConnection(const PostgresConnection&) = delete;
    PostgresConnection& operator=(const PostgresConnection&) = delete;

    const std::string& location() const override { return m_location; }
    SqlDialect dialect() const override { return SqlDialect::Postgres; }
    void exec(std::string_view sql) override;
    Statement prepare(std::string_view sql) override;
    std::int64_t changes() const override { return m_changes; }
    bool inTransaction() const override;
    void begin(bool immediate) override;
    void commit() override;
    void rollback() override;
    void setInterrupt(const std::atomic<bool>* flag) override { m_interrupt = flag; }
    int schemaVersion() override;
    void checkIntegrity() override;
    void checkpoint() override {} // the server owns durability; there is no file to fold a log into
    // Counts the project's change notifications (LISTEN rankpo_changes; 0005's triggers notify at commit), read
    // from what the socket already holds: no round trip.
    std::optional<std::int64_t> externalChangeStamp() override;
    bool externalChangeStampIsTeamWork() const override { return true; }
    // The login role (session_user), asked once.
    std::optional<std::string> sessionUser() override;
    // `password` hashed for `role` the way the server stores passwords (SCRAM by default), so that ALTER ROLE
    // sends the hash and no plain password reaches the server's logs.
    std::string encryptPassword(const std::string& role, const std::string& password);

    // Sets search_path to `schema` (an identifier the caller has checked), so that the shared SQL names tables
    // without a schema.
    void useSchema(const std::string& schema);
    const std::string& schema() const { return m_schema; }

    // Runs a prepared statement (or, with `name` empty, `sql` with no parameters) and waits for its result,
    // polling the interrupt flag. Throws on failure.
    PgResult execPrepared(const std::string& name, int nParams, const char* const* values, const int* lengths,
                          const int* formats, const std::string& sqlForMessages);
    [[noreturn]] void throwError(const std::string& context, const PGresult* result) const;

private:
    PgResult waitForResult(const std::string& context);
    void deallocatePending();
    // Reconnects a broken connection (before any statement); throws StoreUnavailable when it cannot, or when the
    // break cut a transaction short and the caller has not rolled it back yet.
    void ensureConnected();
    // Prepares `name` on the server (again, after a reconnect, when `generation` is an older session's).
    void prepareOnServer(const std::string& name, const std::string& numbered, const std::vector<unsigned>& types,
                         const std::string& context);
    void reprepareIfNeeded(const std::string& name, const std::string& numbered, const std::vector<unsigned>& types,
                           int& generation, const std::string& sql);

    PGconn* m_conn = nullptr;
    std::string m_location;
    std::string m_schema;
    const std::atomic<bool>* m_interrupt = nullptr;
    std::int64_t m_changes = 0;
    int m_nextStatement = 0;
    bool m_listening = false;
    bool m_txOpen = false;  // begin() ran and neither commit() nor rollback() has since
    int m_generation = 0;   // counts reconnects: statements prepared in an older session are prepared again
    std::int64_t m_notified = 0;
    std::optional<std::string> m_user;
    // Names of statements whose owners are gone, deallocated on the server at the next safe moment (a failed
    // transaction refuses every command until it ends). Shared with the statements, which may outlive nothing
    // but must not touch the connection from their destructors.
    std::shared_ptr<std::vector<std::string>> m_released = std::make_shared<std::vector<std::string>>();

    friend class PostgresStatement;
};

} // namespace rankpo::db
