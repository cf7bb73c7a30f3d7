#include "db/judge_pending_pairs.h"

#include "core/training/split_mix64.h"
#include "db/project_store.h"
#include "db/store_access.h"

#include <algorithm>
#include <map>

namespace rankpo::db {

bool loFirstInSingleOrder(PairId pair)
{
    SplitMix64 rng(static_cast<std::uint64_t>(pair) ^ 0x6a75'6467'6521ULL); // "judge!"
    return (rng.next() >> 63) == 0;
}

std::vector<PendingJudgement> pendingJudgements(ProjectStore& store, const PendingJudgementOptions& options)
{
    auto& db = connectionOf(store);
    auto st = db.prepare(
        "SELECT p.id, p.job_id, p.candidate_lo, p.candidate_hi, "
        "EXISTS(SELECT 1 FROM preferences f WHERE f.pair_id = p.id AND f.source = 'ai' AND f.annotator = ? "
        "AND f.shown_first = p.candidate_lo), "
        "EXISTS(SELECT 1 FROM preferences f WHERE f.pair_id = p.id AND f.source = 'ai' AND f.annotator = ? "
        "AND f.shown_first = p.candidate_hi) "
        "FROM pairs p JOIN jobs j ON j.id = p.job_id WHERE CAST(? AS TEXT) IS NULL OR j.split = ? ORDER BY p.id");
    st.bind(1, options.annotator).bind(2, options.annotator);
    if (options.split)
        st.bind(3, toString(*options.split)).bind(4, toString(*options.split));
    else
        st.bindNull(3).bindNull(4);
    std::vector<PendingJudgement> pending;
    std::int64_t pairs = 0;
    while (st.step()) {
        if (options.limit && pairs >= *options.limit)
            break;
        const PairId pair = st.int64(0);
        const JobId job = st.int64(1);
        const CandidateId lo = st.int64(2), hi = st.int64(3);
        const bool loAnswered = st.int64(4) != 0, hiAnswered = st.int64(5) != 0;
        const std::size_t before = pending.size();
        if (options.bothOrders) {
            if (options.rejudge || !loAnswered)
                pending.push_back({pair, job, lo, hi});
            if (options.rejudge || !hiAnswered)
                pending.push_back({pair, job, hi, lo});
        } else if (options.rejudge || (!loAnswered && !hiAnswered)) {
            const bool loFirst = loFirstInSingleOrder(pair);
            pending.push_back({pair, job, loFirst ? lo : hi, loFirst ? hi : lo});
        }
        if (pending.size() > before)
            ++pairs;
    }
    return pending;
}

std::set<RaterPair> inconsistentPairs(const std::vector<Preference>& preferences)
{
    struct Seen {
        std::set<CandidateId> orders;   // shown first
        std::set<CandidateId> outcomes; // winner; 0 for a tie
    };
    std::map<RaterPair, Seen> byRater;
    for (const auto& p : preferences) {
        auto& seen = byRater[RaterPair{p.pairId, p.source, p.annotator}];
        seen.orders.insert(p.shownFirst);
        seen.outcomes.insert(p.winner());
    }
    std::set<RaterPair> out;
    for (const auto& [key, seen] : byRater)
        if (seen.orders.size() > 1 && seen.outcomes.size() > 1)
            out.insert(key);
    return out;
}

std::int64_t dropInconsistent(std::vector<Preference>& preferences)
{
    const auto inconsistent = inconsistentPairs(preferences);
    if (inconsistent.empty())
        return 0;
    const auto before = preferences.size();
    preferences.erase(std::remove_if(preferences.begin(), preferences.end(),
                                     [&](const Preference& p) {
                                         return inconsistent.count(RaterPair{p.pairId, p.source, p.annotator}) > 0;
                                     }),
                      preferences.end());
    return static_cast<std::int64_t>(before - preferences.size());
}

} // namespace rankpo::db
