#pragma once

#include "core/losses/loss_options.h"
#include "core/losses/loss_output.h"

namespace rankpo {

// The supervised baseline of stage 2 (and RankPO's optional SFT term): cross-entropy over the two
// cosine scores [s_c, s_r] / tau with the chosen candidate as the target, i.e. mean softplus((s_r -
// s_c) / tau). Identical to upstream's `sft_loss` (nn.CrossEntropyLoss on scores / temperature).
class SftLoss {
public:
    explicit SftLoss(SftLossOptions options = {}); // validates; throws rankpo::Error(Usage)

    const SftLossOptions& options() const { return m_options; }

    // chosenScores, rejectedScores: [B] cosine similarities of each job with its chosen and its
    // rejected candidate, carrying the autograd graph. Metrics: sft_loss, scores/chosen,
    // scores/rejected, scores/margins.
    LossOutput forward(const torch::Tensor& chosenScores, const torch::Tensor& rejectedScores) const;

    // The bare term, without checks or metrics, for losses that embed it.
    static torch::Tensor term(const torch::Tensor& chosenScores, const torch::Tensor& rejectedScores, double tau);

private:
    SftLossOptions m_options;
};

} // namespace rankpo
