#pragma once

// Shared by `rankpo train` and `rankpo sweep`: the training options (every TrainingConfig field a user
// tunes, with the paper's defaults in the help), turned into a TrainingRequest, and the progress
// printer. Options override a --config JSON file, which overrides the method's defaults.
#include "app/cli/terminal_progress.h"
#include "core/training/method_names.h"
#include "core/training/training_config.h"
#include "workflows/training_workflow.h"

#include <CLI/CLI.hpp>

#include <atomic>
#include <memory>
#include <string>

namespace rankpo::cli {

struct TrainingCliOptions {
    std::string project;
    std::string base = "default";
    std::string name;
    std::string resume;
    std::string configFile;
    std::string device = "auto";
    int threads = 0;
    std::size_t evalBatchSize = 32;
    std::string source = "all";
    std::string policy = "all";
    std::string adjudication = "prefer";
    std::string ties = "drop";
    std::string runsDir;
    bool noEpochEval = false;
    bool noFinalEval = false;
    bool json = false;
    // TrainingConfig fields, applied only when given.
    double lr = 0, warmupRatio = 0, weightDecay = 0, maxGradNorm = 0, tau = 0, beta = 0, gamma = 0, labelSmoothing = 0;
    double sftWeight = 0, rankpoWeight = 0;
    int epochs = 0, maxSteps = 0, batchSize = 0, gradAccum = 0, maxLengthJob = 0, maxLengthCandidate = 0;
    int numNegatives = 0, hardNegativeRounds = 0, hardNegativesPerJob = 0, loggingSteps = 0;
    std::uint64_t seed = 0;
    std::string scheduler, loss, dtype, stage1Sampler, hardNegativeMethod;
    bool gradientCheckpointing = false;
    bool dropInconsistent = false;
    bool referenceFree = false, withReference = false, weightByConfidence = false, noDropout = false, dropout = false, groupByJob = false;
};

// Adds the options to `cmd`. `withMethodDefaults`: the method the help texts describe.
void addTrainingOptions(CLI::App* cmd, TrainingCliOptions& o);

// The request: defaults of `method`, then --config, then the options given on the command line. `simrankpo`
// (method.referenceFree) is RankPO with reference_free whatever --config says; --with-reference contradicts it.
workflows::TrainingRequest makeTrainingRequest(const CLI::App& cmd, const TrainingCliOptions& o, NamedMethod method);

// Prints the trainer's progress: a bar on a terminal, one line per epoch (and per evaluation) always.
class TrainingPrinter {
public:
    explicit TrainingPrinter(std::string label) : m_label(std::move(label)) {}
    void operator()(const TrainingProgress& p);
    void finish() { m_bar.reset(); }

private:
    std::string m_label;
    std::unique_ptr<TerminalProgress> m_bar;
    double m_lastEpochPrinted = 0;
};

// Ctrl+C cancels a run cleanly (recorded as cancelled, resumable) instead of killing the process.
const std::atomic<bool>* installInterruptHandler();

} // namespace rankpo::cli
