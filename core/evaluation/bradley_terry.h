#pragma once

#include "core/domain/ids.h"
#include "core/domain/preference.h"

#include <cstdint>
#include <map>
#include <vector>

namespace rankpo {

// One judgement between two candidates of the same job; with `tie`, winner and loser are just the two.
struct PairwiseComparison {
    CandidateId winner = 0;
    CandidateId loser = 0;
    bool tie = false;
};

struct BradleyTerryOptions {
    // The weak prior: every pair of candidates compared at least once gets `priorWins` extra wins each
    // way (half a win by default). It keeps the scores of candidates that never lose or never win finite
    // and pulls pairs seen once towards even; pairs never compared get none, so the prior adds no link
    // between candidates that the votes do not link. Bootstrap resamples keep the prior on the pairs of
    // the original data (it belongs to the design, not to the votes drawn).
    double priorWins = 0.5;
    int resamples = 1000;          // bootstrap resamples of the comparisons; 0: no intervals
    std::uint64_t seed = 20250311; // resample b draws with SplitMix64(deriveSeed(seed, b))
    double level = 0.95;           // of the percentile intervals
    double tolerance = 1e-10;      // Newton stops when every gradient entry is below this (in wins)
    int maxIterations = 100;
};

struct BradleyTerryScore {
    CandidateId candidate = 0;
    int group = 0;          // index into BradleyTerryResult::groups
    double score = 0.0;     // log-strength: P(i beats j) = 1 / (1 + exp(score_j - score_i)); mean 0 in each group
    double lower = 0.0;     // bootstrap percentile interval (numpy's default, linear); = score without resamples
    double upper = 0.0;
    double wins = 0.0;      // observed, a tie counting half
    double losses = 0.0;
    std::int64_t comparisons = 0;
};

// A > B, B > C, C > A, each by a strict majority of the votes between the two (a tie counts half each
// way). `a` is the smallest id of the three.
struct IntransitiveTriad {
    CandidateId a = 0;
    CandidateId b = 0;
    CandidateId c = 0;
    bool operator==(const IntransitiveTriad& o) const { return a == o.a && b == o.b && c == o.c; }
};

struct BradleyTerryResult {
    // Candidates linked by comparisons, each group sorted by id, groups by their smallest id. Scores are
    // comparable within a group only: a job whose comparisons fall into unconnected groups is scored
    // per group, and split() says so.
    std::vector<std::vector<CandidateId>> groups;
    std::vector<BradleyTerryScore> scores; // by group, then best score first (ties by id)
    std::vector<IntransitiveTriad> triads; // sorted
    std::int64_t comparisons = 0;
    int iterations = 0;                    // Newton iterations of the point estimate, all groups

    bool split() const { return groups.size() > 1; }
};

// The maximum-likelihood Bradley-Terry scores of one job's candidates (Newton's method on the
// log-likelihood with the prior's pseudo-wins, to convergence), bootstrap intervals and intransitive
// triads. `candidates` adds candidates without comparisons (each its own group, score 0). Throws a
// usage error on a comparison of a candidate with itself or on bad options.
BradleyTerryResult fitBradleyTerry(const std::vector<PairwiseComparison>& comparisons, const BradleyTerryOptions& options = {},
                                   const std::vector<CandidateId>& candidates = {});

// Per job, from preferences (AI, human or both: the caller filters): shown first/second and the choice.
std::map<JobId, BradleyTerryResult> fitBradleyTerryByJob(const std::vector<Preference>& preferences,
                                                         const BradleyTerryOptions& options = {});

} // namespace rankpo
