#pragma once

#include "core/domain/preference.h"
#include "core/evaluation/job_candidate_scores.h"
#include "core/evaluation/wilson_interval.h"

#include <cstdint>
#include <string>
#include <vector>

namespace rankpo {

// How often a model agrees with a group of preference judgements.
struct AlignmentGroup {
    std::string group;          // "all", "ai", "human", "ai:<model>", "human:<name>"
    std::int64_t pairs = 0;     // judgements with a winner (each judgement counts, also a pair judged twice)
    std::int64_t scoreTies = 0; // of which the model scored both candidates exactly alike
    double aligned = 0.0;       // winner scored higher: 1; equal scores: 1/2
    double rate = 0.0;          // aligned / pairs; NaN with no pairs
    ProportionInterval interval95;
};

struct AlignmentReport {
    std::vector<AlignmentGroup> groups; // "all" first, then "ai", "human", then each rater by name
    std::int64_t judgedTies = 0;        // preferences without a winner: not counted anywhere
};

// Alignment: the share of held-out preference judgements where the model scores the preferred candidate
// higher than the other one, per source and per rater, with a 95% Wilson interval. The caller decides
// which preferences are held out. A group appears only when it has pairs ("all" always does).
class AlignmentEvaluator {
public:
    // Throws a data error naming the job, candidate and preference when `scores` lacks a needed score,
    // or when a preference shows the same candidate twice.
    AlignmentReport evaluate(const std::vector<Preference>& preferences, const JobCandidateScores& scores) const;
};

} // namespace rankpo
