#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace rankpo {

// The schedules of HF transformers' get_scheduler that the paper's runs use (cosine) or that are
// handy for comparisons; names are HF's `lr_scheduler_type` values.
enum class LrSchedulerType {
    Cosine,             // get_cosine_schedule_with_warmup (num_cycles 0.5)
    Linear,             // get_linear_schedule_with_warmup
    Constant,           // get_constant_schedule (no warm-up)
    ConstantWithWarmup, // get_constant_schedule_with_warmup
};

std::string_view toString(LrSchedulerType type);
std::optional<LrSchedulerType> lrSchedulerTypeFromString(std::string_view text);

// HF TrainingArguments.get_warmup_steps: explicit steps win, else ceil(totalSteps * ratio) computed
// in double precision, quirks included (ceil(100 * 0.07) is 8, since 100 * 0.07 = 7.000000000000001).
std::int64_t warmupStepsFor(std::int64_t totalSteps, double warmupRatio, std::int64_t warmupSteps = 0);

// HF Trainer's number of optimizer steps, the schedule's length: maxSteps when > 0, otherwise
// ceil(epochs * max(batchesPerEpoch / accumulationSteps, 1)) with the division rounding down.
std::int64_t totalTrainingSteps(std::int64_t batchesPerEpoch, std::int64_t accumulationSteps, double epochs,
                                std::int64_t maxSteps = -1);

// lr(step) = baseLearningRate * factor(step), `step` counting completed optimizer steps, as
// torch's LambdaLR does: the first update uses factor(0) (0 during a warm-up, as in HF).
class LearningRateSchedule {
public:
    // Throws rankpo::Error(Usage) on a non-positive rate or negative step counts.
    LearningRateSchedule(LrSchedulerType type, double baseLearningRate, std::int64_t warmupSteps,
                         std::int64_t totalSteps);

    double factor(std::int64_t step) const;
    double learningRate(std::int64_t step) const { return m_baseLearningRate * factor(step); }

    LrSchedulerType type() const { return m_type; }
    double baseLearningRate() const { return m_baseLearningRate; }
    std::int64_t warmupSteps() const { return m_warmupSteps; }
    std::int64_t totalSteps() const { return m_totalSteps; }

private:
    LrSchedulerType m_type;
    double m_baseLearningRate;
    std::int64_t m_warmupSteps;
    std::int64_t m_totalSteps;
};

} // namespace rankpo
