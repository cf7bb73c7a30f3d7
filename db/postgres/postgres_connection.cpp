#include "db/postgres/postgres_connection.h"

#include "core/util/error.h"
#include "db/store_unavailable.h"

#include <libpq-fe.h>

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace rankpo::db {

void PgResultDeleter::operator()(PGresult* r) const
{
    PQclear(r);
}

std::string numberedParameters(std::string_view sql, int* count, std::vector<bool>* used)
{
    std::string out;
    out.reserve(sql.size() + 16);
    int largest = 0;
    std::size_t i = 0;
    auto copyUntil = [&](std::string_view end) {
        // Copies through the next `end` (or to the end of the text); a doubled quote stays inside the literal.
        const std::size_t stop = sql.find(end, i);
        const std::size_t last = stop == std::string_view::npos ? sql.size() : stop + end.size();
        out.append(sql.substr(i, last - i));
        i = last;
    };
    while (i < sql.size()) {
        const char c = sql[i];
        if (c == '\'' || c == '"') {
            out += c;
            ++i;
            copyUntil(std::string_view(&c, 1)); // '' inside a literal: two literals back to back, same text
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            copyUntil("\n");
        } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
            copyUntil("*/");
        } else if (c == '?') {
            std::size_t j = i + 1;
            int n = 0;
            while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9')
                n = n * 10 + (sql[j++] - '0');
            if (j == i + 1)
                n = largest + 1;
            largest = std::max(largest, n);
            if (used) {
                if (used->size() < static_cast<std::size_t>(n))
                    used->resize(static_cast<std::size_t>(n), false);
                (*used)[static_cast<std::size_t>(n - 1)] = true;
            }
            out += '$' + std::to_string(n);
            i = j;
        } else {
            out += c;
            ++i;
        }
    }
    if (count)
        *count = largest;
    return out;
}

// One prepared statement on the server. Parameters are kept as text (bytea as binary) until step() runs it; the
// whole result is then read row by row.
class PostgresStatement final : public StatementBackend {
public:
    PostgresStatement(PostgresConnection& db, std::string name, int nParams, std::string sql, std::string numbered,
                      std::vector<unsigned> types)
        : m_db(db)
        , m_released(db.m_released)
        , m_name(std::move(name))
        , m_sql(std::move(sql))
        , m_numbered(std::move(numbered))
        , m_types(std::move(types))
        , m_generation(db.m_generation)
        , m_values(static_cast<std::size_t>(nParams))
        , m_isNull(static_cast<std::size_t>(nParams), true)
        , m_formats(static_cast<std::size_t>(nParams), 0)
    {
    }
    ~PostgresStatement() override { m_released->push_back(m_name); }

    void bindInt64(int index, std::int64_t value) override { set(index, std::to_string(value), 0); }
    void bindDouble(int index, double value) override
    {
        if (std::isnan(value))
            return set(index, "NaN", 0);
        if (std::isinf(value))
            return set(index, value > 0 ? "Infinity" : "-Infinity", 0);
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", value);
        set(index, buf, 0);
    }
    void bindText(int index, std::string_view text, bool) override { set(index, std::string(text), 0); }
    void bindBlob(int index, const void* data, std::size_t size) override
    {
        set(index, std::string(static_cast<const char*>(data), size), 1);
    }
    void bindNull(int index) override
    {
        slot(index);
        m_isNull[index - 1] = true;
    }

    bool step() override
    {
        if (m_done) {
            // As SQLite does: stepping a finished statement runs it again with the same bindings.
            m_result.reset();
            m_done = false;
        }
        if (!m_result) {
            run();
            m_row = -1;
        }
        if (++m_row < m_rows)
            return true;
        m_done = true;
        return false;
    }
    void reset() override
    {
        m_result.reset();
        m_done = false;
        m_row = -1;
        m_rows = 0;
        std::fill(m_isNull.begin(), m_isNull.end(), true);
        std::fill(m_formats.begin(), m_formats.end(), 0);
    }

    bool isNull(int column) const override { return !valid(column) || PQgetisnull(m_result.get(), m_row, column); }
    std::int64_t int64(int column) const override
    {
        if (isNull(column))
            return 0;
        const char* v = PQgetvalue(m_result.get(), m_row, column);
        if (PQftype(m_result.get(), column) == kBoolOid)
            return v[0] == 't' ? 1 : 0;
        char* end = nullptr;
        const long long n = std::strtoll(v, &end, 10);
        if (*end == '.' || *end == 'e' || *end == 'E')
            return static_cast<std::int64_t>(std::strtod(v, nullptr)); // numeric, as SQLite truncates a real
        return n;
    }
    double real(int column) const override
    {
        if (isNull(column))
            return 0.0;
        const char* v = PQgetvalue(m_result.get(), m_row, column);
        if (PQftype(m_result.get(), column) == kBoolOid)
            return v[0] == 't' ? 1.0 : 0.0;
        return std::strtod(v, nullptr);
    }
    std::string_view textView(int column) const override
    {
        if (isNull(column))
            return {};
        if (PQftype(m_result.get(), column) == kByteaOid)
            return blobView(column);
        return std::string_view(PQgetvalue(m_result.get(), m_row, column),
                                static_cast<std::size_t>(PQgetlength(m_result.get(), m_row, column)));
    }
    std::string_view blobView(int column) const override
    {
        if (isNull(column))
            return {};
        const char* v = PQgetvalue(m_result.get(), m_row, column);
        if (PQftype(m_result.get(), column) != kByteaOid)
            return std::string_view(v, static_cast<std::size_t>(PQgetlength(m_result.get(), m_row, column)));
        // bytea comes as text (\x hex): decoded once per row and column.
        auto& cached = m_decoded[static_cast<std::size_t>(column)];
        if (cached.row != m_row || cached.result != m_result.get()) {
            std::size_t size = 0;
            unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(v), &size);
            if (!bytes)
                throw dataError(m_db.location() + ": cannot decode a bytea value (out of memory)");
            cached.bytes.assign(reinterpret_cast<const char*>(bytes), size);
            PQfreemem(bytes);
            cached.row = m_row;
            cached.result = m_result.get();
        }
        return cached.bytes;
    }

private:
    static constexpr unsigned kBoolOid = 16;
    static constexpr unsigned kByteaOid = 17;

    struct Decoded {
        int row = -1;
        const PGresult* result = nullptr;
        std::string bytes;
    };

    void slot(int index) const
    {
        if (index < 1 || index > static_cast<int>(m_values.size()))
            throw dataError(m_db.location() + ": bind: parameter " + std::to_string(index) + " out of range (the "
                            "statement has " + std::to_string(m_values.size()) + ")");
    }
    void set(int index, std::string value, int format)
    {
        slot(index);
        m_values[index - 1] = std::move(value);
        m_isNull[index - 1] = false;
        m_formats[index - 1] = format;
    }
    bool valid(int column) const
    {
        return m_result && m_row >= 0 && m_row < m_rows && column >= 0 && column < PQnfields(m_result.get());
    }
    void run()
    {
        const std::size_t n = m_values.size();
        std::vector<const char*> values(n);
        std::vector<int> lengths(n);
        for (std::size_t i = 0; i < n; ++i) {
            values[i] = m_isNull[i] ? nullptr : m_values[i].c_str();
            lengths[i] = static_cast<int>(m_values[i].size());
        }
        m_db.reprepareIfNeeded(m_name, m_numbered, m_types, m_generation, m_sql);
        m_result = m_db.execPrepared(m_name, static_cast<int>(n), values.data(), lengths.data(), m_formats.data(), m_sql);
        m_rows = PQntuples(m_result.get());
        m_decoded.assign(static_cast<std::size_t>(PQnfields(m_result.get())), Decoded{});
    }

    PostgresConnection& m_db;
    std::shared_ptr<std::vector<std::string>> m_released;
    std::string m_name;
    std::string m_sql;
    std::string m_numbered;
    std::vector<unsigned> m_types;
    int m_generation;
    std::vector<std::string> m_values;
    std::vector<bool> m_isNull;
    std::vector<int> m_formats;
    PgResult m_result;
    int m_rows = 0;
    int m_row = -1;
    bool m_done = false;
    mutable std::vector<Decoded> m_decoded;
};

namespace {

bool isIoState(const char* state)
{
    // 08: connection exceptions; 53: out of resources (disk full, too many connections); 57P0x: server shutdown;
    // 25006: a read-only transaction refused a write (as SQLITE_READONLY); 58: system errors.
    if (!state)
        return true;
    return std::strncmp(state, "08", 2) == 0 || std::strncmp(state, "53", 2) == 0 || std::strncmp(state, "58", 2) == 0
        || std::strncmp(state, "57P0", 4) == 0 || std::strcmp(state, "25006") == 0;
}

// The states that mean the server went away (or is going) rather than refused what we asked: 08 connection
// exceptions, 57P01-57P03 shutdown / crash shutdown / cannot connect now (starting up).
bool isUnavailableState(const char* state)
{
    return state
        && (std::strncmp(state, "08", 2) == 0 || std::strcmp(state, "57P01") == 0 || std::strcmp(state, "57P02") == 0
            || std::strcmp(state, "57P03") == 0);
}

std::string trimmed(std::string s)
{
    while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
        s.pop_back();
    return s;
}

} // namespace

PostgresConnection::PostgresConnection(const std::string& conninfo, std::string location)
    : m_location(std::move(location))
{
    // fallback_application_name: the server's views name us unless the URL says otherwise; client_encoding:
    // our texts are UTF-8 whatever the database's locale.
    const char* keys[] = {"dbname", "fallback_application_name", "client_encoding", nullptr};
    const char* values[] = {conninfo.c_str(), "rankpo", "UTF8", nullptr};
    m_conn = PQconnectdbParams(keys, values, 1);
    if (!m_conn)
        throw ioError(m_location + ": cannot connect: out of memory");
    if (PQstatus(m_conn) != CONNECTION_OK) {
        const std::string message = trimmed(PQerrorMessage(m_conn));
        PQfinish(m_conn);
        m_conn = nullptr;
        throw ioError(m_location + ": cannot connect: " + message);
    }
    // Notices (a schema that already exists, ...) are for a console, not for our users' terminals.
    PQsetNoticeProcessor(m_conn, [](void*, const char*) {}, nullptr);
}

PostgresConnection::~PostgresConnection()
{
    PQfinish(m_conn);
}

void PostgresConnection::throwError(const std::string& context, const PGresult* result) const
{
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    if (state && std::strcmp(state, "57014") == 0)
        throw Error(ErrorKind::Cancelled, "cancelled");
    std::string message;
    if (result && PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY)) {
        message = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
        if (const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL))
            message += std::string(" (") + detail + ")";
    } else {
        message = trimmed(PQerrorMessage(m_conn));
    }
    const std::string text = m_location + ": " + context + ": " + message;
    if (PQstatus(m_conn) != CONNECTION_OK || isUnavailableState(state))
        throw StoreUnavailable(text + " (the server cannot be reached; the next try reconnects)");
    if (isIoState(state))
        throw ioError(text);
    // insufficient_privilege: a privilege the project's owner did not grant, or a row-level policy of a team
    // project (db/postgres/postgres_team.cpp) that the row breaks.
    if (state && std::strcmp(state, "42501") == 0)
        throw forbiddenError(text);
    throw dataError(text);
}

PgResult PostgresConnection::waitForResult(const std::string& context)
{
    bool cancelSent = false;
    PgResult kept;   // the last result of a multi-statement text, or the first error
    bool failed = false;
    for (;;) {
        while (PQisBusy(m_conn)) {
            pollfd fd{PQsocket(m_conn), POLLIN, 0};
            // With an interrupt flag, wake every 20 ms to look at it; without, wait for the server.
            const int rc = ::poll(&fd, 1, m_interrupt ? 20 : -1);
            if (rc < 0 && errno != EINTR)
                throw StoreUnavailable(m_location + ": " + context + ": waiting for the server failed: "
                                       + std::strerror(errno));
            if (m_interrupt && !cancelSent && m_interrupt->load(std::memory_order_relaxed)) {
                if (PGcancel* cancel = PQgetCancel(m_conn)) {
                    char err[256];
                    PQcancel(cancel, err, sizeof err);
                    PQfreeCancel(cancel);
                }
                cancelSent = true;
            }
            if (rc > 0 && !PQconsumeInput(m_conn))
                throwError(context, nullptr);
        }
        PGresult* r = PQgetResult(m_conn);
        if (!r)
            break;
        const ExecStatusType status = PQresultStatus(r);
        const bool error = status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE || status == PGRES_NONFATAL_ERROR;
        if (failed) {
            PQclear(r); // after an error, the rest of a multi-statement text did not run
        } else {
            kept.reset(r);
            failed = error;
        }
    }
    if (!kept)
        throwError(context, nullptr);
    if (failed)
        throwError(context, kept.get());
    const char* command = PQcmdStatus(kept.get());
    if (std::strncmp(command, "INSERT", 6) == 0 || std::strncmp(command, "UPDATE", 6) == 0
        || std::strncmp(command, "DELETE", 6) == 0) {
        m_changes = std::strtoll(PQcmdTuples(kept.get()), nullptr, 10);
    }
    return kept;
}

void PostgresConnection::ensureConnected()
{
    if (PQstatus(m_conn) == CONNECTION_OK)
        return;
    if (m_txOpen)
        throw StoreUnavailable(m_location + ": the connection to the server was lost during a transaction, which the "
                                            "server rolled back; nothing of it was written");
    PQreset(m_conn);
    if (PQstatus(m_conn) != CONNECTION_OK)
        throw StoreUnavailable(m_location + ": the server cannot be reached: " + trimmed(PQerrorMessage(m_conn)));
    // A new session: nothing prepared, no search_path, no LISTEN. Notifications sent while we were away are lost,
    // so the change stamp moves once (an open app reloads).
    ++m_generation;
    m_released->clear();
    if (m_listening) {
        m_listening = false;
        ++m_notified;
    }
    if (!m_schema.empty()) {
        PgResult r(PQexec(m_conn, ("SET search_path TO \"" + m_schema + "\"").c_str()));
        if (PQresultStatus(r.get()) != PGRES_COMMAND_OK)
            throwError("setting the schema after reconnecting", r.get());
    }
}

void PostgresConnection::prepareOnServer(const std::string& name, const std::string& numbered,
                                         const std::vector<unsigned>& types, const std::string& context)
{
    static_assert(sizeof(Oid) == sizeof(unsigned), "Oid is an unsigned int");
    if (!PQsendPrepare(m_conn, name.c_str(), numbered.c_str(), static_cast<int>(types.size()),
                       types.empty() ? nullptr : reinterpret_cast<const Oid*>(types.data())))
        throwError(context, nullptr);
    waitForResult(context);
}

void PostgresConnection::reprepareIfNeeded(const std::string& name, const std::string& numbered,
                                           const std::vector<unsigned>& types, int& generation, const std::string& sql)
{
    ensureConnected();
    if (generation == m_generation)
        return;
    prepareOnServer(name, numbered, types, "cannot prepare '" + sql.substr(0, 80) + "' again after reconnecting");
    generation = m_generation;
}

void PostgresConnection::deallocatePending()
{
    if (m_released->empty() || PQtransactionStatus(m_conn) == PQTRANS_INERROR)
        return;
    std::string sql;
    for (const auto& name : *m_released)
        sql += "DEALLOCATE " + name + ";";
    m_released->clear();
    PGresult* r = PQexec(m_conn, sql.c_str());
    PQclear(r); // a statement that is already gone is no loss
}

PgResult PostgresConnection::execPrepared(const std::string& name, int nParams, const char* const* values,
                                          const int* lengths, const int* formats, const std::string& sqlForMessages)
{
    ensureConnected();
    const int sent = name.empty() ? PQsendQuery(m_conn, sqlForMessages.c_str())
                                  : PQsendQueryPrepared(m_conn, name.c_str(), nParams, values, lengths, formats, 0);
    const std::string context = "statement failed ('" + sqlForMessages.substr(0, 80) + "')";
    if (!sent)
        throwError(context, nullptr);
    return waitForResult(context);
}

void PostgresConnection::exec(std::string_view sql)
{
    execPrepared({}, 0, nullptr, nullptr, nullptr, std::string(sql));
}

Statement PostgresConnection::prepare(std::string_view sql)
{
    ensureConnected();
    deallocatePending();
    int nParams = 0;
    std::vector<bool> used;
    const std::string numbered = numberedParameters(sql, &nParams, &used);
    // A number the text skips (?3 with no ?1, as a reader that binds only the filters it uses writes) has no
    // context to infer a type from: declare it text; the server infers the others from where they stand.
    constexpr Oid kTextOid = 25;
    std::vector<unsigned> types(static_cast<std::size_t>(nParams), 0);
    for (std::size_t i = 0; i < types.size(); ++i) {
        if (!used[i])
            types[i] = kTextOid;
    }
    std::string name = "rankpo_" + std::to_string(++m_nextStatement);
    const std::string context = "cannot prepare '" + std::string(sql.substr(0, 80)) + "'";
    prepareOnServer(name, numbered, types, context);
    return Statement(std::make_unique<PostgresStatement>(*this, std::move(name), nParams, std::string(sql), numbered,
                                                         std::move(types)));
}

bool PostgresConnection::inTransaction() const
{
    // A broken connection's status is UNKNOWN: then only what begin() opened counts.
    const PGTransactionStatusType status = PQtransactionStatus(m_conn);
    return m_txOpen || (status != PQTRANS_IDLE && status != PQTRANS_UNKNOWN);
}

void PostgresConnection::begin(bool)
{
    // As SQLite: a transaction inside a transaction is a mistake of ours, not something to warn about and go on.
    if (inTransaction())
        throw dataError(m_location + ": cannot start a transaction within a transaction");
    ensureConnected();
    deallocatePending();
    exec("BEGIN");
    m_txOpen = true;
}

void PostgresConnection::commit()
{
    // Whatever happens, the transaction is over: a lost reply to COMMIT leaves its outcome unknown, which is what
    // client ids are for (a retry stores a judgement once).
    struct Ended {
        bool& open;
        ~Ended() { open = false; }
    } ended{m_txOpen};
    if (PQstatus(m_conn) != CONNECTION_OK)
        throw StoreUnavailable(m_location + ": the connection to the server was lost during a transaction, which the "
                                            "server rolled back; nothing of it was written");
    // PostgreSQL answers COMMIT in a failed transaction with a rollback and no error: say that nothing was kept.
    if (PQtransactionStatus(m_conn) == PQTRANS_INERROR) {
        exec("ROLLBACK");
        throw dataError(m_location + ": the transaction failed earlier and was rolled back; nothing was written");
    }
    PgResult r = execPrepared({}, 0, nullptr, nullptr, nullptr, "COMMIT");
    if (std::strcmp(PQcmdStatus(r.get()), "ROLLBACK") == 0)
        throw dataError(m_location + ": the transaction was rolled back; nothing was written");
    deallocatePending();
}

void PostgresConnection::rollback()
{
    m_txOpen = false;
    if (PQstatus(m_conn) != CONNECTION_OK)
        return; // the server ended the transaction with the connection; the next call reconnects
    exec("ROLLBACK");
    deallocatePending();
}

void PostgresConnection::useSchema(const std::string& schema)
{
    exec("SET search_path TO \"" + schema + "\"");
    m_schema = schema;
}

int PostgresConnection::schemaVersion()
{
    auto st = prepare("SELECT version FROM rankpo_schema");
    return st.step() ? st.int32(0) : 0;
}

void PostgresConnection::checkIntegrity()
{
    // The server keeps its own pages intact (checksums, WAL); what can go wrong is a schema someone edited by hand.
    // A cheap check: every table of the store is there, and the project's identity row is single.
    auto st = prepare("SELECT t FROM unnest(CAST(? AS TEXT[])) AS t WHERE to_regclass(quote_ident(?) || '.' || t) IS NULL");
    st.bind(1, "{project_info,jobs,candidates,external_ids,pairs,preferences,labels,models,runs,run_metrics,"
               "evaluations,evaluation_rankings,embeddings,model_scores,judge_runs,judge_failures}")
        .bind(2, m_schema);
    std::string missing;
    while (st.step())
        missing += (missing.empty() ? "" : ", ") + st.text(0);
    if (!missing.empty() && schemaVersion() >= 4)
        throw dataError(m_location + ": the project is damaged (missing tables: " + missing + ")");
    auto rows = prepare("SELECT count(*) FROM rankpo_schema");
    rows.step();
    if (rows.int64(0) != 1)
        throw dataError(m_location + ": the project is damaged (rankpo_schema holds " + std::to_string(rows.int64(0))
                        + " rows, not 1)");
}

std::optional<std::int64_t> PostgresConnection::externalChangeStamp()
{
    // LISTEN once (0005's triggers notify rankpo_changes with the schema's name at commit); then each call only
    // reads what the socket already holds: no round trip, nothing to wait for.
    if (!m_listening) {
        if (inTransaction())
            return std::nullopt;
        exec("LISTEN rankpo_changes");
        m_listening = true;
    }
    if (PQconsumeInput(m_conn) == 0)
        throwError("reading notifications", nullptr);
    // A session hears its own NOTIFY at commit: those are edits this app has shown already.
    const int self = PQbackendPID(m_conn);
    while (PGnotify* n = PQnotifies(m_conn)) {
        if (m_schema == n->extra && n->be_pid != self)
            ++m_notified;
        PQfreemem(n);
    }
    return m_notified;
}

std::optional<std::string> PostgresConnection::sessionUser()
{
    if (!m_user) {
        auto st = prepare("SELECT session_user");
        if (st.step())
            m_user = st.text(0);
    }
    return m_user;
}

std::string PostgresConnection::encryptPassword(const std::string& role, const std::string& password)
{
    ensureConnected();
    char* hashed = PQencryptPasswordConn(m_conn, password.c_str(), role.c_str(), nullptr);
    if (!hashed)
        throw dataError(m_location + ": cannot hash the password for " + role + ": " + trimmed(PQerrorMessage(m_conn)));
    std::string out(hashed);
    PQfreemem(hashed);
    return out;
}

} // namespace rankpo::db
