#pragma once

#include "core/domain/ids.h"

#include <cstddef>
#include <optional>
#include <unordered_map>

namespace rankpo {

// A model's score (cosine similarity) for (job, candidate) pairs: what alignment compares the
// preferences with. Filled by whoever ran the model (the store, an encoder pass).
class JobCandidateScores {
public:
    void set(JobId job, CandidateId candidate, double score);
    std::optional<double> find(JobId job, CandidateId candidate) const;
    std::size_t size() const { return m_scores.size(); }

private:
    struct Key {
        JobId job;
        CandidateId candidate;
        bool operator==(const Key& o) const { return job == o.job && candidate == o.candidate; }
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const noexcept
        {
            return std::hash<std::int64_t>()(k.job) * 1000003u ^ std::hash<std::int64_t>()(k.candidate);
        }
    };
    std::unordered_map<Key, double, KeyHash> m_scores;
};

} // namespace rankpo
