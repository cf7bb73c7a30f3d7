#pragma once

#include "core/model/model_config.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace rankpo {

// The number of parameters a config implies (embeddings, layers, norms; an untied lm_head counted when the
// checkpoint has one, which the caller says), without loading any weights.
std::int64_t parameterCount(const ModelConfig& config, bool untiedLmHead = false);

struct TrainingMemoryInput {
    std::size_t maxLengthJob = 512;       // tokens per job text
    std::size_t maxLengthCandidate = 512; // tokens per candidate text
    std::size_t batch = 8;             // preference pairs (or contrastive examples) per micro-batch
    std::size_t candidatesPerExample = 2; // RankPO: chosen and rejected; contrastive: 1 + negatives
    std::string dtype = "float32";     // of weights, gradients and activations: float32 | bfloat16 | float16
    bool gradientCheckpointing = false;
    bool fusedAttention = false;       // SDPA's flash / memory-efficient kernels: no L x L scores are kept
};

// Bytes of one training step's resident state, for the Training page's estimate. A planning figure, not a
// measurement: allocator slack, CUDA context (~0.5 GiB) and libtorch's workspaces are not counted.
struct MemoryEstimate {
    std::int64_t parameters = 0;
    double weights = 0;     // parameters x dtype size
    double gradients = 0;   // the same again
    double optimizer = 0;   // AdamW's two moments in float32, plus a float32 master copy when dtype is not float32
    double activations = 0; // what backward needs of the forward, for every text of the micro-batch
    double total() const { return weights + gradients + optimizer + activations; }
};

// Activations per token and layer (dtype bytes s, hidden H, intermediate I, query width Q = heads x head_dim,
// key/value width K): without checkpointing s x (6H + 2Q + 2K + 4I) + 4H x 2 (the float32 norms' inputs) and,
// without fused attention, 2 x 4 x heads x L (scores and probabilities in float32); with checkpointing s x H per
// layer (its input) plus one layer's full set, recomputed at a time. BERT encoders are estimated alike.
MemoryEstimate estimateTrainingMemory(const ModelConfig& config, const TrainingMemoryInput& input);

} // namespace rankpo
