#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>

namespace rankpo {

// What a trainer reports after each logged optimizer step (and at phase changes), on its own thread:
// the receiver must be cheap or hand the data over (the UI queues it to the GUI thread).
struct TrainingProgress {
    std::string phase;               // "reference", "train", "checkpoint", "evaluate"
    std::int64_t step = 0;           // optimizer steps done
    std::int64_t totalSteps = 0;
    double epoch = 0;                // fractional, as HF logs it
    int epochs = 0;
    double loss = 0;
    std::map<std::string, double> metrics; // stable names: rankpo_loss, rewards/accuracies, learning_rate, ...
    double examplesPerSecond = 0;
    double etaSeconds = -1;          // -1 while unknown
};

struct TrainerCallbacks {
    std::function<void(const TrainingProgress&)> onProgress;
    // After each epoch's checkpoint is written: evaluate it (on the test split) and return metrics
    // to log under "eval/<name>". Optional.
    std::function<std::map<std::string, double>(int epoch, const std::filesystem::path& checkpoint)> onEpochEnd;
    // Checked before every micro-batch: training stops within one step of it turning true.
    const std::atomic<bool>* cancel = nullptr;
};

struct TrainingOutcome {
    bool cancelled = false;
    std::int64_t steps = 0;
    int epochsCompleted = 0;
    std::filesystem::path lastCheckpoint; // empty if no epoch completed
    double seconds = 0;
    std::map<std::string, double> lastMetrics;
};

} // namespace rankpo
