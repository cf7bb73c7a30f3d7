#pragma once

#include <torch/torch.h>

#include <string>

namespace rankpo {

// Shape and value checks for the tensors handed to the losses. A mistake in the trainer (a
// transposed batch, a missing reference score) must surface as a rankpo::Error that names the loss
// and the tensor, not as a libtorch assertion deep in a matmul.

std::string shapeString(const torch::Tensor& t);

// Defined, floating point, of the given rank; `owner` and `name` go into the message.
void requireFloatTensor(const torch::Tensor& t, const char* owner, const char* name, int64_t rank);

// Same shape as `reference` (named `referenceName` in the message).
void requireSameShape(const torch::Tensor& t, const char* owner, const char* name, const torch::Tensor& reference,
                      const char* referenceName);

// On the device of `reference` (a CPU tensor next to CUDA ones would fail deep inside libtorch).
void requireSameDevice(const torch::Tensor& t, const char* owner, const char* name, const torch::Tensor& reference,
                       const char* referenceName);

// Every element finite (NaN and infinities poison the whole batch's gradient).
void requireFinite(const torch::Tensor& t, const char* owner, const char* name);

} // namespace rankpo
