#pragma once

#include "core/evaluation/judged_ranking.h"
#include "core/evaluation/metric_values.h"

#include <string>
#include <vector>

namespace rankpo {

// What every ranking-metric family offers (sentence-transformers' evaluators, in our terms): its name, the
// stable keys it produces, and the means of those metrics over a set of judged rankings.
class RankingEvaluator {
public:
    virtual ~RankingEvaluator() = default;
    // The family's name: the key of its object in an evaluation's JSON (metric_keys::Standard, ...).
    virtual const char* family() const = 0;
    // "nDCG@1", "nDCG@5", ... in the order evaluate() fills them.
    virtual const std::vector<std::string>& keys() const = 0;
    virtual MetricValues evaluate(const std::vector<JudgedRanking>& rankings) const = 0;
};

} // namespace rankpo
