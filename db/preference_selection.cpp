#include "db/preference_selection.h"

#include <algorithm>
#include <map>

namespace rankpo::db {
namespace {

bool older(const Preference* a, const Preference* b)
{
    return a->createdAt != b->createdAt ? a->createdAt < b->createdAt : a->id < b->id;
}

std::vector<const Preference*> applyPolicy(const std::vector<Preference>& prefs, MultiPreferencePolicy policy,
                                           std::deque<Preference>& synthetic, SelectionReport& report)
{
    std::vector<const Preference*> out;
    if (policy == MultiPreferencePolicy::All) {
        for (const auto& p : prefs)
            out.push_back(&p);
        return out;
    }
    std::map<PairId, std::vector<const Preference*>> byPair;
    for (const auto& p : prefs)
        byPair[p.pairId].push_back(&p);
    for (auto& [pair, list] : byPair) {
        report.pairsMerged += static_cast<std::int64_t>(list.size()) - 1;
        if (policy == MultiPreferencePolicy::Latest) {
            out.push_back(*std::max_element(list.begin(), list.end(), older));
            continue;
        }
        std::map<CandidateId, int> votes;
        for (const auto* p : list)
            if (!p->isTie())
                ++votes[p->winner()];
        CandidateId best = 0;
        int bestVotes = 0;
        bool tied = false;
        for (const auto& [candidate, n] : votes) {
            if (n > bestVotes) {
                best = candidate;
                bestVotes = n;
                tied = false;
            } else if (n == bestVotes) {
                tied = true;
            }
        }
        if (best == 0 || tied) {
            // No majority: a tie row built from the latest judgement.
            Preference tie = **std::max_element(list.begin(), list.end(), older);
            tie.choice = Choice::Tie;
            synthetic.push_back(tie);
            out.push_back(&synthetic.back());
            continue;
        }
        const Preference* latest = nullptr;
        for (const auto* p : list)
            if (!p->isTie() && p->winner() == best && (!latest || older(latest, p)))
                latest = p;
        out.push_back(latest);
    }
    std::sort(out.begin(), out.end(), [](const Preference* a, const Preference* b) { return a->id < b->id; });
    return out;
}

} // namespace

std::string_view policyName(MultiPreferencePolicy policy)
{
    switch (policy) {
    case MultiPreferencePolicy::All: return "all";
    case MultiPreferencePolicy::Majority: return "majority";
    case MultiPreferencePolicy::Latest: return "latest";
    }
    return "all";
}

std::optional<MultiPreferencePolicy> policyFromName(std::string_view name)
{
    for (auto p : {MultiPreferencePolicy::All, MultiPreferencePolicy::Majority, MultiPreferencePolicy::Latest})
        if (policyName(p) == name)
            return p;
    return std::nullopt;
}

std::optional<TiePolicy> tiePolicyFromName(std::string_view name)
{
    if (name == "drop")
        return TiePolicy::Drop;
    if (name == "half")
        return TiePolicy::Half;
    return std::nullopt;
}

PreferenceSelection selectPreferences(const std::vector<Preference>& preferences, MultiPreferencePolicy policy,
                                      TiePolicy ties, bool nativeTies, SelectionReport& report)
{
    PreferenceSelection selection;
    for (const Preference* p : applyPolicy(preferences, policy, selection.synthetic, report)) {
        if (!p->isTie() || nativeTies) {
            selection.rows.push_back({p, p->choice, 1.0});
        } else if (ties == TiePolicy::Half) {
            selection.rows.push_back({p, Choice::First, 0.5});
            selection.rows.push_back({p, Choice::Second, 0.5});
            ++report.tiesSplit;
        } else {
            ++report.tiesDropped;
        }
    }
    return selection;
}

} // namespace rankpo::db
