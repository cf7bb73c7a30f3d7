#include "core/evaluation/upstream_metrics_evaluator.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace rankpo {
namespace {

bool isHit(int relevance) { return relevance >= 1; }

// One entry of the pooled top-k lists that AUC@k is computed over.
struct PooledEntry {
    double score;
    int rank; // 0-based position in its query's list
    bool hit;
};

// Mann-Whitney form of the ROC AUC: P(score of a hit > score of a miss), equal scores counting half.
// It equals the trapezoidal area under scikit-learn's ROC curve. `sorted` is ascending by score.
double pooledAuc(const std::vector<PooledEntry>& sorted, int cutoff)
{
    double hits = 0.0, misses = 0.0, wins = 0.0;
    std::size_t i = 0;
    while (i < sorted.size()) {
        std::size_t j = i;
        double groupHits = 0.0, groupMisses = 0.0;
        for (; j < sorted.size() && sorted[j].score == sorted[i].score; ++j) {
            if (sorted[j].rank >= cutoff)
                continue;
            if (sorted[j].hit)
                groupHits += 1.0;
            else
                groupMisses += 1.0;
        }
        wins += groupHits * misses + 0.5 * groupHits * groupMisses;
        hits += groupHits;
        misses += groupMisses;
        i = j;
    }
    if (hits == 0.0 || misses == 0.0)
        return std::numeric_limits<double>::quiet_NaN();
    return wins / (hits * misses);
}

} // namespace

UpstreamMetricsEvaluator::UpstreamMetricsEvaluator(MetricCutoffs cutoffs) : m_cutoffs(std::move(cutoffs))
{
    for (const char* name : {"nDCG", "MRR", "Recall", "AUC"}) {
        for (int k : m_cutoffs.values())
            m_keys.push_back(metricKey(name, k));
    }
}

MetricValues UpstreamMetricsEvaluator::evaluate(const std::vector<JudgedRanking>& rankings) const
{
    const auto& cutoffs = m_cutoffs.values();
    const std::size_t nc = cutoffs.size();
    const auto maxCutoff = static_cast<std::size_t>(m_cutoffs.largest());
    std::vector<double> ndcg(nc, 0.0), mrr(nc, 0.0), recall(nc, 0.0);

    std::size_t longest = 0;
    std::size_t pooledSize = 0;
    for (const auto& ranking : rankings) {
        longest = std::max(longest, ranking.retrieved());
        pooledSize += std::min(ranking.retrieved(), maxCutoff);
    }
    // scikit-learn's discount, 1 / (log(i + 2) / log(2)), computed the same way.
    std::vector<double> discount(longest);
    for (std::size_t i = 0; i < longest; ++i)
        discount[i] = 1.0 / (std::log(static_cast<double>(i) + 2.0) / std::log(2.0));

    std::vector<PooledEntry> pooled;
    pooled.reserve(pooledSize);
    for (const auto& ranking : rankings) {
        const std::size_t n = ranking.retrieved();
        constexpr std::size_t kNoHit = std::numeric_limits<std::size_t>::max();
        std::size_t firstHit = kNoHit;
        std::size_t totalHits = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (isHit(ranking.relevance[i])) {
                firstHit = std::min(firstHit, i);
                ++totalHits;
            }
            if (i < maxCutoff)
                pooled.push_back({ranking.scores[i], static_cast<int>(i), isHit(ranking.relevance[i])});
        }
        const auto relevant = ranking.relevantCount();

        for (std::size_t c = 0; c < nc; ++c) {
            const auto k = static_cast<std::size_t>(cutoffs[c]);
            if (firstHit != kNoHit && firstHit < k)
                mrr[c] += 1.0 / static_cast<double>(firstHit + 1);

            std::size_t hitsInTopK = 0;
            for (std::size_t i = 0; i < std::min(k, n); ++i)
                hitsInTopK += isHit(ranking.relevance[i]) ? 1 : 0;
            const std::size_t denominator = std::max<std::size_t>(std::min({k, n, relevant}), 1);
            recall[c] += static_cast<double>(hitsInTopK) / static_cast<double>(denominator);

            // nDCG with tie-averaged gains: the ranking is sorted by score, so groups of equal scores are
            // contiguous; positions at or past k have discount 0.
            double ideal = 0.0;
            for (std::size_t i = 0; i < std::min(k, totalHits); ++i)
                ideal += discount[i];
            if (ideal == 0.0)
                continue; // no hit in the list: scikit-learn scores the query 0
            double dcg = 0.0;
            for (std::size_t start = 0; start < std::min(k, n);) {
                std::size_t end = start;
                double groupHits = 0.0;
                double groupDiscount = 0.0;
                for (; end < n && ranking.scores[end] == ranking.scores[start]; ++end) {
                    groupHits += isHit(ranking.relevance[end]) ? 1.0 : 0.0;
                    if (end < k)
                        groupDiscount += discount[end];
                }
                dcg += groupHits / static_cast<double>(end - start) * groupDiscount;
                start = end;
            }
            ndcg[c] += dcg / ideal;
        }
    }

    std::sort(pooled.begin(), pooled.end(), [](const PooledEntry& a, const PooledEntry& b) { return a.score < b.score; });

    MetricValues result;
    const double n = static_cast<double>(rankings.size());
    auto mean = [&](double sum) { return rankings.empty() ? 0.0 : sum / n; };
    for (std::size_t c = 0; c < nc; ++c)
        result.set(metricKey("nDCG", cutoffs[c]), mean(ndcg[c]));
    for (std::size_t c = 0; c < nc; ++c)
        result.set(metricKey("MRR", cutoffs[c]), mean(mrr[c]));
    for (std::size_t c = 0; c < nc; ++c)
        result.set(metricKey("Recall", cutoffs[c]), mean(recall[c]));
    for (std::size_t c = 0; c < nc; ++c)
        result.set(metricKey("AUC", cutoffs[c]), pooledAuc(pooled, cutoffs[c]));
    return result;
}

} // namespace rankpo
