#pragma once

#include "core/evaluation/metric_keys.h"
#include "core/evaluation/ranking_evaluator.h"
#include "core/evaluation/judged_ranking.h"
#include "core/evaluation/metric_cutoffs.h"
#include "core/evaluation/metric_values.h"

#include <string>
#include <vector>

namespace rankpo {

// The `standard` family: trec_eval's definitions (trec_eval 9.0.8, with relevance_level 1), so that
// numbers compare with anything evaluated by trec_eval or pytrec_eval.
//  - nDCG@k  = ndcg_cut_k: graded gain = the qrels relevance, discount 1/log2(rank+1); the ideal ranking
//              is every judged document with relevance >= 1, best first (retrieved or not); 0 when the
//              query has no relevant document.
//  - MRR@k   = recip_rank cut at k: 1/rank of the first relevant document if that rank is <= k, else 0
//              (trec_eval has no cut variant; this is recip_rank restricted to the top k).
//  - Recall@k = recall_k: relevant in the top k / all relevant documents of the query; 0 when none.
//  - MAP@k   = map_cut_k: sum of precision at each relevant rank <= k, divided by all relevant
//              documents of the query (not by min(k, relevant)); 0 when none.
// Means are over the queries given; trec_eval evaluates the queries of the run that have qrels, which
// is what TrecEvaluationInput hands over.
class StandardMetricsEvaluator final : public RankingEvaluator {
public:
    static constexpr const char* kFamily = metric_keys::Standard;

    explicit StandardMetricsEvaluator(MetricCutoffs cutoffs = MetricCutoffs());

    // "nDCG@1", "nDCG@5", ..., "MRR@...", "Recall@...", "MAP@...".
    const char* family() const override { return kFamily; }
    const std::vector<std::string>& keys() const override { return m_keys; }
    // One value per key for one query (what trec_eval -q prints).
    std::vector<double> evaluateQuery(const JudgedRanking& ranking) const;
    // The mean over `rankings`; every value is 0 for an empty list.
    MetricValues evaluate(const std::vector<JudgedRanking>& rankings) const override;

private:
    MetricCutoffs m_cutoffs;
    std::vector<std::string> m_keys;
};

} // namespace rankpo
