#pragma once

// The names under which the losses report their metrics. They are upstream's (TRL's) names so that
// logs from our runs and from the authors' runs line up column for column; logs, the UI and the
// project store key on them, so they must never change.

namespace rankpo::metric {

// RankPO (and its SFT term): upstream's RankPOTrainer.get_batch_loss_metrics.
inline constexpr const char* RankPOLoss = "rankpo_loss";
inline constexpr const char* SftLoss = "sft_loss";
inline constexpr const char* RewardsChosen = "rewards/chosen";
inline constexpr const char* RewardsRejected = "rewards/rejected";
inline constexpr const char* RewardsAccuracies = "rewards/accuracies";
inline constexpr const char* RewardsMargins = "rewards/margins";
inline constexpr const char* ScoresChosen = "scores/chosen";
inline constexpr const char* ScoresRejected = "scores/rejected";
inline constexpr const char* ScoresMargins = "scores/margins";

// Contrastive stage. Upstream logs only the Trainer's `loss`; these add what a user watching
// stage 1 needs to see (is the positive ranked first, how far apart are positives and negatives).
inline constexpr const char* ContrastiveLoss = "contrastive_loss";
inline constexpr const char* ContrastiveAccuracy = "contrastive/accuracy";
inline constexpr const char* ScoresPositive = "scores/positive";
inline constexpr const char* ScoresNegative = "scores/negative";

} // namespace rankpo::metric
