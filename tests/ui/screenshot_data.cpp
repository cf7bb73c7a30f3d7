// studio_screenshot_data PROJECT [BASE_MODEL]: what scripts/screenshots.sh needs on the training,
// evaluation and ranking pages, made with the same workflows the studio runs: a short RankPO run (its
// evaluation and its base's), a cancelled run (to resume), a small learning-rate sweep of RankPO and
// SFT, and the pairs scored with the trained model. Short on purpose: one epoch each (the main run two), 32 tokens.
#include "core/util/error.h"
#include "db/project_store.h"
#include "workflows/pair_scorer.h"
#include "workflows/project_evaluator.h"
#include "workflows/training_workflow.h"

#include <atomic>
#include <cstdio>

using namespace rankpo;

namespace {

workflows::TrainingRequest request(const std::string& base, const std::string& name, TrainingMethod method)
{
    workflows::TrainingRequest r;
    r.model = base;
    r.runName = name;
    r.device = "cpu";
    r.config = TrainingConfig::defaults(method);
    r.config.numTrainEpochs = 1;
    r.config.gradientAccumulationSteps = 1;
    r.config.maxQueryLength = 32;
    r.config.maxPassageLength = 32;
    r.maxLengthJob = 32;
    r.maxLengthCandidate = 32;
    r.source = PreferenceSource::Ai;
    r.evaluateEachEpoch = false;
    return r;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s PROJECT [BASE_MODEL]\n", argv[0]);
        return 2;
    }
    const std::string base = argc > 2 ? argv[2] : "default";
    try {
        auto store = db::ProjectStore::open(argv[1]);
        workflows::EvaluationOptions evaluation;
        evaluation.model = base;
        evaluation.maxLengthJob = evaluation.maxLengthCandidate = 32;
        workflows::evaluateModel(*store, evaluation);
        std::fprintf(stderr, "base evaluated\n");

        auto trained = request(base, "rankpo-demo", TrainingMethod::RankPO);
        trained.config.numTrainEpochs = 2;
        trained.evaluateEachEpoch = true;
        trained.config.learningRate = 5e-5;
        const auto result = workflows::trainModel(*store, trained);
        std::fprintf(stderr, "trained %s in %.0f s\n", result.run.name.c_str(), result.outcome.seconds);

        // A run cancelled a few steps in: the run list shows it, ready to resume.
        std::atomic<bool> cancel{false};
        auto stopped = request(base, "sft-stopped", TrainingMethod::Sft);
        stopped.evaluateFinal = false;
        stopped.cancel = &cancel;
        stopped.onProgress = [&cancel](const TrainingProgress& p) {
            if (p.step >= 5)
                cancel.store(true);
        };
        workflows::trainModel(*store, stopped);

        workflows::SweepRequest sweep;
        static_cast<workflows::TrainingRequest&>(sweep) = request(base, "", TrainingMethod::RankPO);
        sweep.sweep = "lr-sweep";
        sweep.learningRates = {1e-6, 1e-5, 1e-4};
        workflows::runSweep(*store, sweep);
        std::fprintf(stderr, "sweep done\n");

        workflows::PairScoreOptions scoring;
        scoring.model = "rankpo-demo";
        scoring.maxLengthJob = scoring.maxLengthCandidate = 32;
        const auto scored = workflows::scorePairs(*store, scoring);
        std::fprintf(stderr, "%zu pairs scored\n", scored.pairs);
    } catch (const Error& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
