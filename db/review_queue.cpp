#include "db/review_queue.h"

#include "db/judgement_reader.h"
#include "db/project_store.h"
#include "db/store_access.h"

namespace rankpo::db {

std::vector<ReviewItem> reviewQueue(ProjectStore& store, const ReviewQuery& query)
{
    // People who chose different outcomes (0 stands for a tie), or, with the AI, a person and a judge who did.
    std::string sql = "SELECT pair_id FROM preference_outcomes WHERE source = 'human' GROUP BY pair_id "
                      "HAVING count(DISTINCT coalesce(winner, 0)) > 1";
    if (query.withAi)
        sql += " UNION SELECT h.pair_id FROM preference_outcomes h JOIN preference_outcomes a "
               "ON a.pair_id = h.pair_id AND a.source = 'ai' "
               "WHERE h.source = 'human' AND coalesce(h.winner, 0) <> coalesce(a.winner, 0)";
    sql = "SELECT p.id, p.job_id, p.candidate_lo, p.candidate_hi FROM pairs p WHERE p.id IN (" + sql + ")";
    if (!query.includeDecided)
        sql += " AND p.id NOT IN (SELECT pair_id FROM adjudications)";
    sql += " ORDER BY p.id";
    std::vector<ReviewItem> items;
    {
        auto st = connectionOf(store).prepare(sql);
        while (st.step()) {
            ReviewItem item;
            item.pairId = st.int64(0);
            item.jobId = st.int64(1);
            item.lo = st.int64(2);
            item.hi = st.int64(3);
            items.push_back(std::move(item));
        }
    }
    JudgementReader reader(store);
    Adjudications decisions(store);
    for (ReviewItem& item : items) {
        for (Preference& p : reader.ofPair(item.pairId))
            if (query.withAi || p.source == PreferenceSource::Human)
                item.judgements.push_back(std::move(p));
        item.decision = decisions.of(item.pairId);
    }
    return items;
}

} // namespace rankpo::db
