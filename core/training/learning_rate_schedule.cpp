#include "core/training/learning_rate_schedule.h"

#include "core/util/number_format.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace rankpo {

namespace {

constexpr double kPi = 3.14159265358979323846; // math.pi

} // namespace

std::string_view toString(LrSchedulerType type)
{
    switch (type) {
    case LrSchedulerType::Cosine: return "cosine";
    case LrSchedulerType::Linear: return "linear";
    case LrSchedulerType::Constant: return "constant";
    case LrSchedulerType::ConstantWithWarmup: return "constant_with_warmup";
    }
    return "cosine";
}

std::optional<LrSchedulerType> lrSchedulerTypeFromString(std::string_view text)
{
    for (auto type : {LrSchedulerType::Cosine, LrSchedulerType::Linear, LrSchedulerType::Constant,
                      LrSchedulerType::ConstantWithWarmup})
        if (toString(type) == text)
            return type;
    return std::nullopt;
}

std::int64_t warmupStepsFor(std::int64_t totalSteps, double warmupRatio, std::int64_t warmupSteps)
{
    if (warmupSteps > 0)
        return warmupSteps;
    if (!std::isfinite(warmupRatio) || warmupRatio < 0.0 || warmupRatio > 1.0)
        throw usageError("warm-up ratio must be in [0, 1], got " + formatNumber(warmupRatio));
    return static_cast<std::int64_t>(std::ceil(static_cast<double>(totalSteps) * warmupRatio));
}

std::int64_t totalTrainingSteps(std::int64_t batchesPerEpoch, std::int64_t accumulationSteps, double epochs,
                                std::int64_t maxSteps)
{
    if (maxSteps > 0)
        return maxSteps;
    if (batchesPerEpoch < 0 || accumulationSteps < 1 || !std::isfinite(epochs) || epochs <= 0.0)
        throw usageError("total training steps need batches per epoch >= 0, accumulation steps >= 1 and epochs > 0");
    const std::int64_t perEpoch = std::max<std::int64_t>(batchesPerEpoch / accumulationSteps, 1);
    return static_cast<std::int64_t>(std::ceil(epochs * static_cast<double>(perEpoch)));
}

LearningRateSchedule::LearningRateSchedule(LrSchedulerType type, double baseLearningRate, std::int64_t warmupSteps,
                                           std::int64_t totalSteps)
    : m_type(type), m_baseLearningRate(baseLearningRate), m_warmupSteps(warmupSteps), m_totalSteps(totalSteps)
{
    if (!std::isfinite(baseLearningRate) || baseLearningRate <= 0.0)
        throw usageError("learning rate must be a positive number, got " + formatNumber(baseLearningRate));
    if (warmupSteps < 0 || totalSteps < 0)
        throw usageError("warm-up and total steps must be >= 0");
}

// Each branch is the lr_lambda of the HF function named in the enum, term for term (same operation
// order, so the doubles match Python's bit for bit).
double LearningRateSchedule::factor(std::int64_t step) const
{
    if (step < 0)
        throw usageError("learning-rate schedule: step must be >= 0, got " + std::to_string(step));
    const double current = static_cast<double>(step);
    const double warmup = static_cast<double>(m_warmupSteps);
    const double total = static_cast<double>(m_totalSteps);
    switch (m_type) {
    case LrSchedulerType::Constant:
        return 1.0;
    case LrSchedulerType::ConstantWithWarmup:
        if (step < m_warmupSteps)
            return current / std::max(1.0, warmup);
        return 1.0;
    case LrSchedulerType::Linear:
        if (step < m_warmupSteps)
            return current / std::max(1.0, warmup);
        return std::max(0.0, (total - current) / std::max(1.0, total - warmup));
    case LrSchedulerType::Cosine: {
        if (step < m_warmupSteps)
            return current / std::max(1.0, warmup);
        const double progress = (current - warmup) / std::max(1.0, total - warmup);
        const double numCycles = 0.5;
        return std::max(0.0, 0.5 * (1.0 + std::cos(kPi * numCycles * 2.0 * progress)));
    }
    }
    return 1.0;
}

} // namespace rankpo
