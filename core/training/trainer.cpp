#include "core/training/trainer.h"

#include "core/losses/contrastive_loss.h"
#include "core/losses/metric_names.h"
#include "core/losses/rankpo_loss.h"
#include "core/losses/sft_loss.h"
#include "core/model/encoder_model.h"
#include "core/training/adamw_setup.h"
#include "core/training/autocast_scope.h"
#include "core/training/batch_encoding.h"
#include "core/training/gradient_accumulator.h"
#include "core/training/gradient_clipping.h"
#include "core/training/learning_rate_schedule.h"
#include "core/training/metrics_accumulator.h"
#include "core/training/split_mix64.h"
#include "core/training/stage1_sampler.h"
#include "core/training/torch_seeding.h"
#include "core/training/trainer_checkpoint.h"
#include "core/util/error.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>

namespace rankpo {
namespace {

using Clock = std::chrono::steady_clock;

bool finite(double v)
{
    return std::isfinite(v);
}

} // namespace

// The optimisation loop shared by the objectives: batching, accumulation, schedule, clipping,
// logging, checkpoints, cancellation, resuming.
class Trainer::Loop {
public:
    using MicroBatchLoss = std::function<LossOutput(const std::vector<std::size_t>& indices)>;

    Loop(Trainer& trainer, std::size_t examples, std::string dataHash, const TrainerCallbacks& callbacks)
        : m_trainer(trainer), m_config(trainer.m_config), m_examples(examples), m_dataHash(std::move(dataHash)),
          m_callbacks(callbacks)
    {
    }

    // Extra state a checkpoint carries (RankPO's reference scores).
    const std::vector<float>* extraState = nullptr;
    // Each example's job (numbered from 0) when the config groups batches by job.
    std::vector<std::size_t> jobOf;
    // An epoch's example indices when the objective samples its own (stage 1), `examples` of them per epoch.
    std::function<std::vector<std::size_t>(std::uint64_t epoch)> epochOrder;
    // What an epoch's items are, for the message when there are fewer than a batch.
    std::string itemsName = "training examples";
    std::string itemsNote;
    std::function<void(const std::vector<float>&)> restoreExtraState;

    TrainingOutcome run(const MicroBatchLoss& microBatchLoss, const std::filesystem::path& resumeFrom);

private:
    // How many micro-batches an epoch has, how many optimiser steps the run makes, and the schedule.
    void plan();
    void makeOptimizer();
    // Continues a stopped run: its optimiser state, its step, the accumulator at the epoch boundary.
    int resume(const std::filesystem::path& checkpoint);
    // Forward and backward of one micro-batch; a loss that is not finite stops the run with a data error.
    void trainMicroBatch(const std::vector<std::size_t>& indices, double lossScale, int epoch);
    // Clips, steps, logs; returns true when the run has made all its steps.
    bool optimizerStep(int epoch, std::size_t microBatch);
    // Checkpoints the finished epoch, then evaluates it when asked.
    void endEpoch(int epoch);
    void report(const std::string& phase, std::map<std::string, double> metrics);
    bool cancelled() const { return m_callbacks.cancel && m_callbacks.cancel->load(); }

    Trainer& m_trainer;
    const TrainingConfig& m_config;
    std::size_t m_examples;
    std::string m_dataHash;
    const TrainerCallbacks& m_callbacks;
    MicroBatchLoss m_microBatchLoss;

    std::size_t m_batchSize = 0;
    std::size_t m_microBatches = 0;
    std::optional<GradientAccumulator> m_accumulator;
    std::optional<LearningRateSchedule> m_schedule;
    std::optional<MasterWeights> m_masters;
    std::unique_ptr<torch::optim::AdamW> m_optimizer;
    std::vector<torch::Tensor> m_parameters;
    MetricsAccumulator m_metrics;
    TrainingOutcome m_outcome;
    bool m_dropout = false;

    std::int64_t m_step = 0;
    std::int64_t m_totalSteps = 0;
    double m_epoch = 0;
    int m_epochs = 0;
    std::int64_t m_seen = 0;
    Clock::time_point m_start;
    std::int64_t m_seenAtStart = 0;
    std::int64_t m_stepAtStart = 0;
};

void Trainer::Loop::report(const std::string& phase, std::map<std::string, double> metrics)
{
    if (!m_callbacks.onProgress)
        return;
    TrainingProgress p;
    p.phase = phase;
    p.step = m_step;
    p.totalSteps = m_totalSteps;
    p.epoch = m_epoch;
    p.epochs = m_epochs;
    const double elapsed = std::chrono::duration<double>(Clock::now() - m_start).count();
    if (elapsed > 0 && m_seen > m_seenAtStart)
        p.examplesPerSecond = double(m_seen - m_seenAtStart) / elapsed;
    if (m_step > m_stepAtStart && elapsed > 0)
        p.etaSeconds = elapsed / double(m_step - m_stepAtStart) * double(std::max<std::int64_t>(0, m_totalSteps - m_step));
    if (auto it = metrics.find("loss"); it != metrics.end())
        p.loss = it->second;
    p.metrics = std::move(metrics);
    m_callbacks.onProgress(p);
}

void Trainer::Loop::plan()
{
    m_batchSize = static_cast<std::size_t>(m_config.perDeviceTrainBatchSize);
    m_microBatches = m_config.dataloaderDropLast ? m_examples / m_batchSize : (m_examples + m_batchSize - 1) / m_batchSize;
    if (m_microBatches == 0)
        throw usageError("too few " + itemsName + ": " + std::to_string(m_examples) + " (the batch size is "
                         + std::to_string(m_batchSize) + ")" + itemsNote);
    const auto accumulation = static_cast<std::int64_t>(m_config.gradientAccumulationSteps);
    m_accumulator.emplace(accumulation, static_cast<std::int64_t>(m_microBatches));
    m_totalSteps = totalTrainingSteps(static_cast<std::int64_t>(m_microBatches), accumulation, m_config.numTrainEpochs,
                                      m_config.maxSteps);
    const std::int64_t stepsPerEpoch = m_accumulator->optimizerStepsPerEpoch();
    m_epochs = m_config.maxSteps > 0 ? static_cast<int>((m_totalSteps + stepsPerEpoch - 1) / stepsPerEpoch)
                                     : m_config.numTrainEpochs;
    m_schedule.emplace(m_config.lrSchedulerType, m_config.learningRate,
                       warmupStepsFor(m_totalSteps, m_config.warmupRatio, m_config.warmupSteps), m_totalSteps);
}

void Trainer::Loop::makeOptimizer()
{
    const auto named = toNamedParameters(m_trainer.m_model.module()->named_parameters());
    AdamWSettings settings;
    settings.learningRate = m_config.learningRate;
    settings.weightDecay = m_config.weightDecay;
    settings.beta1 = m_config.adamBeta1;
    settings.beta2 = m_config.adamBeta2;
    settings.epsilon = m_config.adamEpsilon;
    m_masters.emplace(named);
    m_optimizer = makeAdamW(m_masters->optimized(), settings);
    for (const auto& [name, p] : m_masters->optimized())
        if (p.requires_grad())
            m_parameters.push_back(p);
}

int Trainer::Loop::resume(const std::filesystem::path& checkpoint)
{
    const TrainerState state = readTrainerState(checkpoint);
    if (state.dataHash != m_dataHash)
        throw usageError(checkpoint.string() + ": the checkpoint was trained on other data (data hash "
                         + state.dataHash + ", now " + m_dataHash + ")");
    if (state.method != std::string(toString(m_config.method)))
        throw usageError(checkpoint.string() + ": the checkpoint is from a " + state.method + " run");
    loadOptimizerState(*m_optimizer, checkpoint);
    if (restoreExtraState)
        restoreExtraState(readExtraState(checkpoint));
    m_step = state.globalStep;
    for (std::int64_t i = 0; i < std::int64_t(state.epochsCompleted) * std::int64_t(m_microBatches); ++i)
        m_accumulator->next();
    return state.epochsCompleted;
}

void Trainer::Loop::trainMicroBatch(const std::vector<std::size_t>& indices, double lossScale, int epoch)
{
    LossOutput out = m_microBatchLoss(indices);
    const double lossValue = out.loss.item<double>();
    if (!finite(lossValue))
        throw dataError("training stopped: the loss became " + std::string(std::isnan(lossValue) ? "NaN" : "infinite")
                        + " at step " + std::to_string(m_step + 1) + " (epoch " + std::to_string(epoch + 1)
                        + "); try a lower learning rate");
    (out.loss * lossScale).backward();
    if (m_masters->masterCount() > 0)
        m_masters->accumulateGradients();
    m_metrics.add(out.metrics);
    m_metrics.add("loss", lossValue);
    m_seen += std::int64_t(indices.size());
}

bool Trainer::Loop::optimizerStep(int epoch, std::size_t microBatch)
{
    const double lr = m_schedule->learningRate(m_step);
    setLearningRate(*m_optimizer, lr);
    m_masters->gradientsToMasters();
    const double gradNorm = clipGradientNorm(m_parameters, m_config.maxGradNorm);
    m_optimizer->step();
    m_optimizer->zero_grad();
    m_masters->mastersToModel();
    ++m_step;
    m_epoch = double(epoch) + double(microBatch + 1) / double(m_microBatches);
    m_metrics.setLatest("learning_rate", lr);
    m_metrics.setLatest("grad_norm", gradNorm);
    m_metrics.setLatest("epoch", m_epoch);
    if (m_step % std::max(1, m_config.loggingSteps) == 0 || m_step == m_totalSteps) {
        m_outcome.lastMetrics = m_metrics.flush();
        report("train", m_outcome.lastMetrics);
    }
    return m_step >= m_totalSteps;
}

void Trainer::Loop::endEpoch(int epoch)
{
    EncoderModel& model = m_trainer.m_model;
    m_epoch = epoch + 1;
    report("checkpoint", {});
    const auto folder = m_trainer.m_outputDir / ("checkpoint-epoch-" + std::to_string(epoch + 1));
    model.module()->eval();
    writeCheckpoint(folder, model, *m_optimizer,
                    TrainerState{std::string(toString(m_config.method)), epoch + 1, m_step, m_dataHash,
                                 m_config.toJson().dump()},
                    extraState ? *extraState : std::vector<float>());
    m_outcome.lastCheckpoint = folder;
    m_outcome.epochsCompleted = epoch + 1;
    if (m_callbacks.onEpochEnd) {
        report("evaluate", {});
        auto evaluation = m_callbacks.onEpochEnd(epoch + 1, folder);
        std::map<std::string, double> logged;
        for (auto& [name, value] : evaluation)
            logged["eval/" + name] = value;
        m_outcome.lastMetrics.insert(logged.begin(), logged.end());
        report("evaluate", logged);
    }
    model.module()->train(m_dropout);
}

TrainingOutcome Trainer::Loop::run(const MicroBatchLoss& microBatchLoss, const std::filesystem::path& resumeFrom)
{
    m_microBatchLoss = microBatchLoss;
    plan();
    seedTorch(m_config.seed);
    makeOptimizer();
    const int startEpoch = resumeFrom.empty() ? 0 : resume(resumeFrom);

    EncoderModel& model = m_trainer.m_model;
    m_dropout = !m_config.disableDropout;
    model.module()->train(m_dropout);
    m_outcome.epochsCompleted = startEpoch;
    m_start = Clock::now();
    m_stepAtStart = m_step;
    m_seen = m_seenAtStart = std::int64_t(startEpoch) * std::int64_t(m_microBatches * m_batchSize);
    bool stop = m_step >= m_totalSteps;

    for (int epoch = startEpoch; epoch < m_epochs && !stop; ++epoch) {
        // Seeding per epoch makes a run resumed at an epoch boundary draw the same dropout masks.
        seedTorch(deriveSeed(m_config.seed, static_cast<std::uint64_t>(epoch)));
        const auto stream = static_cast<std::uint64_t>(epoch);
        const auto order = epochOrder      ? epochOrder(stream)
                           : jobOf.empty() ? shuffledIndices(m_examples, m_config.seed, stream)
                                           : groupedShuffledIndices(jobOf, m_config.seed, stream);
        for (std::size_t mb = 0; mb < m_microBatches; ++mb) {
            if (cancelled()) {
                m_outcome.cancelled = true;
                stop = true;
                break;
            }
            const auto info = m_accumulator->next();
            const std::size_t begin = mb * m_batchSize;
            const std::size_t end = std::min(begin + m_batchSize, m_examples);
            trainMicroBatch(std::vector<std::size_t>(order.begin() + std::ptrdiff_t(begin), order.begin() + std::ptrdiff_t(end)),
                            info.lossScale, epoch);
            if (info.stepAfter && optimizerStep(epoch, mb)) {
                stop = true;
                break;
            }
        }
        if (m_outcome.cancelled)
            break;
        // The epoch is complete (or max_steps reached): checkpoint it, then evaluate it.
        endEpoch(epoch);
    }
    model.module()->eval();
    m_outcome.steps = m_step;
    m_outcome.seconds = std::chrono::duration<double>(Clock::now() - m_start).count();
    return m_outcome;
}

Trainer::Trainer(TrainingConfig config, EncoderModel& model, std::filesystem::path outputDir)
    : m_config(std::move(config)), m_model(model), m_outputDir(std::move(outputDir))
{
    m_config.validate();
    m_maxLengthJob = std::min<std::size_t>(static_cast<std::size_t>(m_config.maxLengthJob), model.maxLength());
    m_maxLengthCandidate = std::min<std::size_t>(static_cast<std::size_t>(m_config.maxLengthCandidate), model.maxLength());
    if (at::get_num_threads() < int(std::thread::hardware_concurrency()))
        at::set_num_threads(int(std::max(1u, std::thread::hardware_concurrency())));
}

Trainer::~Trainer() = default;

TrainingOutcome Trainer::train(const std::vector<PreferenceExample>& examples, const TrainerCallbacks& callbacks,
                               const std::filesystem::path& resumeFrom)
{
    if (m_config.method == TrainingMethod::Contrastive)
        throw usageError("contrastive training takes contrastive examples (job, positive, negatives), not preferences");
    if (examples.empty())
        throw usageError("no preference examples to train on");
    TokenCache jobTokens(m_model, m_maxLengthJob), candidateTokens(m_model, m_maxLengthCandidate);
    const bool rankpo = m_config.method == TrainingMethod::RankPO;
    const RankPOLoss rankpoLoss(m_config.rankpo);
    const SftLoss sftLoss(m_config.sft);
    const bool needReference = rankpo && !m_config.rankpo.referenceFree;
    const torch::Device device = m_model.device();
    AutocastScope::Settings autocast{device.is_cuda() && m_config.bf16};

    auto scores = [&](const std::vector<std::size_t>& indices) {
        std::vector<const std::string*> jobs, chosen, rejected;
        for (std::size_t i : indices) {
            jobs.push_back(&examples[i].job);
            chosen.push_back(&examples[i].chosen);
            rejected.push_back(&examples[i].rejected);
        }
        // Chosen and rejected in one batch: one forward pass for the candidates.
        std::vector<const std::string*> candidates = chosen;
        candidates.insert(candidates.end(), rejected.begin(), rejected.end());
        AutocastScope scope(autocast);
        const torch::Tensor q = embedTexts(m_model, jobTokens, jobs).to(torch::kFloat32);
        const torch::Tensor c = embedTexts(m_model, candidateTokens, candidates).to(torch::kFloat32);
        const auto n = static_cast<std::int64_t>(indices.size());
        const torch::Tensor sChosen = (q * c.narrow(0, 0, n)).sum(-1);
        const torch::Tensor sRejected = (q * c.narrow(0, n, n)).sum(-1);
        return PreferenceScores{sChosen, sRejected};
    };

    Loop loop(*this, examples.size(), dataHash(examples), callbacks);
    if (m_config.groupByJob) {
        std::unordered_map<std::string_view, std::size_t> jobNumber;
        for (const auto& e : examples)
            loop.jobOf.push_back(jobNumber.emplace(e.job, jobNumber.size()).first->second);
    }
    std::vector<float> reference; // chosen, rejected per example
    if (needReference) {
        loop.restoreExtraState = [&](const std::vector<float>& saved) {
            if (saved.size() != examples.size() * 2)
                throw dataError(resumeFrom.string() + ": the checkpoint's reference scores cover "
                                + std::to_string(saved.size() / 2) + " examples, the run has " + std::to_string(examples.size()));
            reference = saved;
        };
        if (resumeFrom.empty() && !m_referenceScores.empty()) {
            if (m_referenceScores.size() != examples.size() * 2)
                throw usageError("reference scores for " + std::to_string(m_referenceScores.size() / 2)
                                 + " examples given, the run has " + std::to_string(examples.size()));
            reference = m_referenceScores;
        } else if (resumeFrom.empty()) {
            // Score every example with the starting model: the frozen reference.
            TrainingProgress p;
            p.phase = "reference";
            if (callbacks.onProgress)
                callbacks.onProgress(p);
            torch::NoGradGuard noGrad;
            m_model.module()->eval();
            reference.resize(examples.size() * 2);
            const std::size_t block = 32;
            for (std::size_t begin = 0; begin < examples.size(); begin += block) {
                if (callbacks.cancel && callbacks.cancel->load())
                    break;
                std::vector<std::size_t> indices;
                for (std::size_t i = begin; i < std::min(begin + block, examples.size()); ++i)
                    indices.push_back(i);
                const auto s = scores(indices);
                const auto chosenCpu = s.chosen.to(torch::kCPU).contiguous();
                const auto rejectedCpu = s.rejected.to(torch::kCPU).contiguous();
                for (std::size_t k = 0; k < indices.size(); ++k) {
                    reference[2 * indices[k]] = chosenCpu[std::int64_t(k)].item<float>();
                    reference[2 * indices[k] + 1] = rejectedCpu[std::int64_t(k)].item<float>();
                }
            }
        }
        loop.extraState = &reference;
    }
    std::vector<float> weights(examples.size());
    for (std::size_t i = 0; i < examples.size(); ++i)
        weights[i] = static_cast<float>(examples[i].weight);

    auto microBatch = [&](const std::vector<std::size_t>& indices) -> LossOutput {
        const PreferenceScores policy = scores(indices);
        if (!rankpo)
            return sftLoss.forward(policy.chosen, policy.rejected);
        std::optional<PreferenceScores> ref;
        if (needReference) {
            std::vector<float> rc, rr;
            for (std::size_t i : indices) {
                rc.push_back(reference[2 * i]);
                rr.push_back(reference[2 * i + 1]);
            }
            ref = PreferenceScores{torch::tensor(rc).to(device), torch::tensor(rr).to(device)};
        }
        torch::Tensor pairWeights;
        if (m_config.rankpo.weightByConfidence) {
            std::vector<float> w;
            for (std::size_t i : indices)
                w.push_back(weights[i]);
            pairWeights = torch::tensor(w).to(device);
        }
        return rankpoLoss.forward(policy, ref, pairWeights);
    };
    if (callbacks.cancel && callbacks.cancel->load()) {
        TrainingOutcome outcome;
        outcome.cancelled = true;
        return outcome;
    }
    return loop.run(microBatch, resumeFrom);
}

TrainingOutcome Trainer::train(const std::vector<ContrastiveExample>& examples, const TrainerCallbacks& callbacks,
                               const std::filesystem::path& resumeFrom)
{
    if (m_config.method != TrainingMethod::Contrastive)
        throw usageError(std::string(toString(m_config.method)) + " training takes preferences, not contrastive examples");
    if (examples.empty())
        throw usageError("no contrastive examples to train on");
    const int negativesPerExample = m_config.contrastive.numNegatives;
    for (std::size_t i = 0; i < examples.size(); ++i)
        if (negativesPerExample > 0 && examples[i].negatives.empty())
            throw dataError("contrastive example " + std::to_string(i + 1) + " has no negatives (num_negatives is "
                            + std::to_string(negativesPerExample) + ")");
    TokenCache jobTokens(m_model, m_maxLengthJob), candidateTokens(m_model, m_maxLengthCandidate);
    const ContrastiveLoss loss(m_config.contrastive.loss);
    AutocastScope::Settings autocast{m_model.device().is_cuda() && m_config.bf16};
    std::uint64_t drawn = 0; // varies the negatives drawn from batch to batch, deterministically

    auto microBatch = [&](const std::vector<std::size_t>& indices) -> LossOutput {
        std::vector<const std::string*> jobs, passages;
        for (std::size_t i : indices) {
            jobs.push_back(&examples[i].job);
            passages.push_back(&examples[i].positive);
        }
        // Each example's negatives: a seeded draw without replacement (with it, if it has fewer).
        for (std::size_t i : indices) {
            const auto& pool = examples[i].negatives;
            SplitMix64 rng(deriveSeed(m_config.seed, 0x6e6567ULL + drawn++));
            std::vector<std::size_t> order(pool.size());
            for (std::size_t k = 0; k < order.size(); ++k)
                order[k] = k;
            shuffleInPlace(order, rng);
            for (int k = 0; k < negativesPerExample; ++k)
                passages.push_back(&pool[order[std::size_t(k) % order.size()]]);
        }
        AutocastScope scope(autocast);
        const torch::Tensor q = embedTexts(m_model, jobTokens, jobs).to(torch::kFloat32);
        const torch::Tensor p = embedTexts(m_model, candidateTokens, passages).to(torch::kFloat32);
        const auto n = static_cast<std::int64_t>(indices.size());
        const torch::Tensor positives = p.narrow(0, 0, n);
        torch::Tensor negatives;
        if (negativesPerExample > 0)
            negatives = p.narrow(0, n, n * negativesPerExample).reshape({n, negativesPerExample, p.size(1)});
        return loss.forward(q, positives, negatives);
    };
    // The epoch's visits (stage1_sampler.h): each job once with a drawn positive, or every example once.
    std::vector<std::size_t> jobOf;
    std::unordered_map<std::string_view, std::size_t> jobNumber;
    for (const auto& e : examples)
        jobOf.push_back(jobNumber.emplace(e.job, jobNumber.size()).first->second);
    const Stage1Sampler sampler(m_config.contrastive.stage1Sampler, std::move(jobOf), m_config.seed);
    Loop loop(*this, sampler.visitsPerEpoch(), dataHash(examples), callbacks);
    loop.epochOrder = [&sampler](std::uint64_t epoch) { return sampler.epoch(epoch); };
    if (sampler.kind() == Stage1SamplerKind::PerJob) {
        loop.itemsName = "jobs with a positive";
        loop.itemsNote = ": stage 1 visits each job once an epoch (contrastive.stage1_sampler per_positive visits "
                         "each positive)";
    }
    return loop.run(microBatch, resumeFrom);
}

} // namespace rankpo
