#pragma once

// The training-data reader: the examples a project's train split yields, for each objective.
#include "core/domain/preference.h"
#include "core/training/training_examples.h"
#include "db/adjudications.h"
#include "db/preference_selection.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace rankpo::db {

class ProjectStore;

struct PreferenceDataOptions {
    std::optional<PreferenceSource> source; // nullopt: ai and human
    MultiPreferencePolicy policy = db::MultiPreferencePolicy::All;
    TiePolicy ties = db::TiePolicy::Drop;
    bool weightByConfidence = false;        // example weight = confidence / 100 (x 0.5 for a half tie)
    bool dropInconsistent = false;          // leave out a rater's preferences for pairs it judged both ways differently
    AdjudicationPolicy adjudication = AdjudicationPolicy::Prefer; // reviewers' decisions (after the source filter)
};

struct PreferenceData {
    std::vector<PreferenceExample> examples;
    SelectionReport selection;
    std::int64_t inconsistentDropped = 0;
    std::int64_t pairsAdjudicated = 0;
};

// Stage 2: the train split's preferences as (job, chosen, rejected), in preference-id order.
PreferenceData loadPreferenceExamples(ProjectStore& store, const PreferenceDataOptions& options);

// Stage 1: one example per (train job, rule-positive candidate), with the job's rule negatives. A
// job with fewer than `minNegatives` rule negatives gets random candidates that are not positive
// for it (as upstream's get_random_negatives does), drawn with `seed`. Jobs without a positive
// are skipped.
std::vector<ContrastiveExample> loadContrastiveExamples(ProjectStore& store, int minNegatives, std::uint64_t seed);

} // namespace rankpo::db
