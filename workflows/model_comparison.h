#pragma once

// Two or more models side by side on one split: their stored evaluations (evaluating a model that has none, or
// whose files changed since), metric deltas against the first model, and per job how its top candidates moved.
#include "core/domain/rule_label.h"
#include "core/evaluation/metric_cutoffs.h"
#include "db/evaluation_store.h"
#include "workflows/project_model.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace rankpo::db {
class ProjectStore;
}

namespace rankpo::workflows {

struct CompareOptions : EncodingOptions { // the encoding options apply to models evaluated now
    std::vector<std::string> models;      // at least two; the first is the baseline
    Split split = Split::Test;
    MetricCutoffs cutoffs;                // for models evaluated now
    int top = 20;                         // rank moves within each job's top `top`
    std::size_t movesPerJob = 5;          // biggest moves kept per job
};

struct ComparedModel {
    std::string name;
    db::EvaluationRecord evaluation;
    nlohmann::ordered_json metrics;       // the evaluation's stored JSON
    bool evaluatedNow = false;
};

struct CandidateMove {
    CandidateId candidate = 0;
    std::string reference;
    std::optional<int> rankFrom; // nullopt: below the stored ranking of the baseline
    std::optional<int> rankTo;   // the same for the other model
};

struct JobRankChanges {
    JobId job = 0;
    std::string reference;
    int overlap = 0;                         // candidates in both tops
    std::vector<CandidateMove> entered;      // in the other model's top, not in the baseline's (best first)
    std::vector<CandidateMove> left;         // in the baseline's top, not in the other's
    std::vector<CandidateMove> biggestMoves; // in either top with both ranks known, largest |change| first
};

struct RankComparison {
    std::string from; // the baseline
    std::string to;
    int top = 20;     // min(options.top, the shallower stored ranking)
    int depthFrom = 0; // ranks each stored ranking holds: a rank beyond is unknown
    int depthTo = 0;
    std::size_t jobsCompared = 0;
    std::size_t jobsChanged = 0; // with a candidate entering or leaving the top
    double meanOverlap = 0;      // mean share of the top both models have in common
    std::vector<JobRankChanges> jobs;
};

struct ModelComparison {
    Split split = Split::Test;
    std::vector<ComparedModel> models;
    std::vector<RankComparison> rankChanges; // the baseline against each other model
    // {"split", "models": [{"name", "evaluation_id", "identity", "created_at", "evaluated_now"}],
    //  "metrics": {"standard": {"nDCG@20": {"values": [...], "deltas": [...]}}, "upstream": {...},
    //              "alignment": {"ai": {...}, "human": {...}, "ai:<judge>": {...}}},
    //  "rank_changes": [{"from", "to", "top", "depth_from", "depth_to", "jobs_compared", "jobs_changed", "mean_overlap",
    //                    "jobs": [{"job", "job_id", "overlap", "entered": [{"candidate", "candidate_id",
    //                    "rank_from", "rank_to"}], "left": [...], "biggest_moves": [...]}]}]}
    // deltas[i] = values[i + 1] - values[0]; null where either is undefined.
    nlohmann::ordered_json json;
};

// Errors: fewer than two models, the same model twice, an unknown model (usage); those of evaluateModel.
ModelComparison compareModels(db::ProjectStore& store, const CompareOptions& options);

// How the top `top` of each job moved from one stored ranking to another (rankings as EvaluationStore returns
// them: by job, then rank).
RankComparison compareRankings(const std::vector<db::RankedCandidate>& from, const std::vector<db::RankedCandidate>& to,
                               int top, std::size_t movesPerJob);

} // namespace rankpo::workflows
