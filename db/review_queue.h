#pragma once

#include "core/domain/ids.h"
#include "core/domain/preference.h"
#include "db/adjudications.h"

#include <optional>
#include <vector>

namespace rankpo::db {

class ProjectStore;

// The reviewer's queue: pairs whose raters disagree (a tie counts as an outcome), with every judgement and its
// rationale, and the decision if one was made.
struct ReviewQuery {
    bool withAi = false;         // also pairs where a person and an AI judge disagree (people among themselves always)
    bool includeDecided = false; // also pairs already decided
};

struct ReviewItem {
    PairId pairId = 0;
    JobId jobId = 0;
    CandidateId lo = 0, hi = 0;
    std::vector<Preference> judgements; // oldest first, the people's and (withAi) the AI judges'
    std::optional<Adjudication> decision;
};

// The pairs in id order. Selection is one pass over the judgements' outcomes; each listed pair's judgements are
// then read with their rationales.
std::vector<ReviewItem> reviewQueue(ProjectStore& store, const ReviewQuery& query);

} // namespace rankpo::db
