#pragma once

#include "core/formats/import_format.h"
#include "db/adjudications.h"
#include "db/preference_selection.h"
#include "db/project_store.h"

#include <cstdint>
#include <optional>
#include <string>

namespace rankpo::db {

struct ExportOptions {
    DataFormat format = DataFormat::RankPOPairs;
    PreferenceFilter filter;
    MultiPreferencePolicy policy = MultiPreferencePolicy::All;
    TiePolicy ties = TiePolicy::Drop;
    bool weightColumn = false;   // "weight": confidence / 100 (times 0.5 for half ties)
    bool rationaleColumn = true; // the judge's or annotator's rationale beside each row
    bool minimal = false;        // only the fields the target trainer reads
    bool dropInconsistent = false; // leave out a rater's rows for pairs it judged both ways differently
    AdjudicationPolicy adjudication = AdjudicationPolicy::Prefer; // reviewers' decisions (after the filters)
    // The pairs nobody judged yet (rankpo-pairs or csv, without `preferred`), for an external judge; only the
    // split filter applies.
    bool unjudged = false;
};

struct ExportReport {
    std::int64_t rows = 0;
    std::int64_t tiesDropped = 0;
    std::int64_t tiesSplit = 0;
    std::int64_t pairsMerged = 0; // preferences folded into another row by majority/latest
    std::int64_t inconsistentDropped = 0; // preferences left out by dropInconsistent
    std::int64_t pairsAdjudicated = 0;    // pairs whose rows are a reviewer's decision
};

// Writes OUT atomically (a temporary file renamed over it): a failed export leaves no half file.
// Order is deterministic (preference id, or job then candidate id).
ExportReport exportProject(ProjectStore& store, const std::string& outPath, const ExportOptions& options);

} // namespace rankpo::db
