#pragma once

#include "core/domain/preference.h"

#include <cstddef>
#include <functional>
#include <string>

namespace rankpo {

// An unordered pair: a job and two candidates, the smaller id first.
struct PairKey {
    JobId jobId = 0;
    CandidateId lower = 0;
    CandidateId higher = 0;

    bool operator==(const PairKey& o) const { return jobId == o.jobId && lower == o.lower && higher == o.higher; }
    bool operator<(const PairKey& o) const
    {
        if (jobId != o.jobId)
            return jobId < o.jobId;
        return lower != o.lower ? lower < o.lower : higher < o.higher;
    }
};

struct PairKeyHash {
    std::size_t operator()(const PairKey& k) const noexcept
    {
        std::size_t h = std::hash<std::int64_t>()(k.jobId);
        h = h * 1000003u ^ std::hash<std::int64_t>()(k.lower);
        return h * 1000003u ^ std::hash<std::int64_t>()(k.higher);
    }
};

// A judgement in the frame of its unordered pair, so that judgements made in either display order, and
// by different raters, compare directly. The values are also the categories of Cohen's kappa.
enum class PairOutcome { LowerWins = 0, HigherWins = 1, Tie = 2 };
inline constexpr int kPairOutcomeCount = 3;

struct PairJudgement {
    PairKey pair;
    PairOutcome outcome = PairOutcome::Tie;
    bool lowerShownFirst = true;
};

// Throws a data error naming the preference when both shown candidates are the same.
PairJudgement toPairJudgement(const Preference& preference);

// The rater of a preference: "ai:<model>" or "human:<name>" (the annotator may be empty: "ai:").
std::string raterLabel(const Preference& preference);

} // namespace rankpo
