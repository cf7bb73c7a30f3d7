#include "db/judgement_outbox.h"

#include "core/util/content_hash.h"
#include "core/util/error.h"
#include "db/judgement_edits.h"
#include "db/postgres/postgres_url.h"
#include "db/sql/connection.h"
#include "db/sqlite/sqlite_connection.h"
#include "db/store_unavailable.h"

namespace rankpo::db {
namespace {

// Its own small schema, not a project's: the outbox is a queue, versioned by user_version.
constexpr const char* kSchema = R"(
CREATE TABLE IF NOT EXISTS outbox (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id   TEXT NOT NULL UNIQUE,
    pair_id     INTEGER NOT NULL,
    source      TEXT NOT NULL,
    annotator   TEXT NOT NULL,
    shown_first INTEGER NOT NULL,
    choice      TEXT NOT NULL,
    confidence  INTEGER,
    rationale   TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
PRAGMA user_version = 1;
)";

} // namespace

JudgementOutbox::JudgementOutbox(const std::string& path) : m_path(path), m_db(std::make_unique<SqliteConnection>(path))
{
    m_db->exec("PRAGMA journal_mode = WAL");
    m_db->exec(kSchema);
}

JudgementOutbox::~JudgementOutbox() = default;

void JudgementOutbox::keep(const Preference& p)
{
    if (p.clientId.empty())
        throw usageError(m_path + ": a judgement kept for later needs a client id");
    auto st = m_db->prepare("INSERT INTO outbox (client_id, pair_id, source, annotator, shown_first, choice, confidence, "
                            "rationale, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
    st.bind(1, p.clientId)
        .bind(2, p.pairId)
        .bind(3, toString(p.source))
        .bind(4, p.annotator)
        .bind(5, p.shownFirst)
        .bind(6, toString(p.choice))
        .bind(7, p.confidence)
        .bind(8, p.rationale)
        .bind(9, p.createdAt)
        .run();
}

bool JudgementOutbox::forget(const std::string& clientId)
{
    auto st = m_db->prepare("DELETE FROM outbox WHERE client_id = ?");
    st.bind(1, clientId).run();
    return m_db->changes() > 0;
}

std::size_t JudgementOutbox::size()
{
    auto st = m_db->prepare("SELECT count(*) FROM outbox");
    return st.step() ? static_cast<std::size_t>(st.int64(0)) : 0;
}

std::vector<Preference> JudgementOutbox::pending()
{
    std::vector<Preference> out;
    auto st = m_db->prepare("SELECT client_id, pair_id, source, annotator, shown_first, choice, confidence, rationale, "
                            "created_at FROM outbox ORDER BY seq");
    while (st.step()) {
        Preference p;
        p.clientId = st.text(0);
        p.pairId = st.int64(1);
        p.source = preferenceSourceFromString(st.textView(2)).value_or(PreferenceSource::Human);
        p.annotator = st.text(3);
        p.shownFirst = st.int64(4);
        p.choice = choiceFromString(st.textView(5)).value_or(Choice::Tie);
        if (!st.isNull(6))
            p.confidence = st.int32(6);
        p.rationale = st.text(7);
        p.createdAt = st.int64(8);
        out.push_back(std::move(p));
    }
    return out;
}

OutboxReport JudgementOutbox::send(ProjectStore& store)
{
    OutboxReport report;
    const std::vector<Preference> waiting = pending();
    for (std::size_t i = 0; i < waiting.size(); ++i) {
        const Preference& p = waiting[i];
        try {
            JudgementEdits(store).replace(p);
            ++report.sent;
        } catch (const Error& e) {
            // The server away (or out of resources): this one and all after it wait for the next try, in order.
            if (dynamic_cast<const StoreUnavailable*>(&e) || e.kind() == ErrorKind::Io || e.kind() == ErrorKind::Cancelled) {
                report.unreachable = true;
                report.lastError = e.what();
                report.kept = waiting.size() - i;
                return report;
            }
            report.dropped.push_back("P" + std::to_string(p.pairId) + " (" + p.clientId + "): " + e.what());
        } catch (const std::exception& e) {
            report.dropped.push_back("P" + std::to_string(p.pairId) + " (" + p.clientId + "): " + e.what());
        }
        forget(p.clientId); // stored, or refused for good
    }
    return report;
}

OutboxReport JudgementOutbox::record(ProjectStore& store, const Preference& judgement)
{
    // Kept first, so that a crash between sending and forgetting leaves it to be sent again (stored once).
    keep(judgement);
    return send(store);
}

bool usesOutbox(const std::string& projectLocation)
{
    return isPostgresUrl(projectLocation);
}

std::string outboxFileName(const std::string& projectLocation)
{
    return "outbox-" + ContentHash::of(projectLocation).hex().substr(0, 24) + ".sqlite";
}

} // namespace rankpo::db
