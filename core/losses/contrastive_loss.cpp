#include "core/losses/contrastive_loss.h"

#include "core/losses/metric_names.h"
#include "core/losses/tensor_checks.h"
#include "core/util/error.h"

namespace rankpo {

namespace {

const char* const kOwner = "contrastive loss";

// Brings the negatives to [B, n, d] (n may be 0), checking what the caller handed in.
torch::Tensor groupedNegatives(const torch::Tensor& negatives, const torch::Tensor& queries)
{
    const int64_t batch = queries.size(0);
    const int64_t dim = queries.size(1);
    if (!negatives.defined() || negatives.numel() == 0)
        return torch::empty({batch, 0, dim}, queries.options());
    if (!negatives.is_floating_point() || negatives.scalar_type() != queries.scalar_type())
        throw usageError(std::string(kOwner) + ": tensor 'negatives' must have the dtype of 'queries' ("
                         + std::string(c10::toString(queries.scalar_type())) + "), got "
                         + std::string(c10::toString(negatives.scalar_type())));
    requireSameDevice(negatives, kOwner, "negatives", queries, "queries");
    if (negatives.dim() == 3) {
        if (negatives.size(0) != batch || negatives.size(2) != dim)
            throw usageError(std::string(kOwner) + ": tensor 'negatives' must be [" + std::to_string(batch) + ", n, "
                             + std::to_string(dim) + "], got " + shapeString(negatives));
        return negatives;
    }
    if (negatives.dim() == 2) {
        if (negatives.size(1) != dim || negatives.size(0) % batch != 0)
            throw usageError(std::string(kOwner) + ": tensor 'negatives' must be [" + std::to_string(batch)
                             + " * n, " + std::to_string(dim) + "], got " + shapeString(negatives));
        return negatives.reshape({batch, negatives.size(0) / batch, dim});
    }
    throw usageError(std::string(kOwner) + ": tensor 'negatives' must have 2 or 3 dimensions, got shape "
                     + shapeString(negatives));
}

} // namespace

ContrastiveLoss::ContrastiveLoss(ContrastiveLossOptions options) : m_options(options)
{
    m_options.validate();
}

LossOutput ContrastiveLoss::forward(const torch::Tensor& queries, const torch::Tensor& positives,
                                    const torch::Tensor& negatives) const
{
    requireFloatTensor(queries, kOwner, "queries", 2);
    requireFloatTensor(positives, kOwner, "positives", 2);
    requireSameShape(positives, kOwner, "positives", queries, "queries");
    requireSameDevice(positives, kOwner, "positives", queries, "queries");
    if (positives.scalar_type() != queries.scalar_type())
        throw usageError(std::string(kOwner) + ": tensors 'queries' and 'positives' differ in dtype");
    const int64_t batch = queries.size(0);
    const int64_t dim = queries.size(1);
    if (batch == 0)
        throw usageError(std::string(kOwner) + ": the batch is empty");

    const torch::Tensor grouped = groupedNegatives(negatives, queries);
    const int64_t perQuery = grouped.size(1);
    const int64_t groupSize = 1 + perQuery;
    if (perQuery == 0 && (!m_options.useInBatchNegatives || batch == 1))
        throw usageError(std::string(kOwner) + ": nothing to contrast: give negatives, or use in-batch negatives "
                         "with more than one query per batch");

    const torch::Tensor passages = torch::cat({positives.unsqueeze(1), grouped}, 1); // [B, 1 + n, d]
    const auto longOptions = torch::TensorOptions().dtype(torch::kLong).device(queries.device());
    torch::Tensor logits;
    torch::Tensor target;
    if (m_options.useInBatchNegatives) {
        logits = torch::matmul(queries, passages.reshape({batch * groupSize, dim}).t()) / m_options.tau;
        target = torch::arange(batch, longOptions) * groupSize;
    } else {
        logits = torch::matmul(queries.unsqueeze(1), passages.transpose(-2, -1)).squeeze(1) / m_options.tau;
        target = torch::zeros({batch}, longOptions);
    }

    LossOutput out;
    out.loss = torch::nn::functional::cross_entropy(logits, target);

    const torch::NoGradGuard noGrad;
    const torch::Tensor q = queries.detach();
    out.metrics[metric::ContrastiveLoss] = out.loss.detach().item<double>();
    out.metrics[metric::ContrastiveAccuracy] =
        (logits.detach().argmax(1) == target).to(torch::kFloat).mean().item<double>();
    out.metrics[metric::ScoresPositive] = (q * positives.detach()).sum(-1).mean().item<double>();
    if (perQuery > 0)
        out.metrics[metric::ScoresNegative] =
            torch::matmul(q.unsqueeze(1), grouped.detach().transpose(-2, -1)).mean().item<double>();
    return out;
}

} // namespace rankpo
