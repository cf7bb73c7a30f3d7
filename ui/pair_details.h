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
}

namespace rankpo::ui {

// Everything the annotation view shows for one pair: the texts (parsed), every judgement stored for
// it, and a model's scores when the project has some. Loaded on the GUI thread: a handful of
// indexed row reads, well under a millisecond.
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

// Reads one pair; nullopt if the pair does not exist. `scoreModel` names the model whose scores to
// read (empty: none).
std::optional<PairDetails> loadPairDetails(db::ProjectStore& store, PairId pair, const std::string& scoreModel);

} // namespace rankpo::ui

namespace rankpo::ui {

// Which candidate an annotator sees first (as "A"): a fair coin per pair, fixed for a session seed,
// so that going back to a pair shows it the same way, while position bias averages out across pairs.
CandidateId randomisedShownFirst(PairId pair, CandidateId lo, CandidateId hi, std::uint64_t sessionSeed);

} // namespace rankpo::ui
