#pragma once

// Test helper (header-only): the tensors of a golden file (reference_data.h) as torch tensors.

#include "tests/support/reference_data.h"

#include <torch/torch.h>

#include <cmath>
#include <string>
#include <vector>

namespace rankpo::test {

inline torch::Dtype dtypeNamed(const std::string& name)
{
    if (name == "float64")
        return torch::kFloat64;
    if (name == "float32")
        return torch::kFloat32;
    throw std::runtime_error("unknown dtype " + name);
}

// {"shape": [...], "data": [...]} -> tensor of `dtype`.
inline torch::Tensor tensorFromJson(const nlohmann::json& j, torch::Dtype dtype)
{
    const auto shape = j.at("shape").get<std::vector<int64_t>>();
    const auto values = j.at("data").get<std::vector<double>>();
    return torch::tensor(values, torch::kFloat64).reshape(shape).to(dtype);
}

inline double maxAbsDifference(const torch::Tensor& a, const torch::Tensor& b)
{
    if (a.sizes() != b.sizes())
        return INFINITY;
    if (a.numel() == 0)
        return 0.0;
    return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max().item<double>();
}

} // namespace rankpo::test
