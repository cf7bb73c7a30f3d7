#pragma once

#include "core/evaluation/agreement_evaluator.h"
#include "core/evaluation/alignment_evaluator.h"
#include "core/evaluation/judge_audit_evaluator.h"
#include "core/evaluation/metric_values.h"

#include <nlohmann/json.hpp>

namespace rankpo {

// JSON forms of the evaluation results, for the CLI's --json output and for storing evaluations.
// Undefined values (NaN: a rate without data, AUC over one class, kappa without chance disagreement)
// are written as null. Keys are stable.

// A number, or null where it is undefined (NaN).
template <typename JsonType = nlohmann::ordered_json>
JsonType numberOrNull(double value)
{
    return value != value ? JsonType(nullptr) : JsonType(value);
}

// {"nDCG@20": 0.41, ...} in the evaluator's order.
nlohmann::ordered_json toJson(const MetricValues& values);
// {"judged_ties": n, "groups": [{"group", "pairs", "aligned", "score_ties", "rate", "ci95": [lo, hi]}, ...]}
nlohmann::ordered_json toJson(const AlignmentReport& report);
// {"human_vs_ai": {...}, "between_raters": [{"rater_a", "rater_b", "shared_pairs", "comparisons",
//  "agreement", "expected_agreement", "kappa"}, ...]}
nlohmann::ordered_json toJson(const AgreementReport& report);
// {"position_bias": [...], "swap_consistency": [...], "calibration": [...]}
nlohmann::ordered_json toJson(const JudgeAuditReport& report);

} // namespace rankpo
