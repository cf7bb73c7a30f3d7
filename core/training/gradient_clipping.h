#pragma once

#include <torch/torch.h>

#include <vector>

namespace rankpo {

// HF Trainer's clipping step: the global 2-norm of all gradients, scaled down to maxNorm when above
// it (torch::nn::utils::clip_grad_norm_). Returns the norm before clipping, which HF logs as
// `grad_norm`. maxNorm 0 only measures (HF skips clipping when max_grad_norm is 0). Parameters
// without a gradient are skipped; none at all gives 0.
double clipGradientNorm(const std::vector<torch::Tensor>& parameters, double maxNorm);

} // namespace rankpo
