#include "core/losses/rankpo_loss.h"

#include "core/losses/metric_names.h"
#include "core/losses/sft_loss.h"
#include "core/losses/tensor_checks.h"
#include "core/util/error.h"

namespace rankpo {

namespace {
const char* const kOwner = "RankPO loss";
}

RankPOLoss::RankPOLoss(RankPOLossOptions options) : m_options(options)
{
    m_options.validate();
}

void RankPOLoss::checkInputs(const PreferenceScores& policy, const std::optional<PreferenceScores>& reference) const
{
    requireFloatTensor(policy.chosen, kOwner, "chosen_scores", 1);
    requireFloatTensor(policy.rejected, kOwner, "rejected_scores", 1);
    requireSameShape(policy.rejected, kOwner, "rejected_scores", policy.chosen, "chosen_scores");
    requireSameDevice(policy.rejected, kOwner, "rejected_scores", policy.chosen, "chosen_scores");
    if (policy.chosen.size(0) == 0)
        throw usageError(std::string(kOwner) + ": the batch is empty");
    if (reference) {
        requireFloatTensor(reference->chosen, kOwner, "ref_chosen_scores", 1);
        requireFloatTensor(reference->rejected, kOwner, "ref_rejected_scores", 1);
        requireSameShape(reference->chosen, kOwner, "ref_chosen_scores", policy.chosen, "chosen_scores");
        requireSameShape(reference->rejected, kOwner, "ref_rejected_scores", policy.chosen, "chosen_scores");
        requireSameDevice(reference->chosen, kOwner, "ref_chosen_scores", policy.chosen, "chosen_scores");
        requireSameDevice(reference->rejected, kOwner, "ref_rejected_scores", policy.chosen, "chosen_scores");
    } else if (!m_options.referenceFree) {
        // Upstream would silently use 0 here; without a reference model the run is reference-free
        // and should say so, or the trainer forgot to score the batch with the reference.
        throw usageError(std::string(kOwner) + ": reference scores are required unless referenceFree is set");
    }
}

torch::Tensor RankPOLoss::uncheckedPairLosses(const PreferenceScores& policy,
                                              const std::optional<PreferenceScores>& reference) const
{
    torch::Tensor advantages = policy.chosen - policy.rejected;
    if (!m_options.referenceFree)
        advantages = advantages - (reference->chosen.detach() - reference->rejected.detach());
    const torch::Tensor logits = advantages / m_options.tau - m_options.gamma;
    const double beta = m_options.beta;
    if (m_options.lossType == PreferenceLossType::Hinge)
        return torch::relu(1.0 - beta * logits);
    const double eps = m_options.labelSmoothing;
    return -torch::log_sigmoid(beta * logits) * (1.0 - eps) - torch::log_sigmoid(-beta * logits) * eps;
}

LossOutput RankPOLoss::forward(const PreferenceScores& policy, const std::optional<PreferenceScores>& reference,
                               const torch::Tensor& pairWeights) const
{
    checkInputs(policy, reference);

    torch::Tensor weights;
    if (m_options.weightByConfidence) {
        if (!pairWeights.defined())
            throw usageError(std::string(kOwner) + ": weightByConfidence is set but no pair weights were given");
        requireFloatTensor(pairWeights, kOwner, "pair_weights", 1);
        requireSameShape(pairWeights, kOwner, "pair_weights", policy.chosen, "chosen_scores");
        requireFinite(pairWeights, kOwner, "pair_weights");
        weights = pairWeights.detach().to(policy.chosen.options());
        if ((weights < 0).any().item<bool>())
            throw dataError(std::string(kOwner) + ": tensor 'pair_weights' has negative values");
        if (weights.sum().item<double>() <= 0.0)
            throw dataError(std::string(kOwner) + ": tensor 'pair_weights' sums to 0: no pair would count");
    }

    LossOutput out;
    torch::Tensor total;
    if (m_options.rankpoWeight > 0.0) {
        const torch::Tensor losses = uncheckedPairLosses(policy, reference);
        const torch::Tensor rankpoLoss = weights.defined() ? (losses * weights).sum() / weights.sum() : losses.mean();
        total = m_options.rankpoWeight * rankpoLoss;
        out.metrics[metric::RankPOLoss] = rankpoLoss.detach().item<double>();
    }
    if (m_options.sftWeight > 0.0) {
        const torch::Tensor sftLoss = SftLoss::term(policy.chosen, policy.rejected, m_options.tau);
        total = total.defined() ? total + m_options.sftWeight * sftLoss : m_options.sftWeight * sftLoss;
        out.metrics[metric::SftLoss] = sftLoss.detach().item<double>();
    }
    out.loss = total;

    const torch::Tensor chosen = policy.chosen.detach();
    const torch::Tensor rejected = policy.rejected.detach();
    torch::Tensor chosenRewards = m_options.beta * chosen;
    torch::Tensor rejectedRewards = m_options.beta * rejected;
    if (reference) {
        chosenRewards = m_options.beta * (chosen - reference->chosen.detach());
        rejectedRewards = m_options.beta * (rejected - reference->rejected.detach());
    }
    out.metrics[metric::RewardsChosen] = chosenRewards.mean().item<double>();
    out.metrics[metric::RewardsRejected] = rejectedRewards.mean().item<double>();
    // float32 as upstream (`.float()`), so that a 1/3 accuracy logs the very same number.
    out.metrics[metric::RewardsAccuracies] = (chosenRewards > rejectedRewards).to(torch::kFloat).mean().item<double>();
    out.metrics[metric::RewardsMargins] = (chosenRewards - rejectedRewards).mean().item<double>();
    out.metrics[metric::ScoresChosen] = chosen.mean().item<double>();
    out.metrics[metric::ScoresRejected] = rejected.mean().item<double>();
    out.metrics[metric::ScoresMargins] = (chosen - rejected).mean().item<double>();
    return out;
}

} // namespace rankpo
