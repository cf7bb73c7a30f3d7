#include "core/evaluation/job_candidate_scores.h"

namespace rankpo {

void JobCandidateScores::set(JobId job, CandidateId candidate, double score)
{
    m_scores[Key{job, candidate}] = score;
}

std::optional<double> JobCandidateScores::find(JobId job, CandidateId candidate) const
{
    const auto it = m_scores.find(Key{job, candidate});
    if (it == m_scores.end())
        return std::nullopt;
    return it->second;
}

} // namespace rankpo
