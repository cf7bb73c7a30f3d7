#include "db/pair_assignments.h"

#include "core/training/split_mix64.h"
#include "core/util/error.h"
#include "core/util/trim.h"
#include "db/project_store.h"
#include "db/store_access.h"
#include "db/team_rights.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <set>
#include <unordered_map>

namespace rankpo::db {
namespace {

std::vector<std::string> checkedAnnotators(const AssignmentRequest& request)
{
    std::vector<std::string> names;
    std::set<std::string> seen;
    for (const std::string& raw : request.annotators) {
        const std::string name(trim(raw));
        if (name.empty())
            throw usageError("--annotators: an empty name (names are separated by commas)");
        if (name.rfind("ai:", 0) == 0)
            throw usageError("--annotators: '" + name + "' is an AI judge's name; pairs are assigned to people");
        if (!seen.insert(name).second)
            throw usageError("--annotators: '" + name + "' is named twice");
        names.push_back(name);
    }
    if (names.empty())
        throw usageError("--annotators: name at least one annotator");
    if (request.perPair < 1 || request.perPair > static_cast<int>(names.size()))
        throw usageError("--per-pair " + std::to_string(request.perPair) + ": must be between 1 and the number of "
                         "annotators (" + std::to_string(names.size()) + ")");
    return names;
}

// The scope's pairs, by id: those of the split's jobs, or all.
std::vector<PairId> pairsInScope(Connection& db, std::optional<Split> split)
{
    std::string sql = "SELECT p.id FROM pairs p";
    if (split)
        sql += *split == Split::Unassigned ? " JOIN jobs j ON j.id = p.job_id WHERE j.split IS NULL"
                                           : " JOIN jobs j ON j.id = p.job_id WHERE j.split = ?";
    sql += " ORDER BY p.id";
    auto st = db.prepare(sql);
    if (split && *split != Split::Unassigned)
        st.bind(1, toString(*split));
    std::vector<PairId> ids;
    while (st.step())
        ids.push_back(st.int64(0));
    return ids;
}

// Per-person counts over `sql`'s rows of (annotator, assigned, judged).
std::vector<AnnotatorWorkload> readWorkload(Statement& st)
{
    std::vector<AnnotatorWorkload> out;
    while (st.step()) {
        AnnotatorWorkload w;
        w.annotator = st.text(0);
        w.assigned = st.int64(1);
        w.judged = st.int64(2);
        out.push_back(std::move(w));
    }
    return out;
}

// An assignment is judged when its annotator has a human judgement of the pair (any number of them counts once).
constexpr const char* kWorkloadSql =
    "SELECT a.annotator, count(*), count(h.pair_id) FROM assignments a "
    "LEFT JOIN (SELECT DISTINCT pair_id, annotator FROM preferences WHERE source = 'human') h "
    "ON h.pair_id = a.pair_id AND h.annotator = a.annotator ";

} // namespace

AssignmentResult PairAssignments::assign(const AssignmentRequest& request)
{
    requireTeamRight(m_store, TeamRight::Administer, "assigning pairs");
    const std::vector<std::string> names = checkedAnnotators(request);
    const auto k = static_cast<std::size_t>(request.perPair);
    Connection& db = connectionOf(m_store);
    std::optional<Transaction> tx;
    if (!db.inTransaction())
        tx.emplace(db);
    AssignmentResult result;
    const std::vector<PairId> scope = pairsInScope(db, request.split);
    result.pairsInScope = static_cast<std::int64_t>(scope.size());
    std::unordered_map<PairId, bool> inScope;
    inScope.reserve(scope.size());
    for (PairId id : scope)
        inScope.emplace(id, true);

    if (request.rebalance) {
        // Withdraw the scope's unjudged assignments, whoever holds them (someone who left the list too).
        auto unjudged = db.prepare(
            "SELECT a.pair_id, a.annotator FROM assignments a WHERE NOT EXISTS (SELECT 1 FROM preferences h "
            "WHERE h.pair_id = a.pair_id AND h.source = 'human' AND h.annotator = a.annotator)");
        std::vector<std::pair<PairId, std::string>> withdraw;
        while (unjudged.step())
            if (inScope.count(unjudged.int64(0)))
                withdraw.emplace_back(unjudged.int64(0), unjudged.text(1));
        auto remove = db.prepare("DELETE FROM assignments WHERE pair_id = ? AND annotator = ?");
        for (const auto& [pair, annotator] : withdraw)
            remove.bind(1, pair).bind(2, annotator).run();
        result.assignmentsWithdrawn = static_cast<std::int64_t>(withdraw.size());
    }

    // Who holds each scope pair now, and everyone's project-wide load.
    std::unordered_map<PairId, std::vector<std::string>> holders;
    std::map<std::string, std::int64_t> load;
    for (const std::string& n : names)
        load[n] = 0;
    {
        auto st = db.prepare("SELECT pair_id, annotator FROM assignments");
        while (st.step()) {
            const PairId pair = st.int64(0);
            std::string annotator = st.text(1);
            auto it = load.find(annotator);
            if (it != load.end())
                ++it->second;
            if (inScope.count(pair))
                holders[pair].push_back(std::move(annotator));
        }
    }

    std::map<std::string, std::int64_t> added;
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    auto insert = db.prepare("INSERT INTO assignments (pair_id, annotator, created_at) VALUES (?, ?, ?)");
    std::vector<std::size_t> order(names.size());
    for (PairId pair : scope) {
        std::vector<std::string>& held = holders[pair];
        if (held.size() >= k) {
            ++result.pairsComplete;
            continue;
        }
        // The least loaded first; among equals an order drawn from (seed, pair), so that the same call makes the
        // same assignments and nobody is always first in line.
        SplitMix64 rng(request.seed ^ (static_cast<std::uint64_t>(pair) * 0x9E37'79B9'7F4A'7C15ULL));
        std::vector<std::uint64_t> tieBreak(names.size());
        for (std::size_t i = 0; i < names.size(); ++i) {
            order[i] = i;
            tieBreak[i] = rng.next();
        }
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            const auto la = load[names[a]], lb = load[names[b]];
            return la != lb ? la < lb : tieBreak[a] < tieBreak[b];
        });
        for (std::size_t i : order) {
            if (held.size() >= k)
                break;
            const std::string& name = names[i];
            if (std::find(held.begin(), held.end(), name) != held.end())
                continue;
            insert.bind(1, pair).bind(2, name).bind(3, now).run();
            held.push_back(name);
            ++load[name];
            ++added[name];
            ++result.assignmentsAdded;
        }
        if (held.size() >= k)
            ++result.pairsComplete;
    }
    if (tx)
        tx->commit();

    const std::vector<AnnotatorWorkload> all = progress();
    for (const std::string& name : names) {
        AnnotatorWorkload w;
        w.annotator = name;
        for (const auto& p : all)
            if (p.annotator == name)
                w = p;
        w.added = added[name];
        result.workload.push_back(std::move(w));
    }
    return result;
}

std::vector<AnnotatorWorkload> PairAssignments::progress()
{
    auto st = connectionOf(m_store).prepare(std::string(kWorkloadSql) + "GROUP BY a.annotator ORDER BY a.annotator");
    return readWorkload(st);
}

std::vector<std::string> PairAssignments::assigneesOf(PairId pair)
{
    auto st = connectionOf(m_store).prepare("SELECT annotator FROM assignments WHERE pair_id = ? ORDER BY annotator");
    st.bind(1, pair);
    std::vector<std::string> out;
    while (st.step())
        out.push_back(st.text(0));
    return out;
}

bool PairAssignments::hasAssignments(const std::string& annotator)
{
    auto st = connectionOf(m_store).prepare("SELECT 1 FROM assignments WHERE annotator = ? LIMIT 1");
    st.bind(1, annotator);
    return st.step();
}

} // namespace rankpo::db
