#pragma once

#include "core/evaluation/metric_keys.h"
#include "core/evaluation/ranking_evaluator.h"
#include "core/evaluation/judged_ranking.h"
#include "core/evaluation/metric_cutoffs.h"
#include "core/evaluation/metric_values.h"

#include <string>
#include <vector>

namespace rankpo {

// The `upstream` family: the paper's own evaluation, `compute_metrics` in src/utils.py of
// yflyzhang/RankPO (called from src/evaluate.py on FAISS top-K lists). Its numbers are only comparable
// with the paper's tables, never with trec_eval's. Relevance is binary (a document is a hit when its
// relevance is >= 1, the paper's np.isin(pred, label)) and everything is computed over the retrieved list:
//  - MRR@k:    1/rank of the first hit when that rank is <= k, else 0; mean over all queries.
//  - Recall@k: hits in the top k / max(min(k, retrieved, relevant), 1), where `relevant` counts every
//              relevant document of the query; a query without relevant documents scores 0.
//  - nDCG@k:   scikit-learn's ndcg_score(hits, scores, k=k) (ignore_ties=False): the list is ordered by
//              score and documents with equal scores share the average gain of their group; the ideal
//              DCG is that of the hits *within the retrieved list*; 0 when the list holds no hit.
//              Discount 1/log2(position + 1).
//  - AUC@k:    scikit-learn's roc_auc_score over the top-k entries of every query pooled into one list
//              (equal scores count half). NaN when the pooled entries are all hits or all misses
//              (scikit-learn raises "Only one class present in y_true" there).
// Generalised to lists of different lengths (the paper's lists all have length K): each query uses its
// own list, and AUC@k pools each query's first min(k, length) entries. scikit-learn refuses nDCG for a
// one-document list; here such a list gets the same formula.
class UpstreamMetricsEvaluator final : public RankingEvaluator {
public:
    static constexpr const char* kFamily = metric_keys::Upstream;

    explicit UpstreamMetricsEvaluator(MetricCutoffs cutoffs = MetricCutoffs());

    // "nDCG@...", "MRR@...", "Recall@...", "AUC@..." (cutoffs ascending within each).
    const char* family() const override { return kFamily; }
    const std::vector<std::string>& keys() const override { return m_keys; }
    // Means over `rankings` (AUC pooled); every value is 0 (AUC: NaN) for an empty list.
    MetricValues evaluate(const std::vector<JudgedRanking>& rankings) const override;

private:
    MetricCutoffs m_cutoffs;
    std::vector<std::string> m_keys;
};

} // namespace rankpo
