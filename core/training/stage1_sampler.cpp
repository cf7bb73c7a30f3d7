#include "core/training/stage1_sampler.h"

#include "core/training/split_mix64.h"

namespace rankpo {

std::string_view toString(Stage1SamplerKind kind)
{
    return kind == Stage1SamplerKind::PerPositive ? "per_positive" : "per_job";
}

std::optional<Stage1SamplerKind> stage1SamplerFromString(std::string_view text)
{
    for (auto kind : {Stage1SamplerKind::PerJob, Stage1SamplerKind::PerPositive})
        if (toString(kind) == text)
            return kind;
    return std::nullopt;
}

Stage1Sampler::Stage1Sampler(Stage1SamplerKind kind, std::vector<std::size_t> jobOf, std::uint64_t seed)
    : m_kind(kind), m_examples(jobOf.size()), m_seed(seed)
{
    std::vector<std::vector<std::size_t>> byNumber;
    for (std::size_t i = 0; i < jobOf.size(); ++i) {
        if (jobOf[i] >= byNumber.size())
            byNumber.resize(jobOf[i] + 1);
        byNumber[jobOf[i]].push_back(i);
    }
    for (auto& members : byNumber)
        if (!members.empty())
            m_examplesOfJob.push_back(std::move(members));
}

std::size_t Stage1Sampler::visitsPerEpoch() const
{
    return m_kind == Stage1SamplerKind::PerJob ? m_examplesOfJob.size() : m_examples;
}

std::vector<std::size_t> Stage1Sampler::epoch(std::uint64_t epoch) const
{
    // The order the trainer always drew, so that per_positive runs repeat bit for bit.
    if (m_kind == Stage1SamplerKind::PerPositive)
        return shuffledIndices(m_examples, m_seed, epoch);
    std::vector<std::size_t> order = shuffledIndices(m_examplesOfJob.size(), m_seed, epoch);
    // The positives' draw has its own stream: the job order is the same whatever the jobs' sizes.
    SplitMix64 rng(deriveSeed(deriveSeed(m_seed, epoch), 0x706f73ULL));
    for (std::size_t& slot : order) {
        const auto& members = m_examplesOfJob[slot];
        slot = members[static_cast<std::size_t>(rng.nextBelow(members.size()))];
    }
    return order;
}

} // namespace rankpo
