#pragma once

#include "core/evaluation/judged_ranking.h"
#include "core/evaluation/trec_qrels.h"
#include "core/evaluation/trec_run.h"

#include <cstddef>
#include <vector>

namespace rankpo {

// A run joined with its qrels, ready for either metric family.
struct TrecEvaluationInput {
    // One ranking per query that the run retrieves for AND the qrels judge (trec_eval's rule: a query
    // without relevance information is not evaluated), in query-id byte order.
    std::vector<JudgedRanking> rankings;
    std::size_t runQueriesWithoutQrels = 0;  // retrieved for, but never judged: skipped
    std::size_t qrelsQueriesWithoutRun = 0;  // judged, but nothing retrieved: skipped (trec_eval without -c)
};

// Ranks each query's run lines as trec_eval does (score descending, equal scores by docno in
// descending byte order, the rank column ignored) and attaches the qrels' relevance.
TrecEvaluationInput joinTrecRunWithQrels(const TrecQrels& qrels, const TrecRun& run);

} // namespace rankpo
