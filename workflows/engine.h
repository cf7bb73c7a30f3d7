#pragma once

// The engine-dependent workflows (evaluation, ranking, pair scoring, training) behind one interface, so that the
// app reaches libtorch only through a module it loads on first use: opening a project and annotating never load
// libtorch. No torch in this header. The CLI's rankpo-engine links the same workflows directly.
#include "core/domain/ids.h"
#include "workflows/compute_devices.h"
#include "workflows/rank_job.h"
#include "workflows/score_pairs.h"
#include "workflows/evaluate_model.h"
#include "workflows/make_pairs.h"
#include "workflows/training_workflow.h"

#include <string>
#include <vector>

namespace rankpo::db {
class ProjectStore;
}

namespace rankpo::workflows {

// Bumped whenever this interface changes; with the sizes of the types it passes, so that a module built from
// other sources (a stale build, a mixed install) is refused instead of misreading them.
inline constexpr int kEngineAbiVersion = 2;
inline constexpr unsigned long long kEngineAbiFingerprint = kEngineAbiVersion
    + 1000ULL * (sizeof(EvaluationOptions) + 3 * sizeof(EvaluationResult) + 5 * sizeof(RankOptions)
                 + 7 * sizeof(JobRanking) + 11 * sizeof(PairScoreOptions) + 13 * sizeof(PairScoreResult)
                 + 17 * sizeof(TrainingRequest) + 19 * sizeof(TrainingResult) + 23 * sizeof(SweepRequest)
                 + 29 * sizeof(SweepResult) + 31 * sizeof(ComputeDevice) + 37 * sizeof(MakePairsOptions)
                 + 41 * sizeof(MakePairsResult) + 43 * sizeof(TrainingEstimate));

class Engine {
public:
    virtual ~Engine() = default;
    virtual EvaluationResult evaluateModel(db::ProjectStore& store, const EvaluationOptions& options) = 0;
    virtual JobRanking rankJob(db::ProjectStore& store, JobId job, const RankOptions& options) = 0;
    virtual PairScoreResult scorePairs(db::ProjectStore& store, const PairScoreOptions& options) = 0;
    virtual TrainingResult trainModel(db::ProjectStore& store, const TrainingRequest& request) = 0;
    virtual SweepResult runSweep(db::ProjectStore& store, const SweepRequest& request) = 0;
    virtual TrainingEstimate estimateTraining(db::ProjectStore& store, const TrainingRequest& request, int steps) = 0;
    virtual std::vector<ComputeDevice> computeDevices() = 0;
    virtual MakePairsResult makePairs(db::ProjectStore& store, const MakePairsOptions& options) = 0;
};

// The engine module (librankpo-workflows.so), loaded on the first call from any thread. Looked for in
// $RANKPO_ENGINE_MODULE, next to the executable, in ../lib/rankpo/ (an installed package) and ../lib/ (the build
// tree). Throws rankpo::Error (Io) naming the places searched and why the module could not be loaded.
Engine& engine();
// Whether engine() has loaded the module in this process.
bool engineLoaded();

} // namespace rankpo::workflows
