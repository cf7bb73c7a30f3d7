#include "core/training/adamw_setup.h"

#include "core/util/error.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace rankpo {

bool isNoDecayParameter(const std::string& name)
{
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return name.find("bias") != std::string::npos || lower.find("layernorm") != std::string::npos
        || lower.find("layer_norm") != std::string::npos || lower.find("rmsnorm") != std::string::npos;
}

WeightDecayGroups splitByWeightDecay(const std::vector<NamedParameter>& parameters)
{
    WeightDecayGroups groups;
    for (const auto& named : parameters) {
        if (!named.second.defined() || !named.second.requires_grad())
            continue;
        (isNoDecayParameter(named.first) ? groups.noDecay : groups.decay).push_back(named);
    }
    return groups;
}

std::unique_ptr<torch::optim::AdamW> makeAdamW(const std::vector<NamedParameter>& parameters,
                                               const AdamWSettings& s)
{
    if (!std::isfinite(s.learningRate) || s.learningRate <= 0.0)
        throw usageError("AdamW: learning rate must be > 0");
    if (!std::isfinite(s.weightDecay) || s.weightDecay < 0.0)
        throw usageError("AdamW: weight decay must be >= 0");
    if (!(s.beta1 >= 0.0 && s.beta1 < 1.0) || !(s.beta2 >= 0.0 && s.beta2 < 1.0))
        throw usageError("AdamW: betas must be in [0, 1)");
    if (!std::isfinite(s.epsilon) || s.epsilon <= 0.0)
        throw usageError("AdamW: epsilon must be > 0");

    const WeightDecayGroups groups = splitByWeightDecay(parameters);
    if (groups.decay.empty() && groups.noDecay.empty())
        throw usageError("AdamW: no trainable parameter");

    const auto options = [&s](double weightDecay) {
        return std::make_unique<torch::optim::AdamWOptions>(torch::optim::AdamWOptions(s.learningRate)
                                                                .betas(std::make_tuple(s.beta1, s.beta2))
                                                                .eps(s.epsilon)
                                                                .weight_decay(weightDecay)
                                                                .amsgrad(false));
    };
    const auto tensors = [](const std::vector<NamedParameter>& named) {
        std::vector<torch::Tensor> out;
        out.reserve(named.size());
        for (const auto& n : named)
            out.push_back(n.second);
        return out;
    };
    std::vector<torch::optim::OptimizerParamGroup> paramGroups;
    if (!groups.decay.empty())
        paramGroups.emplace_back(tensors(groups.decay), options(s.weightDecay));
    if (!groups.noDecay.empty())
        paramGroups.emplace_back(tensors(groups.noDecay), options(0.0));
    // The defaults only fill options a group lacks; every group above has all of them.
    return std::make_unique<torch::optim::AdamW>(paramGroups, *options(s.weightDecay));
}

std::vector<NamedParameter> toNamedParameters(const torch::OrderedDict<std::string, torch::Tensor>& parameters)
{
    std::vector<NamedParameter> named;
    named.reserve(parameters.size());
    for (const auto& item : parameters)
        named.emplace_back(item.key(), item.value());
    return named;
}

MasterWeights::MasterWeights(const std::vector<NamedParameter>& parameters)
{
    m_optimized.reserve(parameters.size());
    for (const auto& [name, p] : parameters) {
        const bool lowPrecision = p.defined() && p.requires_grad()
                               && (p.scalar_type() == torch::kBFloat16 || p.scalar_type() == torch::kFloat16);
        if (!lowPrecision) {
            m_optimized.emplace_back(name, p);
            continue;
        }
        torch::Tensor master = p.detach().to(torch::kFloat32).clone().set_requires_grad(true);
        m_pairs.emplace_back(p, master);
        m_optimized.emplace_back(name, master);
    }
}

void MasterWeights::accumulateGradients()
{
    torch::NoGradGuard noGrad;
    for (auto& [p, master] : m_pairs) {
        if (!p.grad().defined())
            continue;
        if (master.grad().defined())
            master.mutable_grad().add_(p.grad().to(torch::kFloat32));
        else
            master.mutable_grad() = p.grad().detach().to(torch::kFloat32);
        p.mutable_grad() = torch::Tensor();
    }
}

void MasterWeights::mastersToModel()
{
    torch::NoGradGuard noGrad;
    for (auto& [p, master] : m_pairs) {
        p.copy_(master);
        if (p.grad().defined())
            p.mutable_grad() = torch::Tensor();
        master.mutable_grad() = torch::Tensor();
    }
}

void setLearningRate(torch::optim::Optimizer& optimizer, double learningRate)
{
    for (auto& group : optimizer.param_groups())
        group.options().set_lr(learningRate);
}

} // namespace rankpo
