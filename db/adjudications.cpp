#include "db/adjudications.h"

#include "core/util/error.h"
#include "core/util/trim.h"
#include "db/project_store.h"
#include "db/store_access.h"
#include "db/team_rights.h"

#include <ctime>
#include <unordered_map>

namespace rankpo::db {

std::string_view adjudicationPolicyName(AdjudicationPolicy policy)
{
    switch (policy) {
    case AdjudicationPolicy::Prefer: return "prefer";
    case AdjudicationPolicy::Only: return "only";
    case AdjudicationPolicy::Ignore: return "ignore";
    }
    return "prefer";
}

std::optional<AdjudicationPolicy> adjudicationPolicyFromName(std::string_view name)
{
    for (auto p : {AdjudicationPolicy::Prefer, AdjudicationPolicy::Only, AdjudicationPolicy::Ignore})
        if (adjudicationPolicyName(p) == name)
            return p;
    return std::nullopt;
}

void Adjudications::decide(PairId pair, std::optional<CandidateId> winner, const std::string& reviewer,
                           const std::string& note, std::int64_t createdAt)
{
    const std::string who(trim(reviewer));
    if (who.empty())
        throw usageError("a decision needs the reviewer's name");
    Connection& db = connectionWithRight(m_store, TeamRight::Review, "adjudicating");
    auto find = db.prepare("SELECT candidate_lo, candidate_hi FROM pairs WHERE id = ?");
    find.bind(1, pair);
    if (!find.step())
        throw usageError(m_store.path() + ": no pair P" + std::to_string(pair));
    const CandidateId lo = find.int64(0), hi = find.int64(1);
    find.reset();
    if (winner && *winner != lo && *winner != hi)
        throw usageError("P" + std::to_string(pair) + " is C" + std::to_string(lo) + " against C" + std::to_string(hi)
                         + ": C" + std::to_string(*winner) + " is not one of them");
    // Its own transaction, unless the caller's edit already holds one.
    std::optional<Transaction> tx;
    if (!db.inTransaction())
        tx.emplace(db);
    db.prepare("INSERT INTO adjudications (pair_id, winner, reviewer, note, created_at) VALUES (?, ?, ?, ?, ?) "
               "ON CONFLICT (pair_id) DO UPDATE SET winner = excluded.winner, reviewer = excluded.reviewer, "
               "note = excluded.note, created_at = excluded.created_at")
        .bind(1, pair)
        .bind(2, winner)
        .bind(3, who)
        .bind(4, std::string(trim(note)))
        .bind(5, createdAt ? createdAt : static_cast<std::int64_t>(std::time(nullptr)))
        .run();
    if (tx)
        tx->commit();
}

bool Adjudications::withdraw(PairId pair)
{
    requireTeamRight(m_store, TeamRight::Review, "withdrawing a decision");
    Connection& db = connectionOf(m_store);
    std::optional<Transaction> tx;
    if (!db.inTransaction())
        tx.emplace(db);
    db.prepare("DELETE FROM adjudications WHERE pair_id = ?").bind(1, pair).run();
    const bool removed = db.changes() > 0;
    if (tx)
        tx->commit();
    return removed;
}

namespace {

Adjudication readAdjudication(Statement& st)
{
    Adjudication a;
    a.pairId = st.int64(0);
    a.winner = st.optionalInt64(1);
    a.reviewer = st.text(2);
    a.note = st.text(3);
    a.createdAt = st.int64(4);
    return a;
}

constexpr const char* kSelect = "SELECT pair_id, winner, reviewer, note, created_at FROM adjudications ";

} // namespace

std::optional<Adjudication> Adjudications::of(PairId pair)
{
    auto st = connectionOf(m_store).prepare(std::string(kSelect) + "WHERE pair_id = ?");
    st.bind(1, pair);
    if (!st.step())
        return std::nullopt;
    return readAdjudication(st);
}

std::vector<Adjudication> Adjudications::all()
{
    auto st = connectionOf(m_store).prepare(std::string(kSelect) + "ORDER BY pair_id");
    std::vector<Adjudication> out;
    while (st.step())
        out.push_back(readAdjudication(st));
    return out;
}

std::int64_t applyAdjudications(std::vector<Preference>& preferences, const std::vector<Adjudication>& decisions,
                                AdjudicationPolicy policy)
{
    if (policy == AdjudicationPolicy::Ignore)
        return 0;
    std::unordered_map<PairId, const Adjudication*> byPair;
    for (const Adjudication& a : decisions)
        byPair.emplace(a.pairId, &a);
    std::vector<Preference> out;
    out.reserve(preferences.size());
    std::unordered_map<PairId, bool> placed;
    for (Preference& p : preferences) {
        const auto it = byPair.find(p.pairId);
        if (it == byPair.end()) {
            if (policy == AdjudicationPolicy::Prefer)
                out.push_back(std::move(p));
            continue;
        }
        if (!placed.emplace(p.pairId, true).second)
            continue; // the decision already stands for this pair
        const Adjudication& a = *it->second;
        Preference d;
        d.id = p.id; // in the first judgement's place, so the rows keep their order
        d.pairId = p.pairId;
        d.jobId = p.jobId;
        d.source = PreferenceSource::Human;
        d.annotator = a.reviewer;
        d.shownFirst = std::min(p.shownFirst, p.shownSecond);
        d.shownSecond = std::max(p.shownFirst, p.shownSecond);
        d.choice = !a.winner ? Choice::Tie : *a.winner == d.shownFirst ? Choice::First : Choice::Second;
        d.rationale = a.note;
        d.createdAt = a.createdAt;
        out.push_back(std::move(d));
    }
    preferences = std::move(out);
    return static_cast<std::int64_t>(placed.size());
}

} // namespace rankpo::db
