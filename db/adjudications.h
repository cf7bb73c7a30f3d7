#pragma once

#include "core/domain/ids.h"
#include "core/domain/preference.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rankpo::db {

class ProjectStore;

// A reviewer's decision on a pair: which candidate is better (nullopt: a tie), by whom, why.
struct Adjudication {
    PairId pairId = 0;
    std::optional<CandidateId> winner;
    std::string reviewer;
    std::string note;
    std::int64_t createdAt = 0;
};

// What export and training make of the decisions (`--adjudication`, beside `--policy`):
enum class AdjudicationPolicy {
    Prefer, // a decided pair's judgements give way to the decision (one row); the other pairs as before
    Only,   // only decided pairs, one row each
    Ignore, // the raters' judgements alone
};

std::string_view adjudicationPolicyName(AdjudicationPolicy policy);
std::optional<AdjudicationPolicy> adjudicationPolicyFromName(std::string_view name);

// The adjudications table (schema version 5).
class Adjudications {
public:
    explicit Adjudications(ProjectStore& store) : m_store(store) {}

    // Records the decision on `pair`, replacing an earlier one. `winner` must be one of the pair's candidates;
    // an unknown pair, a foreign candidate or an empty reviewer is refused (rankpo::Error, Usage), nothing changed.
    void decide(PairId pair, std::optional<CandidateId> winner, const std::string& reviewer, const std::string& note,
                std::int64_t createdAt = 0);
    // Removes the decision; false when there was none.
    bool withdraw(PairId pair);
    std::optional<Adjudication> of(PairId pair);
    // Every decision, by pair id.
    std::vector<Adjudication> all();

private:
    ProjectStore& m_store;
};

// Applies `policy` to judgements already filtered (source, split, annotator), before the --policy selection: a
// decided pair among them becomes one synthetic human preference by the reviewer (its rationale the note), standing
// where the pair's first judgement stood. Returns how many pairs were decided.
std::int64_t applyAdjudications(std::vector<Preference>& preferences, const std::vector<Adjudication>& decisions,
                                AdjudicationPolicy policy);

} // namespace rankpo::db
