#pragma once

#include "core/domain/ids.h"
#include "core/domain/rule_label.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rankpo::db {

class ProjectStore;

// Who is to judge which pair: `rankpo assign` and the Pairs page's Assign… give each pair to k annotators so that
// the team's agreement can be measured on every pair.
struct AssignmentRequest {
    std::vector<std::string> annotators; // names as they judge (the queue's "annotator"); at least perPair of them
    int perPair = 2;                     // k: annotators a pair (1 = no overlap)
    std::optional<Split> split;          // nullopt: the pairs of every job
    std::uint64_t seed = 0;              // breaks ties between equally loaded annotators
    // Unjudged assignments of the scope's pairs are withdrawn first and given out again (someone left, someone
    // joined, or the load drifted); judged ones always stay.
    bool rebalance = false;
};

// One person's share: pairs assigned to them in the whole project, how many of those they have judged, and how
// many assignments the last call added.
struct AnnotatorWorkload {
    std::string annotator;
    std::int64_t assigned = 0;
    std::int64_t judged = 0;
    std::int64_t added = 0;
};

struct AssignmentResult {
    std::int64_t pairsInScope = 0;
    std::int64_t assignmentsAdded = 0;
    std::int64_t assignmentsWithdrawn = 0; // by --rebalance
    std::int64_t pairsComplete = 0;        // scope pairs with perPair (or more) assignees after the call
    std::vector<AnnotatorWorkload> workload; // the request's annotators, in its order
};

// The assignments table: one row per (pair, annotator).
class PairAssignments {
public:
    explicit PairAssignments(ProjectStore& store) : m_store(store) {}

    // Tops every pair of the scope up to `perPair` assignees from `annotators`, each time choosing the least
    // loaded ones (project-wide load), so the shares differ by at most one where the pairs allow it. Running it
    // again changes only pairs with fewer than k assignees. One transaction; bad requests (no annotators, a
    // repeated or empty name, k out of range) are refused with rankpo::Error (Usage) and change nothing.
    AssignmentResult assign(const AssignmentRequest& request);

    // Everyone with assignments, by name.
    std::vector<AnnotatorWorkload> progress();
    // The pair's assignees, by name.
    std::vector<std::string> assigneesOf(PairId pair);
    // Whether `annotator` has any assignment (the queue puts their pairs first only then).
    bool hasAssignments(const std::string& annotator);

private:
    ProjectStore& m_store;
};

} // namespace rankpo::db
