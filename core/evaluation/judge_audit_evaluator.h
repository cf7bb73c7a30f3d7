#pragma once

#include "core/domain/preference.h"

#include <cstdint>
#include <string>
#include <vector>

namespace rankpo {

// Position bias: does the candidate shown first win more often than the 50% an unbiased judge gives?
struct PositionBiasStats {
    std::string judge;             // "ai" (every AI judge pooled) or "ai:<model>"
    std::int64_t judgements = 0;   // with a winner
    std::int64_t ties = 0;         // judged ties: not in `judgements`
    std::int64_t firstShownWins = 0;
    double firstShownWinRate = 0.0; // NaN without judgements
    double pValue = 1.0;            // exact two-sided binomial test against 0.5
};

// Swap consistency: a pair judged by the same judge in both display orders should get the same outcome.
struct SwapConsistencyStats {
    std::string judge;
    std::int64_t pairs = 0;          // pairs this judge saw in both orders
    std::int64_t comparisons = 0;    // each judgement in one order against each in the other
    std::int64_t consistent = 0;     // same outcome (same winner, or both ties)
    std::int64_t firstShownWonBoth = 0; // inconsistent because the first-shown candidate won both times
    double rate = 0.0;               // consistent / comparisons; NaN without comparisons
};

// Calibration: accuracy of the judge against human labels on the same pairs, by stated confidence.
struct CalibrationBucket {
    int lowerConfidence = 0; // inclusive
    int upperConfidence = 0; // exclusive, except the last bucket, which includes 100
    std::int64_t comparisons = 0;
    std::int64_t correct = 0;
    double accuracy = 0.0;       // NaN when empty
    double meanConfidence = 0.0; // in [0, 1]; NaN when empty
};

struct JudgeCalibration {
    std::string judge;
    std::int64_t comparisons = 0;       // AI judgement x human judgement of the same pair
    std::int64_t correct = 0;           // the same outcome as the human
    std::int64_t withoutConfidence = 0; // comparisons whose AI judgement states no confidence (no bucket)
    double accuracy = 0.0;              // NaN without comparisons
    double expectedCalibrationError = 0.0; // sum over buckets of share * |accuracy - mean confidence|; NaN when no bucket is filled
    std::vector<CalibrationBucket> buckets;
};

struct JudgeAuditReport {
    std::vector<PositionBiasStats> positionBias;
    std::vector<SwapConsistencyStats> swapConsistency;
    std::vector<JudgeCalibration> calibration;
};

// The AI-judge audit. Only AI preferences are audited; human preferences serve as the labels for
// calibration. Each section lists "ai" (all AI judges pooled) first, then each judge by name; a judge
// appears in every section, with zero counts where it has no data.
class JudgeAuditEvaluator {
public:
    // Confidence bucket edges, ascending, from 0 to 100: {0, 50, 60, 70, 80, 90, 100} gives [0,50),
    // [50,60), ..., [90,100]. Throws a usage error on anything else.
    explicit JudgeAuditEvaluator(std::vector<int> confidenceEdges = {0, 50, 60, 70, 80, 90, 100});

    // Throws a data error naming the preference when it shows the same candidate twice or states a
    // confidence outside 0..100.
    JudgeAuditReport evaluate(const std::vector<Preference>& preferences) const;

private:
    std::vector<int> m_edges;
};

} // namespace rankpo
