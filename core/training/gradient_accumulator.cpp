#include "core/training/gradient_accumulator.h"

#include "core/util/error.h"

#include <algorithm>
#include <string>

namespace rankpo {

GradientAccumulator::GradientAccumulator(std::int64_t accumulationSteps, std::int64_t microBatchesPerEpoch)
    : m_accumulationSteps(accumulationSteps), m_microBatchesPerEpoch(microBatchesPerEpoch)
{
    if (accumulationSteps < 1)
        throw usageError("gradient accumulation steps must be >= 1, got " + std::to_string(accumulationSteps));
    if (microBatchesPerEpoch < 1)
        throw usageError("an epoch must have at least one batch, got " + std::to_string(microBatchesPerEpoch));
}

std::int64_t GradientAccumulator::optimizerStepsPerEpoch() const
{
    return (m_microBatchesPerEpoch + m_accumulationSteps - 1) / m_accumulationSteps;
}

GradientAccumulator::MicroBatch GradientAccumulator::next()
{
    MicroBatch batch;
    batch.epoch = m_epoch;
    batch.indexInEpoch = m_nextIndex;
    const std::int64_t windowStart = (m_nextIndex / m_accumulationSteps) * m_accumulationSteps;
    const std::int64_t windowSize = std::min(m_accumulationSteps, m_microBatchesPerEpoch - windowStart);
    batch.lossScale = 1.0 / static_cast<double>(windowSize);
    batch.stepAfter = m_nextIndex + 1 == windowStart + windowSize;
    if (batch.stepAfter)
        ++m_completedSteps;
    if (++m_nextIndex == m_microBatchesPerEpoch) {
        m_nextIndex = 0;
        ++m_epoch;
    }
    return batch;
}

} // namespace rankpo
