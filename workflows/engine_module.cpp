// The engine module's entry point: the workflows on libtorch behind workflows::Engine. Built as
// librankpo-workflows.so and loaded by workflows::engine() (engine_loader.cpp).
#include "workflows/engine.h"

namespace rankpo::workflows {
namespace {

class ModuleEngine final : public Engine {
public:
    EvaluationResult evaluateModel(db::ProjectStore& store, const EvaluationOptions& options) override
    {
        return workflows::evaluateModel(store, options);
    }
    JobRanking rankJob(db::ProjectStore& store, JobId job, const RankOptions& options) override
    {
        return workflows::rankJob(store, job, options);
    }
    PairScoreResult scorePairs(db::ProjectStore& store, const PairScoreOptions& options) override
    {
        return workflows::scorePairs(store, options);
    }
    MakePairsResult makePairs(db::ProjectStore& store, const MakePairsOptions& options) override
    {
        return workflows::makePairs(store, options);
    }
    TrainingResult trainModel(db::ProjectStore& store, const TrainingRequest& request) override
    {
        return workflows::trainModel(store, request);
    }
    SweepResult runSweep(db::ProjectStore& store, const SweepRequest& request) override
    {
        return workflows::runSweep(store, request);
    }
    TrainingEstimate estimateTraining(db::ProjectStore& store, const TrainingRequest& request, int steps) override
    {
        return workflows::estimateTraining(store, request, steps);
    }
    std::vector<ComputeDevice> computeDevices() override { return workflows::computeDevices(); }
};

} // namespace
} // namespace rankpo::workflows

extern "C" __attribute__((visibility("default"))) rankpo::workflows::Engine* rankpo_engine(unsigned long long abiFingerprint)
{
    if (abiFingerprint != rankpo::workflows::kEngineAbiFingerprint)
        return nullptr;
    static rankpo::workflows::ModuleEngine engine;
    return &engine;
}
