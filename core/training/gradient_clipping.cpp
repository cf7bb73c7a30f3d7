#include "core/training/gradient_clipping.h"

#include "core/util/error.h"

#include <cmath>

namespace rankpo {

double clipGradientNorm(const std::vector<torch::Tensor>& parameters, double maxNorm)
{
    if (!std::isfinite(maxNorm) || maxNorm < 0.0)
        throw usageError("gradient clipping: max norm must be >= 0");
    if (maxNorm > 0.0)
        return torch::nn::utils::clip_grad_norm_(parameters, maxNorm);
    std::vector<torch::Tensor> norms;
    for (const auto& p : parameters)
        if (p.grad().defined())
            norms.push_back(p.grad().detach().norm(2));
    if (norms.empty())
        return 0.0;
    return torch::stack(norms).norm(2).item<double>();
}

} // namespace rankpo
