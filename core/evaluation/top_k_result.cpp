#include "core/evaluation/top_k_result.h"

#include "core/util/error.h"

#include <string>

namespace rankpo {

std::vector<RetrievalHit> toRetrievalHits(const TopKResult& result, const std::vector<JobId>& jobIds,
                                          const std::vector<CandidateId>& candidateIds)
{
    if (static_cast<std::int64_t>(jobIds.size()) != result.queries)
        throw usageError("retrieval hits: " + std::to_string(jobIds.size()) + " job ids for "
                         + std::to_string(result.queries) + " query rows");
    std::vector<RetrievalHit> hits;
    hits.reserve(static_cast<std::size_t>(result.queries * result.k));
    for (std::int64_t q = 0; q < result.queries; ++q) {
        for (std::int64_t r = 0; r < result.k; ++r) {
            const std::int64_t row = result.index(q, r);
            if (row < 0 || row >= static_cast<std::int64_t>(candidateIds.size()))
                throw usageError("retrieval hits: candidate row " + std::to_string(row) + " but only "
                                 + std::to_string(candidateIds.size()) + " candidate ids");
            hits.push_back({jobIds[static_cast<std::size_t>(q)], static_cast<int>(r + 1),
                            candidateIds[static_cast<std::size_t>(row)], result.score(q, r)});
        }
    }
    return hits;
}

} // namespace rankpo
