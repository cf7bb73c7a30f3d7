#pragma once

#include "core/domain/preference.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <string_view>
#include <vector>

namespace rankpo::db {

// When a pair has several preferences (after the filters):
enum class MultiPreferencePolicy {
    All,      // one row per preference (default: nothing is lost, and export -> import -> export is identical)
    Majority, // one row per pair: the candidate most preferences chose; equal votes make a tie
    Latest,   // one row per pair: the most recent preference
};

enum class TiePolicy {
    Drop, // ties are left out (the paper's formats have no tie)
    Half, // a tie becomes two rows, each way round, with weight 0.5
};

std::string_view policyName(MultiPreferencePolicy policy);
std::optional<MultiPreferencePolicy> policyFromName(std::string_view name);
std::optional<TiePolicy> tiePolicyFromName(std::string_view name);

// One row of training or export data: a preference, the choice to use (a split tie yields two rows,
// First and Second) and the row's weight (1, or 0.5 for half of a tie).
struct SelectedPreference {
    const Preference* preference = nullptr;
    Choice choice = Choice::First;
    double weight = 1.0;
};

struct SelectionReport {
    std::int64_t tiesDropped = 0;
    std::int64_t tiesSplit = 0;
    std::int64_t pairsMerged = 0; // preferences folded into another row by majority/latest
};

// The rows, and the synthetic preferences (majority ties) some of them point to.
struct PreferenceSelection {
    std::vector<SelectedPreference> rows;
    std::deque<Preference> synthetic;
};

// The conflict and tie policies shared by export and training, in preference-id order. `nativeTies`:
// the target has a tie value (CSV), so ties stay single rows whatever `ties` says. Rows point into
// `preferences` and into the selection's own storage.
PreferenceSelection selectPreferences(const std::vector<Preference>& preferences, MultiPreferencePolicy policy,
                                      TiePolicy ties, bool nativeTies, SelectionReport& report);

} // namespace rankpo::db
