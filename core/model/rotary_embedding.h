#pragma once

// Rotary position embeddings as transformers computes them (engine-internal: includes torch): the inverse
// frequencies of a config (default, linear, dynamic NTK, llama3 scaling) in float32, and cos/sin per position.
#include "core/model/decoder_config.h"

#include <torch/torch.h>

namespace rankpo {

// inv_freq [headDim / 2] for sequences of `length` tokens (only dynamic scaling depends on it).
torch::Tensor ropeInverseFrequencies(const DecoderConfig& config, std::int64_t length);

struct RopeTables {
    torch::Tensor cos; // [L, headDim], cat(freqs, freqs).cos()
    torch::Tensor sin;
};
RopeTables ropeTables(const DecoderConfig& config, std::int64_t length, torch::Device device, torch::Dtype dtype);

// x [B, heads, L, headDim]: x * cos + rotate_half(x) * sin, rotate_half(x) = cat(-x2, x1).
torch::Tensor applyRope(const torch::Tensor& x, const RopeTables& tables);

} // namespace rankpo
