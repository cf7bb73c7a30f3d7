#pragma once

#include "core/evaluation/retrieval_hit.h"

#include <cstdint>
#include <vector>

namespace rankpo {

// The exact top k of every query, row-major [queries x k]: each row best first (score descending; equal
// scores: the lower candidate row first, so the result is deterministic).
struct TopKResult {
    std::int64_t queries = 0;
    std::int64_t k = 0;                 // min(requested k, number of candidates)
    std::vector<std::int64_t> indices;  // candidate rows
    std::vector<float> scores;          // inner products (cosine for L2-normalised embeddings)

    std::int64_t index(std::int64_t query, std::int64_t rank) const { return indices[static_cast<std::size_t>(query * k + rank)]; }
    float score(std::int64_t query, std::int64_t rank) const { return scores[static_cast<std::size_t>(query * k + rank)]; }
};

// Names the rows: jobIds[q] is query row q, candidateIds[c] candidate row c. Ranks are 1-based. Throws a
// usage error when the id lists do not cover the rows the result refers to.
std::vector<RetrievalHit> toRetrievalHits(const TopKResult& result, const std::vector<JobId>& jobIds,
                                          const std::vector<CandidateId>& candidateIds);

} // namespace rankpo
