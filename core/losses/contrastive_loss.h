#pragma once

#include "core/losses/loss_options.h"
#include "core/losses/loss_output.h"

namespace rankpo {

// Stage 1: InfoNCE over cosine / tau, as upstream's ModelForTraining.forward computes it. Each
// query's positive and its own negatives form a group [pos, neg_1 .. neg_n]; the groups are laid
// end to end, so passage row i * (1 + n) is query i's positive.
//   useInBatchNegatives: logits = Q P^T / tau over all B (1 + n) passages of the batch (every other
//                        query's positive and negatives are negatives too), target i (1 + n)
//   otherwise:           logits = each query against its own group only, target 0
//   loss = mean cross-entropy.
// The embeddings are expected L2-normalised (the encoder's output), so dot products are cosines;
// they are not normalised again here, exactly as upstream.
class ContrastiveLoss {
public:
    explicit ContrastiveLoss(ContrastiveLossOptions options = {}); // validates; throws rankpo::Error(Usage)

    const ContrastiveLossOptions& options() const { return m_options; }

    // queries [B, d], positives [B, d]; negatives either undefined / empty (none), [B, n, d], or
    // [B * n, d] with rows i * n .. i * n + n - 1 belonging to query i.
    // Metrics: contrastive_loss, contrastive/accuracy (share of queries whose positive has the top
    // logit), scores/positive (mean cosine to the positive), scores/negative (mean cosine to the
    // query's own negatives; only when n > 0).
    LossOutput forward(const torch::Tensor& queries, const torch::Tensor& positives,
                       const torch::Tensor& negatives = {}) const;

private:
    ContrastiveLossOptions m_options;
};

} // namespace rankpo
