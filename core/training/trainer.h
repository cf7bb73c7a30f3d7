#pragma once

#include "core/training/training_config.h"
#include "core/training/training_examples.h"
#include "core/training/training_progress.h"

#include <filesystem>
#include <memory>
#include <vector>

namespace rankpo {

class EncoderModel;

// Fine-tunes an encoder in place with one of the three objectives (config.method): contrastive
// (stage 1), RankPO or SFT (stage 2). TRL-style: a config struct in, metrics with stable names out.
//
// It runs on whatever thread calls it, reports progress through the callbacks, stops within one
// micro-batch of the cancel flag, writes a checkpoint each epoch (the model in Hugging Face layout
// plus optimizer and trainer state) under outputDir/checkpoint-epoch-<n>, resumes from one, and
// throws rankpo::Error (Data) with the step on a NaN or infinite loss. Deterministic on the CPU for
// a seed: example order comes from SplitMix64, dropout from torch's seeded generator.
//
// RankPO's reference model is the model as it is when training starts (a frozen copy, as in the
// paper). Its scores for every example are computed once up front, which is exact for a frozen
// model and saves keeping a second model in memory; they travel with checkpoints for resuming.
class Trainer {
public:
    Trainer(TrainingConfig config, EncoderModel& model, std::filesystem::path outputDir);
    ~Trainer();

    // Stage 2 (config.method RankPO or Sft).
    TrainingOutcome train(const std::vector<PreferenceExample>& examples, const TrainerCallbacks& callbacks,
                          const std::filesystem::path& resumeFrom = {});
    // Stage 1 (config.method Contrastive): an epoch visits each job once with one of its positives drawn
    // (config.contrastive.stage1Sampler per_job) or each example once (per_positive); a visit draws
    // config.contrastive.numNegatives of the example's negatives; in-batch negatives come on top when the loss
    // options say so.
    TrainingOutcome train(const std::vector<ContrastiveExample>& examples, const TrainerCallbacks& callbacks,
                          const std::filesystem::path& resumeFrom = {});

    // RankPO's reference scores computed elsewhere (e.g. from the project's embedding cache of the
    // starting model): 2 per example, chosen then rejected, in example order. Used instead of
    // scoring the examples with the model when training starts.
    void setReferenceScores(std::vector<float> scores) { m_referenceScores = std::move(scores); }

    const TrainingConfig& config() const { return m_config; }
    // Token lengths actually used (the config's, capped at the model's maximum).
    std::size_t maxLengthJob() const { return m_maxLengthJob; }
    std::size_t maxLengthCandidate() const { return m_maxLengthCandidate; }

private:
    class Loop;

    TrainingConfig m_config;
    EncoderModel& m_model;
    std::filesystem::path m_outputDir;
    std::size_t m_maxLengthJob;
    std::size_t m_maxLengthCandidate;
    std::vector<float> m_referenceScores;
};

} // namespace rankpo
