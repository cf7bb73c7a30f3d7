#pragma once

// What an epoch's checkpoint holds besides the model (which is a Hugging Face-layout folder that any
// model-taking command loads): the trainer's state, the optimizer's moments, and extra state the
// objective needs to resume (RankPO's reference scores). Engine-internal.
#include <torch/torch.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace rankpo {

class EncoderModel;

struct TrainerState {
    std::string method;
    int epochsCompleted = 0;
    std::int64_t globalStep = 0;
    std::string dataHash;
    std::string configJson;
};

// Writes into `folder` (replacing it) via a temporary sibling, so a checkpoint is whole or absent.
void writeCheckpoint(const std::filesystem::path& folder, const EncoderModel& model, torch::optim::Optimizer& optimizer,
                     const TrainerState& state, const std::vector<float>& extraState);

TrainerState readTrainerState(const std::filesystem::path& folder);
void loadOptimizerState(torch::optim::Optimizer& optimizer, const std::filesystem::path& folder);
std::vector<float> readExtraState(const std::filesystem::path& folder);

// True when `folder` looks like a checkpoint this trainer wrote.
bool isTrainerCheckpoint(const std::filesystem::path& folder);

} // namespace rankpo
