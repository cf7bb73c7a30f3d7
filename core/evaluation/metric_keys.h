#pragma once

// The one definition of the evaluation's metric keys. The evaluators produce them, the project stores them
// (evaluations.metrics JSON), the CLI prints and writes them (--json), the studio reads them back: a key that
// changes breaks every stored evaluation, so these never change.
#include <string>
#include <string_view>

namespace rankpo::metric_keys {

// Ranking metric names, cut at k as "<name>@<k>" (metricKey in metric_cutoffs.h).
inline constexpr const char* NDCG = "nDCG";
inline constexpr const char* MRR = "MRR";
inline constexpr const char* Recall = "Recall";
inline constexpr const char* MAP = "MAP"; // standard family only
inline constexpr const char* AUC = "AUC"; // upstream family only

// The paper's headline cutoff, repeated at the top level of an evaluation's JSON (standard family).
inline constexpr int kHeadlineCutoff = 20;
inline constexpr const char* NDCG20 = "nDCG@20";
inline constexpr const char* MRR20 = "MRR@20";
inline constexpr const char* Recall20 = "Recall@20";

// Metric families (objects of an evaluation's JSON).
inline constexpr const char* Standard = "standard";
inline constexpr const char* Upstream = "upstream";

// Preference alignment: the share of held-out judgements whose preferred candidate the model scores higher.
inline constexpr const char* AlignmentAi = "alignment_ai";
inline constexpr const char* AlignmentHuman = "alignment_human";
// Per group ("all", "ai", "human", "ai:<judge>", "human:<name>"): {"pairs", "aligned", "score_ties", "rate", "ci95"}.
inline constexpr const char* AlignmentGroups = "alignment";
inline constexpr const char* AlignmentJudgedTies = "alignment_judged_ties";

// Suffixes of an alignment key: its 95% Wilson interval [lo, hi] and its number of pairs.
inline std::string interval(std::string_view key)
{
    return std::string(key) + "_ci";
}
inline std::string pairs(std::string_view key)
{
    return std::string(key) + "_pairs";
}

} // namespace rankpo::metric_keys
