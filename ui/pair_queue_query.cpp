#include "ui/pair_queue_query.h"

#include "core/util/error.h"
#include "db/sqlite_database.h"

#include <sqlite3.h>

namespace rankpo::ui {
namespace {

int interruptWhenCancelled(void* flag)
{
    return static_cast<const std::atomic<bool>*>(flag)->load(std::memory_order_relaxed) ? 1 : 0;
}

// Clears SQLite's progress handler when the query is over, however it ends.
class ProgressHandlerGuard {
public:
    ProgressHandlerGuard(sqlite3* db, const std::atomic<bool>* flag) : m_db(flag ? db : nullptr)
    {
        if (m_db)
            sqlite3_progress_handler(m_db, 10000, &interruptWhenCancelled, const_cast<std::atomic<bool>*>(flag));
    }
    ~ProgressHandlerGuard()
    {
        if (m_db)
            sqlite3_progress_handler(m_db, 0, nullptr, nullptr);
    }

private:
    sqlite3* m_db;
};

} // namespace

std::string likePattern(const std::string& text)
{
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "%";
}

PairQueueSql buildPairQueueSql(const PairQueueQuery& q)
{
    PairQueueSql out;
    const bool needScores = !q.scoreModel.empty()
        && (q.order == QueueOrder::UncertainFirst || (q.filters & ModelAiDisagreement));
    std::string sql = "SELECT p.id FROM pairs p";
    if (needScores) {
        // LEFT JOINs: unscored pairs stay in the "uncertain first" order, after the scored ones.
        sql += " LEFT JOIN model_scores sl ON sl.model = ?3 AND sl.job_id = p.job_id AND sl.candidate_id = p.candidate_lo"
               " LEFT JOIN model_scores sh ON sh.model = ?3 AND sh.job_id = p.job_id AND sh.candidate_id = p.candidate_hi";
        out.bindings.push_back({3, q.scoreModel});
    }
    std::vector<std::string> where;
    if (q.filters & NotJudgedByMe) {
        where.push_back("p.id NOT IN (SELECT pair_id FROM preferences WHERE source = 'human' AND annotator = ?1)");
        out.bindings.push_back({1, q.annotator});
    }
    if (q.filters & AiOnly) {
        where.push_back("p.id IN (SELECT pair_id FROM preferences WHERE source = 'ai')");
        where.push_back("p.id NOT IN (SELECT pair_id FROM preferences WHERE source = 'human')");
    }
    if (q.filters & HumanAiDisagreement) {
        where.push_back("p.id IN (SELECT h.pair_id FROM preference_outcomes h JOIN preference_outcomes a "
                        "ON a.pair_id = h.pair_id AND a.source = 'ai' "
                        "WHERE h.source = 'human' AND coalesce(h.winner, 0) <> coalesce(a.winner, 0))");
    }
    if (q.filters & LowAiConfidence) {
        where.push_back("p.id IN (SELECT pair_id FROM preferences WHERE source = 'ai' AND confidence < ?2)");
        out.bindings.push_back({2, {}, q.lowConfidenceBelow, false});
    }
    if (q.filters & ModelAiDisagreement) {
        if (!needScores) {
            where.push_back("0"); // no score model: no model opinion to disagree with
        } else {
            where.push_back("sl.score IS NOT NULL AND sh.score IS NOT NULL AND sl.score <> sh.score");
            where.push_back("EXISTS (SELECT 1 FROM preference_outcomes a WHERE a.pair_id = p.id AND a.source = 'ai' "
                            "AND a.winner IS NOT NULL AND a.winner <> "
                            "(CASE WHEN sh.score > sl.score THEN p.candidate_hi ELSE p.candidate_lo END))");
        }
    }
    if (!q.search.empty()) {
        // Each subquery runs once (it is not correlated): one pass over the texts, then a lookup per pair.
        where.push_back("(p.job_id IN (SELECT id FROM jobs WHERE text LIKE ?4 ESCAPE '\\' OR external_id LIKE ?4 ESCAPE '\\')"
                        " OR p.candidate_lo IN (SELECT id FROM candidates WHERE text LIKE ?4 ESCAPE '\\' OR external_id LIKE ?4 ESCAPE '\\')"
                        " OR p.candidate_hi IN (SELECT id FROM candidates WHERE text LIKE ?4 ESCAPE '\\' OR external_id LIKE ?4 ESCAPE '\\'))");
        out.bindings.push_back({4, likePattern(q.search)});
    }
    for (std::size_t i = 0; i < where.size(); ++i)
        sql += (i == 0 ? " WHERE " : " AND ") + where[i];
    if (q.order == QueueOrder::UncertainFirst && needScores)
        sql += " ORDER BY (sl.score IS NULL OR sh.score IS NULL), abs(sh.score - sl.score), p.id";
    else
        sql += " ORDER BY p.id";
    out.sql = std::move(sql);
    return out;
}

std::vector<PairId> runPairQueueQuery(db::SqliteDatabase& db, const PairQueueQuery& query, const std::atomic<bool>* cancelled)
{
    const PairQueueSql built = buildPairQueueSql(query);
    ProgressHandlerGuard guard(db.handle(), cancelled);
    std::vector<PairId> ids;
    try {
        auto st = db.prepare(built.sql);
        for (const auto& b : built.bindings) {
            if (b.isText)
                st.bind(b.index, b.text);
            else
                st.bind(b.index, b.number);
        }
        while (st.step())
            ids.push_back(st.int64(0));
    } catch (const Error&) {
        if (cancelled && cancelled->load())
            throw Error(ErrorKind::Cancelled, "cancelled");
        throw;
    }
    return ids;
}

} // namespace rankpo::ui
