#include "core/training/torch_seeding.h"

#include <torch/torch.h>

namespace rankpo {

void seedTorch(std::uint64_t seed, bool deterministicAlgorithms)
{
    torch::manual_seed(seed);
    auto& context = at::globalContext();
    context.setDeterministicAlgorithms(deterministicAlgorithms, /*warn_only=*/false);
    context.setDeterministicCuDNN(deterministicAlgorithms);
    if (deterministicAlgorithms)
        context.setBenchmarkCuDNN(false);
}

} // namespace rankpo
