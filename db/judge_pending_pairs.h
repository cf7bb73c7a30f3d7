#pragma once

#include "core/domain/ids.h"
#include "core/domain/preference.h"
#include "core/domain/rule_label.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace rankpo::db {

class ProjectStore;

// One request the judge still owes: a pair in the order to show it (shownFirst is candidate "A").
struct PendingJudgement {
    PairId pair = 0;
    JobId job = 0;
    CandidateId shownFirst = 0;
    CandidateId shownSecond = 0;
};

struct PendingJudgementOptions {
    std::string annotator;           // the judge (judgeAnnotator: model, or model#<prompt short hash>)
    bool bothOrders = false;         // A/B and B/A; otherwise the pair's one order (judgeOrderOf)
    std::optional<Split> split;      // nullopt: every job
    bool rejudge = false;            // ask again where this judge has answered
    std::optional<std::int64_t> limit; // at most this many pairs (both orders of a pair are one)
};

// A pair's order when it is judged once: candidate_lo first or second by a fixed hash of the pair's id,
// so that a judge's position bias spreads evenly over the two candidates instead of always favouring the
// one imported first.
bool loFirstInSingleOrder(PairId pair);

// What the judge has not answered yet, in pair-id order: for each pair in the split, the requested orders
// in which this annotator has no `ai` preference (a recorded failure is no answer). With `rejudge`, every
// requested order. Without both orders, a pair answered in either order counts as answered.
std::vector<PendingJudgement> pendingJudgements(ProjectStore& store, const PendingJudgementOptions& options);

// The pairs that a rater judged in both orders with different outcomes (winner, or tie), as
// (pair, source, annotator). Pure: the caller reads the preferences it wants looked at.
using RaterPair = std::tuple<PairId, PreferenceSource, std::string>;
std::set<RaterPair> inconsistentPairs(const std::vector<Preference>& preferences);

// Leaves out every preference of a rater for a pair that it judged both ways differently (pairs it judged
// in one order stay). Returns how many preferences were dropped.
std::int64_t dropInconsistent(std::vector<Preference>& preferences);

} // namespace rankpo::db
