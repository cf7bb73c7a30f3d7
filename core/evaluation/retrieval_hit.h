#pragma once

#include "core/domain/ids.h"

namespace rankpo {

// One retrieved candidate of a job: what retrieval produces and a TREC run line holds.
struct RetrievalHit {
    JobId jobId = 0;
    int rank = 0;            // 1-based
    CandidateId candidateId = 0;
    double score = 0.0;      // cosine similarity
};

} // namespace rankpo
