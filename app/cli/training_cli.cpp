#include "app/cli/training_cli.h"

#include "core/util/number_format.h"
#include "core/util/error.h"

#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

namespace rankpo::cli {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void onInterrupt(int)
{
    if (g_interrupted.exchange(true))
        std::_Exit(130); // a second Ctrl+C: stop now
}

} // namespace

void addTrainingOptions(CLI::App* cmd, TrainingCliOptions& o)
{
    cmd->add_option("project", o.project, "Project file")->required();
    cmd->add_option("--base", o.base, "Model to start from: a built-in name, a trained run's name, or a folder")
        ->capture_default_str();
    cmd->add_option("--name", o.name, "Run name (default: <method>-<n>); the trained model is then --model NAME");
    cmd->add_option("--resume", o.resume, "Continue this cancelled or failed run from its last checkpoint");
    cmd->add_option("--config", o.configFile, "Training config JSON (HF/upstream names, e.g. {\"learning_rate\": 1e-5}); "
                                              "options given here override it");
    cmd->add_option("--device", o.device, "auto, cpu or cuda")->capture_default_str()->check(CLI::IsMember({"auto", "cpu", "cuda"}));
    cmd->add_option("--threads", o.threads, "CPU threads (0: all cores)")->check(CLI::NonNegativeNumber);
    cmd->add_option("--source", o.source, "Stage 2 learns from preferences of: ai, human or all")
        ->capture_default_str()
        ->check(CLI::IsMember({"ai", "human", "all"}));
    cmd->add_option("--policy", o.policy, "Pairs judged several times: all, majority or latest (as in export)")
        ->capture_default_str()
        ->check(CLI::IsMember({"all", "majority", "latest"}));
    cmd->add_option("--adjudication", o.adjudication,
                    "Reviewers' decisions: prefer (a decided pair trains on the decision), only (decided pairs alone) "
                    "or ignore (as in export)")
        ->capture_default_str()
        ->check(CLI::IsMember({"prefer", "only", "ignore"}));
    cmd->add_option("--ties", o.ties, "Judged ties: drop, or half (two half-weight rows)")
        ->capture_default_str()
        ->check(CLI::IsMember({"drop", "half"}));
    cmd->add_flag("--drop-inconsistent", o.dropInconsistent,
                  "Leave out a judge's preferences for the pairs it judged both ways differently (before --policy)");
    cmd->add_option("--lr", o.lr, "Learning rate (paper: 1e-5)")->check(CLI::PositiveNumber);
    cmd->add_option("--epochs", o.epochs, "Epochs (paper: 3)")->check(CLI::PositiveNumber);
    cmd->add_option("--max-steps", o.maxSteps, "Stop after this many optimizer steps (overrides --epochs)")->check(CLI::PositiveNumber);
    cmd->add_option("--batch-size", o.batchSize, "Examples per micro-batch (paper: 8)")->check(CLI::PositiveNumber);
    cmd->add_option("--grad-accum", o.gradAccum, "Micro-batches per optimizer step (paper: 4)")->check(CLI::PositiveNumber);
    cmd->add_option("--scheduler", o.scheduler, "Learning-rate schedule (paper: cosine)")
        ->check(CLI::IsMember({"cosine", "linear", "constant", "constant_with_warmup"}));
    cmd->add_option("--warmup-ratio", o.warmupRatio, "Share of steps warming up (paper: 0.1)")->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--weight-decay", o.weightDecay, "AdamW weight decay (default 0)")->check(CLI::NonNegativeNumber);
    cmd->add_option("--max-grad-norm", o.maxGradNorm, "Gradient-norm clipping (default 1; 0 off)")->check(CLI::NonNegativeNumber);
    cmd->add_option("--seed", o.seed, "Seed (default 42): the same seed and data give the same model on the CPU");
    cmd->add_option("--max-length-job", o.maxLengthJob, "Tokens per job text (cut to the model's maximum)")->check(CLI::PositiveNumber);
    cmd->add_option("--max-length-candidate", o.maxLengthCandidate, "Tokens per candidate text (cut to the model's maximum)")
        ->check(CLI::PositiveNumber);
    cmd->add_flag("--no-dropout", o.noDropout, "Train with dropout off");
    cmd->add_flag("--dropout", o.dropout, "Train with dropout on (the default)");
    cmd->add_option("--dtype", o.dtype, "Weights' dtype: auto (float32 on the CPU, bfloat16 decoders on CUDA), float32, "
                                        "bfloat16 or float16 (BERT encoders: float32)")
        ->check(CLI::IsMember({"auto", "float32", "bfloat16", "float16"}));
    cmd->add_flag("--gradient-checkpointing", o.gradientCheckpointing,
                  "Decoders: recompute each layer in backward (far less memory at 1,280 / 4,096 tokens, ~1/3 more time)");
    cmd->add_flag("--group-by-job", o.groupByJob,
                  "RankPO/SFT: batch a job's pairs together (seeded job order), so each job text is encoded once per batch");
    cmd->add_option("--tau", o.tau, "Temperature τ (RankPO/SFT paper: 0.1; contrastive: 0.02)")->check(CLI::PositiveNumber);
    cmd->add_option("--beta", o.beta, "RankPO β (paper: 2.0)")->check(CLI::PositiveNumber);
    cmd->add_option("--gamma", o.gamma, "RankPO margin γ, subtracted from the logits (default 0)");
    cmd->add_option("--label-smoothing", o.labelSmoothing, "RankPO label smoothing ε (sigmoid loss; default 0)")
        ->check(CLI::Range(0.0, 0.5));
    cmd->add_option("--loss", o.loss, "RankPO loss: sigmoid or hinge")->check(CLI::IsMember({"sigmoid", "hinge"}));
    cmd->add_flag("--reference-free", o.referenceFree,
                  "RankPO without the reference model's advantages: SimRankPO (the same as `train simrankpo`)");
    cmd->add_flag("--with-reference", o.withReference, "RankPO against the frozen starting model (the default)");
    cmd->add_option("--sft-weight", o.sftWeight, "Weight of an added SFT term in RankPO (default 0)")->check(CLI::NonNegativeNumber);
    cmd->add_option("--rankpo-weight", o.rankpoWeight, "Weight of the RankPO term (default 1)")->check(CLI::NonNegativeNumber);
    cmd->add_flag("--weight-by-confidence", o.weightByConfidence, "Weight each pair by its confidence / 100 (beyond the paper)");
    cmd->add_option("--num-negatives", o.numNegatives, "Contrastive: rule negatives per job in a batch (default 5)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--hard-negative-rounds", o.hardNegativeRounds, "Contrastive: mine-and-retrain rounds (default 0)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--hard-negatives-per-job", o.hardNegativesPerJob, "Contrastive: negatives mined per job per round (default 10)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--hard-negative-method", o.hardNegativeMethod,
                    "Contrastive: the mined negatives are the top-ranked non-positives (topk, the default) or drawn at "
                    "random (seeded) from the search range's non-positives (sample, upstream's)")
        ->check(CLI::IsMember({"topk", "sample"}));
    cmd->add_option("--stage1-sampler", o.stage1Sampler,
                    "Contrastive: per_job (default, upstream's: each job once an epoch with a random positive, never "
                    "twice in a batch) or per_positive (each (job, positive) once an epoch)")
        ->check(CLI::IsMember({"per_job", "per_positive"}));
    cmd->add_option("--logging-steps", o.loggingSteps, "Log metrics every N optimizer steps (default 1)")->check(CLI::PositiveNumber);
    cmd->add_option("--eval-batch-size", o.evalBatchSize, "Texts per forward pass when evaluating")->capture_default_str();
    cmd->add_flag("--no-epoch-eval", o.noEpochEval, "Do not evaluate each epoch's checkpoint");
    cmd->add_flag("--no-final-eval", o.noFinalEval, "Do not evaluate the trained model");
    cmd->add_option("--runs-dir", o.runsDir, "Where the model folders go, on this machine (default: PROJECT.runs/ for a file; for a URL, "
                                   "$XDG_DATA_HOME/rankpo-studio/runs/HOST_DB_PROJECT/)");
    cmd->add_flag("--json", o.json, "Print the result as JSON");
}

workflows::TrainingRequest makeTrainingRequest(const CLI::App& cmd, const TrainingCliOptions& o, NamedMethod named)
{
    const TrainingMethod method = named.method;
    workflows::TrainingRequest r;
    TrainingConfig& c = r.config;
    c = defaultsFor(named);
    if (!o.configFile.empty()) {
        std::ifstream in(o.configFile);
        if (!in)
            throw ioError(o.configFile + ": cannot open");
        std::stringstream text;
        text << in.rdbuf();
        c = TrainingConfig::parse(text.str(), o.configFile);
        c.method = method;
        if (named.referenceFree)
            c.rankpo.referenceFree = true;
    }
    auto given = [&](const char* name) { return cmd.count(name) > 0; };
    if (given("--lr"))
        c.learningRate = o.lr;
    if (given("--epochs"))
        c.numTrainEpochs = o.epochs;
    if (given("--max-steps"))
        c.maxSteps = o.maxSteps;
    if (given("--batch-size"))
        c.perDeviceTrainBatchSize = o.batchSize;
    if (given("--grad-accum"))
        c.gradientAccumulationSteps = o.gradAccum;
    if (given("--scheduler"))
        c.lrSchedulerType = *lrSchedulerTypeFromString(o.scheduler);
    if (given("--warmup-ratio"))
        c.warmupRatio = o.warmupRatio;
    if (given("--weight-decay"))
        c.weightDecay = o.weightDecay;
    if (given("--max-grad-norm"))
        c.maxGradNorm = o.maxGradNorm;
    if (given("--seed"))
        c.seed = o.seed;
    if (given("--max-length-job"))
        c.maxLengthJob = o.maxLengthJob;
    if (given("--max-length-candidate"))
        c.maxLengthCandidate = o.maxLengthCandidate;
    if (o.noDropout && o.dropout)
        throw usageError("--dropout and --no-dropout contradict each other");
    if (o.noDropout)
        c.disableDropout = true;
    if (o.dropout)
        c.disableDropout = false;
    if (o.groupByJob)
        c.groupByJob = true;
    if (given("--dtype"))
        c.torchDtype = o.dtype;
    if (o.gradientCheckpointing)
        c.gradientCheckpointing = true;
    if (given("--logging-steps"))
        c.loggingSteps = o.loggingSteps;
    if (given("--tau")) {
        c.rankpo.tau = o.tau;
        c.sft.tau = o.tau;
        c.contrastive.loss.tau = o.tau;
    }
    if (given("--beta"))
        c.rankpo.beta = o.beta;
    if (given("--gamma"))
        c.rankpo.gamma = o.gamma;
    if (given("--label-smoothing"))
        c.rankpo.labelSmoothing = o.labelSmoothing;
    if (given("--loss"))
        c.rankpo.lossType = *preferenceLossTypeFromString(o.loss);
    if (o.referenceFree && o.withReference)
        throw usageError("--reference-free and --with-reference contradict each other");
    if (named.referenceFree && o.withReference)
        throw usageError("simrankpo is RankPO without the reference model: --with-reference contradicts it (train "
                         "rankpo instead)");
    if (o.referenceFree)
        c.rankpo.referenceFree = true;
    if (o.withReference)
        c.rankpo.referenceFree = false;
    if (given("--sft-weight"))
        c.rankpo.sftWeight = o.sftWeight;
    if (given("--rankpo-weight"))
        c.rankpo.rankpoWeight = o.rankpoWeight;
    if (o.weightByConfidence)
        c.rankpo.weightByConfidence = true;
    if (given("--num-negatives"))
        c.contrastive.numNegatives = o.numNegatives;
    if (given("--hard-negative-rounds"))
        c.contrastive.hardNegativeRounds = o.hardNegativeRounds;
    if (given("--hard-negatives-per-job"))
        c.contrastive.hardNegatives.negativesPerJob = o.hardNegativesPerJob;
    if (given("--hard-negative-method"))
        c.contrastive.hardNegatives.method = *hardNegativeMethodFromString(o.hardNegativeMethod);
    if (given("--stage1-sampler"))
        c.contrastive.stage1Sampler = *stage1SamplerFromString(o.stage1Sampler);
    c.validate();

    r.model = o.base;
    r.device = o.device;
    r.threads = o.threads;
    r.batchSize = o.evalBatchSize;
    r.runName = o.name;
    r.resumeRun = o.resume;
    if (o.source != "all")
        r.source = preferenceSourceFromString(o.source);
    r.policy = *db::policyFromName(o.policy);
    r.adjudication = *db::adjudicationPolicyFromName(o.adjudication);
    r.ties = *db::tiePolicyFromName(o.ties);
    r.dropInconsistent = o.dropInconsistent;
    r.evaluateEachEpoch = !o.noEpochEval;
    r.evaluateFinal = !o.noFinalEval;
    r.runsDir = o.runsDir;
    return r;
}

void TrainingPrinter::operator()(const TrainingProgress& p)
{
    if (p.phase == "reference" || p.phase == "mine") {
        m_bar.reset();
        std::cerr << m_label << ": " << (p.phase == "reference" ? "scoring the examples with the reference model"
                                                                 : "mining hard negatives with the current model")
                  << "\n";
        return;
    }
    if (p.phase == "train") {
        if (!m_bar)
            m_bar = std::make_unique<TerminalProgress>(m_label);
        std::string detail = "loss " + formatNumber(p.loss, 4);
        for (const char* key : {"rewards/accuracies", "contrastive/accuracy"})
            if (auto it = p.metrics.find(key); it != p.metrics.end())
                detail += " acc " + formatNumber(it->second, 3);
        if (p.examplesPerSecond > 0)
            detail += " " + formatNumber(p.examplesPerSecond, 3) + " ex/s";
        m_bar->update(std::uint64_t(p.step), std::uint64_t(std::max<std::int64_t>(p.totalSteps, 1)), detail);
        if (!m_bar->enabled() && (p.step == p.totalSteps || p.step % 50 == 0))
            std::cerr << m_label << ": step " << p.step << "/" << p.totalSteps << " epoch " << formatNumber(p.epoch, 3) << " "
                      << detail << "\n";
        return;
    }
    if (p.phase == "evaluate" && !p.metrics.empty()) {
        m_bar.reset();
        std::cerr << m_label << ": epoch " << formatNumber(p.epoch, 3) << " evaluation:";
        for (const auto& [k, v] : p.metrics)
            std::cerr << " " << k.substr(5) << " " << formatNumber(v, 4);
        std::cerr << "\n";
    }
}

const std::atomic<bool>* installInterruptHandler()
{
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    return &g_interrupted;
}

} // namespace rankpo::cli
