#pragma once

// The project-level evaluation: rank every candidate for each job of a split with a model, the two ranking
// metric families over the rule labels, alignment with the split's preferences, stored in the project.
#include "core/domain/rule_label.h"
#include "core/evaluation/alignment_evaluator.h"
#include "core/evaluation/metric_cutoffs.h"
#include "core/evaluation/metric_values.h"
#include "db/evaluation_store.h"
#include "workflows/project_model.h"
#include "workflows/text_embedder.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rankpo::db {
class ProjectStore;
}

namespace rankpo::workflows {

struct EvaluationOptions : EncodingOptions {
    Split split = Split::Test;
    MetricCutoffs cutoffs;  // 1, 5, 10, 20, 100; the largest is how many candidates each job's ranking keeps
    bool store = true;      // save the evaluation (metrics and rankings) in the project
};

struct EvaluationResult {
    std::optional<std::int64_t> evaluationId; // when stored
    std::string model;                        // the name it is stored under (a folder: its absolute path)
    std::string identity;                     // ModelFolder::identity
    Split split = Split::Test;
    MetricValues standard;                    // trec_eval semantics, graded rule labels
    MetricValues upstream;                    // the paper's compute_metrics
    AlignmentReport alignment;                // the split's preferences
    std::size_t jobsRanked = 0;               // jobs of the split
    std::size_t jobsEvaluated = 0;            // of which with a relevant label: the metrics' queries
    std::size_t candidates = 0;               // ranked for each job
    EmbedCounts embeddings;                   // cache hits and texts encoded
    double seconds = 0;
    std::vector<db::RankedCandidate> rankings; // each job's top k (k = largest cutoff), best first
    // What is stored (EvaluationRecord::metricsJson): "model", "identity", "split", "cutoffs", "standard": {...},
    // "upstream": {...}, the standard "nDCG@20", "MRR@20", "Recall@20" again at the top level (when 20 is a
    // cutoff), "alignment_ai"/"_ci"/"_pairs" (and "alignment_human"... when the split has human preferences),
    // "alignment": {group: {"pairs", "aligned", "score_ties", "rate", "ci95"}}, "alignment_judged_ties",
    // "jobs_ranked", "jobs_evaluated", "candidates", "max_length_job", "max_length_candidate", "embeddings":
    // {"cached", "encoded"}, "seconds". Undefined rates are null.
    nlohmann::ordered_json json;
};

// Evaluates options.model (resolved in the project's catalog, loaded with the options' device and threads).
// Errors: unknown model (usage, lists the known ones); no train/test split (usage: run `rankpo split`); an empty
// split, no candidates, or no job of the split with a relevant label (data); Cancelled.
EvaluationResult evaluateModel(db::ProjectStore& store, const EvaluationOptions& options);

// The same with a model already loaded (a trainer's, the UI's). options.model is the name the evaluation is
// stored under; a name the project's catalog knows is normalised as in evaluateModel.
EvaluationResult evaluateModel(db::ProjectStore& store, TextEncoder& encoder, const EvaluationOptions& options);

// The evaluation itself, over any embedder: what the two above call. Stores under `modelName` when asked.
EvaluationResult evaluateEmbeddings(db::ProjectStore& store, TextEmbedder& embedder, const std::string& modelName,
                                    const EvaluationOptions& options);

} // namespace rankpo::workflows
