#pragma once

#include "core/domain/ids.h"

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace rankpo::db {

class ProjectStore;

// A pair drawn from a model's ranking of a job's candidates, with both candidates' 1-based ranks and scores.
struct MadePair {
    JobId job = 0;
    CandidateId first = 0;
    CandidateId second = 0;
    int firstRank = 0;
    int secondRank = 0;
    double firstScore = 0;
    double secondScore = 0;
};

// The pairs `rankpo make-pairs` (and the studio's Make pairs…) add: stored with the model and strategy that
// made them and the ranks and scores at the time (pairs.made_by, strategy, rank_lo/hi, score_lo/hi, which name
// the pair's lower and higher candidate id), in one transaction.
class MadePairWriter {
public:
    explicit MadePairWriter(ProjectStore& store) : m_store(store) {}

    // The pairs a job already has, as (lower, higher candidate id): a pair is never made twice.
    std::set<std::pair<CandidateId, CandidateId>> existingPairs(JobId job);
    // Adds the pairs that are not in the project yet; returns how many were added. A pair of one candidate with
    // itself is a usage error (nothing written).
    std::size_t add(const std::vector<MadePair>& pairs, const std::string& madeBy, const std::string& strategy);

private:
    ProjectStore& m_store;
};

} // namespace rankpo::db
