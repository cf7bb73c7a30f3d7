#pragma once

#include "core/domain/ids.h"

namespace rankpo {

// A rule-based relevance judgement of a candidate for a job: 0 = negative (the matching rules
// reject it), >= 1 = relevant (graded: higher is better). Binary data uses 1 for positives.
struct RuleLabel {
    JobId jobId = 0;
    CandidateId candidateId = 0;
    int relevance = 0;
};

enum class Split { Unassigned, Train, Test };

} // namespace rankpo
