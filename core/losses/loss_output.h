#pragma once

#include <torch/torch.h>

#include <map>
#include <string>

namespace rankpo {

// What every loss's forward returns: the scalar to back-propagate and the batch's metrics under the
// stable names of core/losses/metric_names.h (plain doubles, detached from the graph).
struct LossOutput {
    torch::Tensor loss;
    std::map<std::string, double> metrics;
};

} // namespace rankpo
