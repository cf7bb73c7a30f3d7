#pragma once

#include "core/domain/candidate.h"
#include "core/domain/job.h"
#include "core/domain/preference.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rankpo::db {

class ProjectStore;

// Everything the annotation view shows for one pair: the texts (parsed), every judgement stored for
// it, and a model's scores when the project has some.
struct PairDetails {
    PairId id = 0;
    Job job;
    Candidate lo; // the pair's candidates in id order (not the order they are shown in)
    Candidate hi;
    std::vector<Preference> judgements; // oldest first
    std::optional<double> scoreLo;
    std::optional<double> scoreHi;

    const Candidate& candidate(CandidateId id) const { return id == hi.id ? hi : lo; }
    CandidateId other(CandidateId id) const { return id == lo.id ? hi.id : lo.id; }
    std::vector<const Preference*> aiJudgements() const;
    // The annotator's current (latest) judgement, if any.
    const Preference* humanJudgement(const std::string& annotator) const;
};

// Reads one pair: a handful of indexed row reads, well under a millisecond, so the GUI thread may call it.
// nullopt if the pair does not exist. `scoreModel` names the model whose scores to read (empty: none).
std::optional<PairDetails> loadPairDetails(ProjectStore& store, PairId pair, const std::string& scoreModel);

} // namespace rankpo::db
