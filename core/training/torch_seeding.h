#pragma once

#include <cstdint>

namespace rankpo {

// Seeds libtorch's generators (CPU and every CUDA device: dropout masks, initialisations) as HF's
// set_seed does for torch. Our own orders (shuffles, sampling) come from SplitMix64 with the same
// seed, not from torch, so they are identical on every platform.
// deterministicAlgorithms additionally makes torch refuse non-deterministic kernels and pins cuDNN
// (slower; on CUDA, cuBLAS also needs CUBLAS_WORKSPACE_CONFIG=:4096:8 in the environment before
// the first CUDA call).
void seedTorch(std::uint64_t seed, bool deterministicAlgorithms = false);

} // namespace rankpo
