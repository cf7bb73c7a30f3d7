#pragma once

#include "core/losses/loss_options.h"
#include "core/training/hard_negative_miner.h"
#include "core/training/learning_rate_schedule.h"
#include "core/training/stage1_sampler.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rankpo {

enum class TrainingMethod {
    Contrastive, // stage 1: InfoNCE on rule-labelled data
    RankPO,      // stage 2: preference optimisation on AI / human preferences
    Sft,         // stage 2 baseline: cross-entropy on the preferences
};

std::string_view toString(TrainingMethod method);
std::optional<TrainingMethod> trainingMethodFromString(std::string_view text);

// Stage 1 beyond the loss itself.
struct ContrastiveTrainingOptions {
    ContrastiveLossOptions loss;           // tau 0.02, in-batch negatives
    int numNegatives = 5;                  // rule-data negatives per job in a batch (upstream num_negatives)
    int hardNegativeRounds = 0;            // mine-then-retrain rounds after the first pass (paper Fig. 1)
    HardNegativeMinerOptions hardNegatives; // upstream get_hard_negatives.py: range 0-100, 10 per job, topk
    // Upstream's: each job once an epoch with a random positive (stage1_sampler.h). Runs recorded before this
    // setting sampled per positive, and parseRecorded reads them so.
    Stage1SamplerKind stage1Sampler = Stage1SamplerKind::PerJob;
};

// The paper's RankPO: advantages offset by the frozen reference model's scores. The loss module's own default
// is upstream's script (reference_free, the paper's SimRankPO), which our runs defaulted to until the names
// followed the paper; a recorded run without the field is read as reference-free (parseRecorded).
inline RankPOLossOptions paperRankPOOptions()
{
    RankPOLossOptions options;
    options.referenceFree = false;
    return options;
}

// Everything a training run is configured with, TRL / HF TrainingArguments style, so a run can be
// recorded as JSON and repeated. Defaults are the paper's runs (upstream scripts/train/run_rankpo.sh
// and run_contrastive.sh on top of HF TrainingArguments' own defaults):
//   lr 1e-5, 3 epochs, batch 8 x accumulation 4, cosine schedule, warm-up ratio 0.1, max grad norm
//   1.0, seed 42, weight decay 0.0 (HF's default: the scripts do not set it), AdamW betas
//   (0.9, 0.999), eps 1e-8; RankPO tau 0.1, beta 2.0 against the frozen reference model (the paper's
//   RankPO; reference_free is its SimRankPO); contrastive tau 0.02 with 5 negatives per job and in-batch
//   negatives, each job once an epoch with a random positive (upstream's dataset).
// The upstream scripts truncate jobs / candidates at 1280 / 4096 tokens for Llama-3.2-1B; a BERT
// encoder has 512 positions, so our defaults are 512 / 512.
struct TrainingConfig {
    TrainingMethod method = TrainingMethod::RankPO;

    double learningRate = 1e-5;
    int numTrainEpochs = 3;
    int perDeviceTrainBatchSize = 8;
    int gradientAccumulationSteps = 4;
    LrSchedulerType lrSchedulerType = LrSchedulerType::Cosine;
    double warmupRatio = 0.1;
    int warmupSteps = 0;           // > 0 overrides warmupRatio, as in HF
    double weightDecay = 0.0;
    double adamBeta1 = 0.9;
    double adamBeta2 = 0.999;
    double adamEpsilon = 1e-8;
    double maxGradNorm = 1.0;      // 0 disables clipping
    std::uint64_t seed = 42;
    int maxSteps = -1;             // > 0 overrides numTrainEpochs, as in HF
    int loggingSteps = 1;
    bool dataloaderDropLast = true;
    bool disableDropout = false;   // upstream's RankPO run keeps dropout on (--disable_dropout False)
    bool bf16 = true;              // bf16 autocast for the forward pass on CUDA (ignored on the CPU)
    // Parameter dtype: "auto" is float32 on the CPU and bfloat16 for a decoder on CUDA (BERT: float32 always);
    // "float32", "bfloat16", "float16". Non-float32 weights are stepped through fp32 masters (adamw_setup.h).
    std::string torchDtype = "auto";
    // Decoders: each layer's activations recomputed in backward (upstream trains Llama-3.2-1B so at
    // 1,280 / 4,096 tokens); costs about a third more time, saves most of the activation memory.
    bool gradientCheckpointing = false;
    int maxLengthJob = 512;      // tokens of a job description
    int maxLengthCandidate = 512;    // tokens of a candidate
    // Stage 2: each epoch visits the jobs in a seeded order and a job's pairs one after another, so a
    // micro-batch holds few distinct jobs and each is encoded once (beyond upstream, which shuffles pairs).
    bool groupByJob = false;

    ContrastiveTrainingOptions contrastive;
    RankPOLossOptions rankpo = paperRankPOOptions();
    SftLossOptions sft;

    // The defaults above with `method` set.
    static TrainingConfig defaults(TrainingMethod method);
    // A run sized for two CPU cores, as the demo pipeline trains: 128 tokens per text, batch 8 without
    // accumulation, one epoch, learning rate 3e-5 (stage 1: 3 negatives per job). The paper's defaults run
    // 512-token texts with 4x accumulation for 3 epochs: hours on a laptop for the demo project.
    static TrainingConfig cpuPreset(TrainingMethod method);

    // Throws rankpo::Error(Usage) naming the offending field by its JSON path ("rankpo.beta").
    void validate() const;

    // Every field, under HF / upstream argument names (learning_rate, rankpo.temperature, ...).
    nlohmann::json toJson() const;
    // Missing fields keep their defaults; unknown fields, wrong types and invalid values are errors
    // that name the field. `source` (a file name) prefixes the messages.
    static TrainingConfig fromJson(const nlohmann::json& json, const std::string& source = "training config");
    static TrainingConfig parse(std::string_view text, const std::string& source = "training config");
    // A run's recorded configuration (resuming it, listing it): as fromJson, but the fields an older run did not
    // record take the values that run trained with, not today's defaults: `rankpo.reference_free` true and
    // `contrastive.stage1_sampler` "per_positive". So a resumed run trains as it began.
    static TrainingConfig parseRecorded(std::string_view text, const std::string& source = "recorded run");
    static TrainingConfig fromRecordedJson(const nlohmann::json& json, const std::string& source = "recorded run");
};

} // namespace rankpo
