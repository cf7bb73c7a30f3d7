#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace rankpo {

// How stage 1 (contrastive) turns its examples, one per (job, rule positive), into an epoch.
enum class Stage1SamplerKind {
    // Upstream's dataset: one visit per job per epoch, the positive drawn at random (seeded) at each
    // visit. A job is then never twice in a batch, so its own positives never become its in-batch negatives.
    PerJob,
    // One visit per example, shuffled: a job with several positives is met several times an epoch, possibly
    // in the same batch. The behaviour of runs recorded before the sampler was a setting.
    PerPositive,
};

std::string_view toString(Stage1SamplerKind kind); // "per_job", "per_positive"
std::optional<Stage1SamplerKind> stage1SamplerFromString(std::string_view text);

// The example each slot of an epoch trains on. Torch-free and deterministic for a seed on every platform
// (SplitMix64); epoch e's order does not depend on the epochs before it, so a resumed run draws as it began.
class Stage1Sampler {
public:
    // jobOf[i]: example i's job, numbered from 0 (every number below the largest one used need not appear).
    Stage1Sampler(Stage1SamplerKind kind, std::vector<std::size_t> jobOf, std::uint64_t seed);

    Stage1SamplerKind kind() const { return m_kind; }
    // Visits per epoch: the jobs that have examples (PerJob) or the examples (PerPositive).
    std::size_t visitsPerEpoch() const;
    // Example indices in visit order.
    std::vector<std::size_t> epoch(std::uint64_t epoch) const;

private:
    Stage1SamplerKind m_kind;
    std::size_t m_examples;
    std::uint64_t m_seed;
    std::vector<std::vector<std::size_t>> m_examplesOfJob; // jobs without examples left out
};

} // namespace rankpo
