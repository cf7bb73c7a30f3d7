#include "core/losses/sft_loss.h"

#include "core/losses/metric_names.h"
#include "core/losses/tensor_checks.h"
#include "core/util/error.h"

namespace rankpo {

SftLoss::SftLoss(SftLossOptions options) : m_options(options)
{
    m_options.validate();
}

torch::Tensor SftLoss::term(const torch::Tensor& chosenScores, const torch::Tensor& rejectedScores, double tau)
{
    // Column 0 is the chosen candidate, as in upstream's collator (chosen then rejected per job).
    const torch::Tensor logits = torch::stack({chosenScores, rejectedScores}, 1) / tau;
    const torch::Tensor target = torch::zeros({logits.size(0)}, torch::TensorOptions().dtype(torch::kLong).device(logits.device()));
    return torch::nn::functional::cross_entropy(logits, target);
}

LossOutput SftLoss::forward(const torch::Tensor& chosenScores, const torch::Tensor& rejectedScores) const
{
    static const char* owner = "SFT loss";
    requireFloatTensor(chosenScores, owner, "chosen_scores", 1);
    requireFloatTensor(rejectedScores, owner, "rejected_scores", 1);
    requireSameShape(rejectedScores, owner, "rejected_scores", chosenScores, "chosen_scores");
    requireSameDevice(rejectedScores, owner, "rejected_scores", chosenScores, "chosen_scores");
    if (chosenScores.size(0) == 0)
        throw usageError(std::string(owner) + ": the batch is empty");

    LossOutput out;
    out.loss = term(chosenScores, rejectedScores, m_options.tau);
    const torch::Tensor c = chosenScores.detach();
    const torch::Tensor r = rejectedScores.detach();
    out.metrics[metric::SftLoss] = out.loss.detach().item<double>();
    out.metrics[metric::ScoresChosen] = c.mean().item<double>();
    out.metrics[metric::ScoresRejected] = r.mean().item<double>();
    out.metrics[metric::ScoresMargins] = (c - r).mean().item<double>();
    return out;
}

} // namespace rankpo
