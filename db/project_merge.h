#pragma once

#include <cstdint>
#include <string>

namespace rankpo::db {

class ProjectStore;

// What a merge carried over, per table: `added` rows new to the destination, `present` rows it already had
// (texts by content, pairs by job and candidates, judgements by their unique key, the rest by their keys).
struct MergeCounts {
    std::int64_t added = 0;
    std::int64_t present = 0;
};

struct MergeReport {
    MergeCounts jobs, candidates, externalIds, pairs, preferences, labels, assignments, adjudications;
    std::int64_t splitsSet = 0;       // destination jobs without a split that took the source's
    std::int64_t splitConflicts = 0;  // jobs on different sides in the two projects (the destination's kept)
    std::int64_t labelConflicts = 0;  // a label of another relevance in the destination (the destination's kept)
    std::int64_t idConflicts = 0;     // an external id naming another text in the destination (left out)
};

struct MergeOptions {
    // The destination takes the source's ids (it must be empty): `rankpo pull`'s snapshot, whose P<n>, J<n> and
    // C<n> are the server's.
    bool keepIds = false;
};

// Copies a project's annotation data into another project on any engine (`rankpo push FILE URL`, `rankpo pull URL
// FILE`): jobs, candidates and their external ids, pairs with their provenance, judgements with the AI's replies,
// rule labels, the split, assignments and reviewers' decisions. Never duplicates, so it can be repeated: only what
// the destination lacks is added. Ids are mapped (a pair whose candidates' order differs there is stored the other
// way round). The source is read in one snapshot, the destination written in one transaction: on any error nothing
// is changed. Training runs, evaluations, caches and judge-run records stay with the project that made them.
MergeReport mergeProject(ProjectStore& source, ProjectStore& destination, const MergeOptions& options = {});

} // namespace rankpo::db
