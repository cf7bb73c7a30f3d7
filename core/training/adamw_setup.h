#pragma once

#include <torch/torch.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace rankpo {

using NamedParameter = std::pair<std::string, torch::Tensor>;

// A module's named_parameters() as the list the functions below take.
std::vector<NamedParameter> toNamedParameters(const torch::OrderedDict<std::string, torch::Tensor>& parameters);

// HF Trainer's weight-decay rule by parameter name: no decay for biases and normalisation weights.
// HF decides by module type (nn.LayerNorm) and "bias" in the name; with names only, BERT's
// "...LayerNorm.weight", and "layer_norm" / "layernorm" / "rmsnorm" in any case, stand for the type.
bool isNoDecayParameter(const std::string& name);

struct AdamWSettings {
    double learningRate = 1e-5;
    double weightDecay = 0.0;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-8;
};

// The two parameter groups HF's create_optimizer builds (trainable parameters only).
struct WeightDecayGroups {
    std::vector<NamedParameter> decay;
    std::vector<NamedParameter> noDecay;
};

WeightDecayGroups splitByWeightDecay(const std::vector<NamedParameter>& parameters);

// torch::optim::AdamW over the trainable parameters in the two groups above: the decay group with
// settings.weightDecay, the other with 0 (libtorch's own default, 1e-2, is never used). Empty
// groups are left out. Throws rankpo::Error(Usage) on bad settings or no trainable parameter.
std::unique_ptr<torch::optim::AdamW> makeAdamW(const std::vector<NamedParameter>& parameters,
                                               const AdamWSettings& settings);

// fp32 master copies of the bf16 / fp16 trainable parameters, as mixed-precision training keeps them:
// AdamW steps the masters (its moment states are then fp32 too), and the model's weights are the
// masters rounded after each step. Stepping bf16 weights directly would lose every update smaller
// than half a bf16 step (2^-8 relative): at lr 1e-5 almost all of them. fp32 parameters are stepped
// as they are, so for an fp32 model this changes nothing. A resumed run starts its masters from the
// checkpoint's (rounded) weights; the moment states come back exactly.
class MasterWeights {
public:
    explicit MasterWeights(const std::vector<NamedParameter>& parameters);

    // What the optimiser steps: each low-precision parameter's master in its place, others as given.
    const std::vector<NamedParameter>& optimized() const { return m_optimized; }
    std::size_t masterCount() const { return m_pairs.size(); }

    // After each micro-batch's backward: its low-precision gradients are added to the masters' fp32 gradients and
    // cleared, so that accumulation over micro-batches sums in fp32 (summing four bf16 gradients in bf16 rounds
    // each partial sum to 8 bits of mantissa).
    void accumulateGradients();
    // Before clipping and stepping: the last micro-batch's gradients join the masters' (accumulateGradients).
    void gradientsToMasters() { accumulateGradients(); }
    // After stepping: the parameters take their masters' values; their gradients and the masters' are cleared,
    // so the next step sums afresh (a parameter without any gradient is then skipped, as PyTorch's set-to-None).
    void mastersToModel();

private:
    std::vector<NamedParameter> m_optimized;
    std::vector<std::pair<torch::Tensor, torch::Tensor>> m_pairs; // model parameter, fp32 master
};

// Sets every group's learning rate (what a LambdaLR step does), e.g. to LearningRateSchedule's value.
void setLearningRate(torch::optim::Optimizer& optimizer, double learningRate);

} // namespace rankpo
