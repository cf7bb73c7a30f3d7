#pragma once

// Training on a project: the data from its train split, the run recorded in its registry, the model
// registered under the run's name (so `--model RUN` works everywhere), evaluations stored. No torch
// in this header: the CLI and the UI's worker call it.
#include "core/domain/preference.h"
#include "core/training/method_names.h"
#include "core/training/training_config.h"
#include "core/training/training_progress.h"
#include "db/adjudications.h"
#include "db/preference_selection.h"
#include "db/run_registry.h"
#include "workflows/evaluate_model.h"
#include "workflows/project_model.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace rankpo::db {
class ProjectStore;
}

namespace rankpo::workflows {

struct TrainingRequest : EncodingOptions { // EncodingOptions::model is the base model
    TrainingConfig config;                  // the method is config.method
    std::string runName;                    // empty: "<method>-<n>"
    std::optional<PreferenceSource> source; // stage 2 learns from ai, human, or both (nullopt)
    db::MultiPreferencePolicy policy = db::MultiPreferencePolicy::All; // several judgements of a pair
    db::AdjudicationPolicy adjudication = db::AdjudicationPolicy::Prefer; // reviewers' decisions
    db::TiePolicy ties = db::TiePolicy::Drop;
    bool dropInconsistent = false;          // leave out a judge's pairs judged both ways differently
    bool evaluateEachEpoch = true;          // evaluate every epoch's checkpoint on the test split
    bool evaluateFinal = true;              // evaluate the trained model on the test split and store it
    std::string resumeRun;                  // continue this run from its last checkpoint (its own config)
    std::string sweep;                      // recorded with the run
    std::filesystem::path runsDir;          // default: defaultRunsDirectory (workflows/runs_location.h)
    std::function<void(const TrainingProgress&)> onProgress; // the trainer's progress, on the working thread
};

struct TrainingResult {
    db::RunRecord run;
    TrainingOutcome outcome;
    std::filesystem::path modelFolder;      // empty if the run did not finish
    std::size_t examples = 0;
    std::optional<EvaluationResult> evaluation; // of the final model on the test split
};

// Trains, records and evaluates. A cancelled run is recorded as cancelled (resumable from its last
// checkpoint) and returned normally; a failed run is recorded as failed and the error rethrown.
// Errors: no train split (usage: run `rankpo split`), no training data for the method (data),
// unknown base model or run (usage).
TrainingResult trainModel(db::ProjectStore& store, const TrainingRequest& request);

// The paper's trade-off figure: each learning rate for each method, from the same base model,
// each run evaluated on the test split. Runs are named "<sweep>-<method>-lr<rate>", the method by its key
// (rankpo, simrankpo, sft): the figure's variants are methods of their own, whatever config.rankpo.referenceFree
// says.
struct SweepRequest : TrainingRequest {
    std::vector<double> learningRates;
    std::vector<NamedMethod> methods{NamedMethod{TrainingMethod::RankPO, false}, NamedMethod{TrainingMethod::Sft, false}};
};

struct SweepResult {
    std::string sweep;
    std::vector<TrainingResult> runs;
    bool cancelled = false;
};

SweepResult runSweep(db::ProjectStore& store, const SweepRequest& request);

// What a run of `request` will cost, from optimizer steps measured on the chosen device with the chosen model,
// lengths and batch (not a guess): the first step (allocations, warm-up) is timed apart from the steady ones.
struct TrainingEstimate {
    std::string device;             // where it was measured ("cpu", "cuda:0")
    int measuredSteps = 0;          // steady steps timed (after the first)
    double firstStepSeconds = 0;
    double secondsPerStep = 0;      // the steady steps' mean
    std::int64_t totalSteps = 0;    // the run's optimizer steps (every epoch, or max_steps)
    double referenceSeconds = 0;    // RankPO with a reference: scoring the train pairs with the frozen model first
    double loadSeconds = 0;         // reading the data and the model
    bool completed = false;         // the whole run was shorter than the measurement: its time is exact
    // The run's training time: loading, the reference scores and every step (evaluations after each epoch
    // are not included).
    double totalSeconds() const
    {
        return loadSeconds + referenceSeconds + firstStepSeconds
               + secondsPerStep * double(std::max<std::int64_t>(0, totalSteps - 1));
    }
};

// Trains `steps` + 1 optimizer steps of a new run (logged every step, nothing recorded, the checkpoints in a
// temporary folder removed afterwards). Errors as trainModel; `request.resumeRun` is a usage error.
TrainingEstimate estimateTraining(db::ProjectStore& store, const TrainingRequest& request, int steps = 3);

// Where a run's checkpoints and final model live.
std::filesystem::path runsDirectory(db::ProjectStore& store, const TrainingRequest& request);

} // namespace rankpo::workflows
