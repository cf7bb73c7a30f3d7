#include "db/pair_queue.h"

#include "core/util/error.h"
#include "db/pair_assignments.h"
#include "db/store_access.h"

#include <unordered_map>

namespace rankpo::db {
namespace {

// The SQL selecting the queue's pair ids in order, and the values of its parameters ?1..?4
// (annotator, confidence threshold, score model, LIKE pattern); only the ones the SQL uses are set.
struct PairQueueSql {
    std::string sql;
    struct Binding {
        int index;
        std::string text;
        std::int64_t number = 0;
        bool isText = true;
    };
    std::vector<Binding> bindings;
};

// A LIKE pattern matching `text` anywhere, with % _ and \ escaped (ESCAPE '\').
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

PairQueueSql buildPairQueueSql(const PairQueueQuery& q, bool caseInsensitiveLikeIsIlike, bool assignedFirst)
{
    PairQueueSql out;
    const auto bindAnnotator = [&] {
        for (const auto& b : out.bindings)
            if (b.index == 1)
                return;
        out.bindings.push_back({1, q.annotator});
    };
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
        bindAnnotator();
    }
    if (q.filters & AssignedToMe) {
        where.push_back("p.id IN (SELECT pair_id FROM assignments WHERE annotator = ?1)");
        bindAnnotator();
    }
    if (q.filters & NotJudgedYet)
        where.push_back("p.id NOT IN (SELECT pair_id FROM preferences)");
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
            where.push_back("1 = 0"); // no score model: no model opinion to disagree with
        } else {
            where.push_back("sl.score IS NOT NULL AND sh.score IS NOT NULL AND sl.score <> sh.score");
            where.push_back("EXISTS (SELECT 1 FROM preference_outcomes a WHERE a.pair_id = p.id AND a.source = 'ai' "
                            "AND a.winner IS NOT NULL AND a.winner <> "
                            "(CASE WHEN sh.score > sl.score THEN p.candidate_hi ELSE p.candidate_lo END))");
        }
    }
    if (!q.search.empty()) {
        // Each subquery runs once (it is not correlated): one pass over the texts, then a lookup per pair.
        // SQLite's LIKE ignores ASCII case; PostgreSQL's ILIKE does the same there.
        const std::string like = caseInsensitiveLikeIsIlike ? " ILIKE ?4 ESCAPE '\\'" : " LIKE ?4 ESCAPE '\\'";
        const std::string matches = "text" + like + " OR external_id" + like;
        where.push_back("(p.job_id IN (SELECT id FROM jobs WHERE " + matches + ")"
                        " OR p.candidate_lo IN (SELECT id FROM candidates WHERE " + matches + ")"
                        " OR p.candidate_hi IN (SELECT id FROM candidates WHERE " + matches + "))");
        out.bindings.push_back({4, likePattern(q.search)});
    }
    for (std::size_t i = 0; i < where.size(); ++i)
        sql += (i == 0 ? " WHERE " : " AND ") + where[i];
    // Only when there is something to put first: a computed sort key costs a sort of the whole selection, where
    // ORDER BY p.id alone walks the primary key.
    std::string first;
    if (assignedFirst && !(q.filters & AssignedToMe)) {
        first = "(p.id NOT IN (SELECT pair_id FROM assignments WHERE annotator = ?1)), ";
        bindAnnotator();
    }
    if (q.order == QueueOrder::UncertainFirst && needScores)
        sql += " ORDER BY " + first + "(sl.score IS NULL OR sh.score IS NULL), abs(sh.score - sl.score), p.id";
    else
        sql += " ORDER BY " + first + "p.id";
    out.sql = std::move(sql);
    return out;
}

} // namespace

std::vector<PairId> PairQueue::select(const PairQueueQuery& query, const std::atomic<bool>* cancelled)
{
    Connection& db = connectionOf(m_store);
    const bool assignedFirst = !query.annotator.empty() && PairAssignments(m_store).hasAssignments(query.annotator);
    const PairQueueSql built = buildPairQueueSql(query, db.dialect() == SqlDialect::Postgres, assignedFirst);
    InterruptScope interrupt(db, cancelled);
    std::vector<PairId> ids;
    auto st = db.prepare(built.sql);
    for (const auto& b : built.bindings) {
        if (b.isText)
            st.bind(b.index, b.text);
        else
            st.bind(b.index, b.number);
    }
    while (st.step())
        ids.push_back(st.int64(0));
    return ids;
}

std::vector<PairQueueRow> PairQueue::rows(const std::vector<PairId>& page, const std::string& scoreModel)
{
    std::vector<PairQueueRow> out;
    if (page.empty())
        return out;
    // The ids are numbers we hold, not user text: one statement for the whole page.
    std::string ids;
    for (PairId id : page)
        ids += (ids.empty() ? "" : ",") + std::to_string(id);
    auto st = connectionOf(m_store).prepare(
        "SELECT p.id, p.candidate_lo, p.candidate_hi, "
        "coalesce(nullif(j.title, ''), j.external_id, 'J' || j.id), "
        "coalesce(cl.external_id, 'C' || cl.id), coalesce(ch.external_id, 'C' || ch.id), "
        "sl.score, sh.score "
        "FROM pairs p JOIN jobs j ON j.id = p.job_id "
        "JOIN candidates cl ON cl.id = p.candidate_lo JOIN candidates ch ON ch.id = p.candidate_hi "
        "LEFT JOIN model_scores sl ON sl.model = ?1 AND sl.job_id = p.job_id AND sl.candidate_id = p.candidate_lo "
        "LEFT JOIN model_scores sh ON sh.model = ?1 AND sh.job_id = p.job_id AND sh.candidate_id = p.candidate_hi "
        "WHERE p.id IN (" + ids + ")");
    st.bind(1, scoreModel);
    std::unordered_map<PairId, PairQueueRow> found;
    while (st.step()) {
        PairQueueRow r;
        r.id = st.int64(0);
        r.lo = st.int64(1);
        r.hi = st.int64(2);
        r.jobLabel = st.text(3);
        r.loLabel = st.text(4);
        r.hiLabel = st.text(5);
        if (!st.isNull(6))
            r.scoreLo = st.real(6);
        if (!st.isNull(7))
            r.scoreHi = st.real(7);
        found.emplace(r.id, std::move(r));
    }
    for (auto& outcome : JudgementReader(m_store).outcomesOfPairs(page)) {
        auto it = found.find(outcome.pairId);
        if (it != found.end())
            it->second.judgements.push_back(std::move(outcome));
    }
    out.reserve(page.size());
    for (PairId id : page) {
        auto it = found.find(id);
        if (it != found.end())
            out.push_back(std::move(it->second));
    }
    return out;
}

} // namespace rankpo::db
