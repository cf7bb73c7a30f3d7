#include "core/evaluation/standard_metrics_evaluator.h"

#include <algorithm>
#include <cmath>

namespace rankpo {
namespace {

constexpr const char* kMetricNames[] = {"nDCG", "MRR", "Recall", "MAP"};
constexpr std::size_t kMetricCount = 4;

} // namespace

StandardMetricsEvaluator::StandardMetricsEvaluator(MetricCutoffs cutoffs) : m_cutoffs(std::move(cutoffs))
{
    for (const char* name : kMetricNames) {
        for (int k : m_cutoffs.values())
            m_keys.push_back(metricKey(name, k));
    }
}

std::vector<double> StandardMetricsEvaluator::evaluateQuery(const JudgedRanking& ranking) const
{
    const auto& cutoffs = m_cutoffs.values();
    const std::size_t nc = cutoffs.size();
    std::vector<double> values(kMetricCount * nc, 0.0);
    const double relevantCount = static_cast<double>(ranking.relevantCount());
    if (ranking.relevantCount() == 0)
        return values; // trec_eval: every measure here is 0 for a query without relevant documents

    // One walk down the ranking, as far as the largest cutoff; a cutoff's values are taken when the
    // walk reaches it (or at the end, for cutoffs past the ranking's length).
    const std::size_t depth = std::min<std::size_t>(ranking.retrieved(), static_cast<std::size_t>(m_cutoffs.largest()));
    double dcg = 0.0;
    double reciprocalRank = 0.0;
    double relevantSoFar = 0.0;
    double precisionSum = 0.0;
    std::size_t next = 0;
    auto fill = [&](std::size_t c) {
        values[0 * nc + c] = dcg;            // divided by the ideal DCG below
        values[1 * nc + c] = reciprocalRank;
        values[2 * nc + c] = relevantSoFar / relevantCount;
        values[3 * nc + c] = precisionSum / relevantCount;
    };
    for (std::size_t i = 0; i < depth; ++i) {
        const int rel = ranking.relevance[i];
        if (rel >= 1) {
            dcg += rel / std::log2(static_cast<double>(i + 2));
            relevantSoFar += 1.0;
            precisionSum += relevantSoFar / static_cast<double>(i + 1);
            if (reciprocalRank == 0.0)
                reciprocalRank = 1.0 / static_cast<double>(i + 1);
        }
        while (next < nc && static_cast<std::size_t>(cutoffs[next]) == i + 1)
            fill(next++);
    }
    while (next < nc)
        fill(next++);

    // The ideal DCG at each cutoff, over the judged relevance levels best first. It is > 0: the query
    // has a relevant document and every cutoff is >= 1.
    double idealDcg = 0.0;
    std::size_t i = 0;
    for (std::size_t c = 0; c < nc; ++c) {
        const std::size_t limit = std::min<std::size_t>(static_cast<std::size_t>(cutoffs[c]), ranking.idealGains.size());
        for (; i < limit; ++i)
            idealDcg += ranking.idealGains[i] / std::log2(static_cast<double>(i + 2));
        values[c] /= idealDcg;
    }
    return values;
}

MetricValues StandardMetricsEvaluator::evaluate(const std::vector<JudgedRanking>& rankings) const
{
    std::vector<double> sums(m_keys.size(), 0.0);
    for (const auto& ranking : rankings) {
        const auto values = evaluateQuery(ranking);
        for (std::size_t i = 0; i < sums.size(); ++i)
            sums[i] += values[i];
    }
    MetricValues result;
    const double n = static_cast<double>(rankings.size());
    for (std::size_t i = 0; i < m_keys.size(); ++i)
        result.set(m_keys[i], rankings.empty() ? 0.0 : sums[i] / n);
    return result;
}

} // namespace rankpo
