#pragma once

#include <cstdint>

namespace rankpo {

// The bookkeeping of gradient accumulation: which micro-batch closes an optimizer step and by how
// much each micro-batch's loss is scaled so that the accumulated gradient is the mean over the
// step's micro-batches. Like HF's Trainer, a step closes every `accumulationSteps` micro-batches
// and also at the end of each epoch, so a short tail window is not carried into the next epoch;
// unlike HF 4.45 (which divides by accumulationSteps regardless), the tail's losses are scaled by
// 1 / (its real size) so that its update is a true mean too.
class GradientAccumulator {
public:
    struct MicroBatch {
        std::int64_t epoch = 0;
        std::int64_t indexInEpoch = 0; // 0-based
        double lossScale = 1.0;        // multiply the micro-batch loss by this before backward()
        bool stepAfter = false;        // after its backward(): clip, optimizer.step(), zero_grad()
    };

    // Throws rankpo::Error(Usage) unless accumulationSteps >= 1 and microBatchesPerEpoch >= 1.
    GradientAccumulator(std::int64_t accumulationSteps, std::int64_t microBatchesPerEpoch);

    // Advances to the next micro-batch (wrapping into the next epoch) and says how to treat it.
    MicroBatch next();

    std::int64_t accumulationSteps() const { return m_accumulationSteps; }
    std::int64_t microBatchesPerEpoch() const { return m_microBatchesPerEpoch; }
    // Optimizer steps one epoch makes: ceil(micro-batches / accumulation steps).
    std::int64_t optimizerStepsPerEpoch() const;
    // Optimizer steps whose last micro-batch next() has handed out so far.
    std::int64_t completedOptimizerSteps() const { return m_completedSteps; }

private:
    std::int64_t m_accumulationSteps;
    std::int64_t m_microBatchesPerEpoch;
    std::int64_t m_epoch = 0;
    std::int64_t m_nextIndex = 0;
    std::int64_t m_completedSteps = 0;
};

} // namespace rankpo
