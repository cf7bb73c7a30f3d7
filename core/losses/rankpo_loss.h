#pragma once

#include "core/losses/loss_options.h"
#include "core/losses/loss_output.h"

#include <optional>

namespace rankpo {

// The cosine scores of a batch of preference pairs under one model: [B] each, row i being job i's
// chosen and rejected candidate.
struct PreferenceScores {
    torch::Tensor chosen;
    torch::Tensor rejected;
};

// Stage 2: the RankPO objective exactly as upstream's RankPOTrainer computes it.
//   advantage = (s_c - s_r) - (ref_c - ref_r)      (the bracket dropped when referenceFree)
//   logits    = advantage / tau - gamma
//   sigmoid:  -log sigma(beta * logits) (1 - eps) - log sigma(-beta * logits) eps
//   hinge:    relu(1 - beta * logits)
//   loss      = rankpoWeight * mean(pair losses) + sftWeight * SftLoss(s_c, s_r; tau)
// With weightByConfidence the mean becomes sum(w * l) / sum(w) (torch's weighted-mean convention),
// so that low-confidence judgements pull less without changing the loss's scale.
class RankPOLoss {
public:
    explicit RankPOLoss(RankPOLossOptions options = {}); // validates; throws rankpo::Error(Usage)

    const RankPOLossOptions& options() const { return m_options; }

    // policy: the trained model's scores (with autograd). reference: the frozen reference model's
    // scores, required unless referenceFree; they are detached here. When given they also offset the
    // rewards, as upstream does whenever it has a reference model. pairWeights: [B], >= 0, required
    // iff weightByConfidence (ignored otherwise).
    // Metrics: rankpo_loss (when rankpoWeight > 0), sft_loss (when sftWeight > 0), rewards/chosen,
    // rewards/rejected, rewards/accuracies, rewards/margins, scores/chosen, scores/rejected,
    // scores/margins, where rewards are beta * (s - ref_s) (upstream's definition: no tau).
    LossOutput forward(const PreferenceScores& policy, const std::optional<PreferenceScores>& reference = std::nullopt,
                       const torch::Tensor& pairWeights = {}) const;

private:
    void checkInputs(const PreferenceScores& policy, const std::optional<PreferenceScores>& reference) const;
    torch::Tensor uncheckedPairLosses(const PreferenceScores& policy, const std::optional<PreferenceScores>& reference) const;

    RankPOLossOptions m_options;
};

} // namespace rankpo
