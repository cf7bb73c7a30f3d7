#include "db/made_pair_writer.h"

#include "core/util/error.h"
#include "db/store_access.h"
#include "db/team_rights.h"

#include <ctime>

namespace rankpo::db {

std::set<std::pair<CandidateId, CandidateId>> MadePairWriter::existingPairs(JobId job)
{
    auto st = connectionOf(m_store).prepare("SELECT candidate_lo, candidate_hi FROM pairs WHERE job_id = ?");
    st.bind(1, job);
    std::set<std::pair<CandidateId, CandidateId>> out;
    while (st.step())
        out.emplace(st.int64(0), st.int64(1));
    return out;
}

std::size_t MadePairWriter::add(const std::vector<MadePair>& pairs, const std::string& madeBy, const std::string& strategy)
{
    Connection& db = connectionWithRight(m_store, TeamRight::Administer, "making pairs");
    Transaction tx(db);
    auto insert = db.prepare("INSERT INTO pairs(job_id, candidate_lo, candidate_hi, created_at, made_by, strategy, "
                             "rank_lo, rank_hi, score_lo, score_hi) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                             "ON CONFLICT DO NOTHING");
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    std::size_t added = 0;
    for (const MadePair& p : pairs) {
        if (p.first == p.second)
            throw usageError("a pair needs two different candidates (both are C" + std::to_string(p.first) + ")");
        const bool firstIsLo = p.first < p.second;
        insert.bind(1, p.job)
            .bind(2, firstIsLo ? p.first : p.second)
            .bind(3, firstIsLo ? p.second : p.first)
            .bind(4, now)
            .bind(5, madeBy)
            .bind(6, strategy)
            .bind(7, firstIsLo ? p.firstRank : p.secondRank)
            .bind(8, firstIsLo ? p.secondRank : p.firstRank)
            .bind(9, firstIsLo ? p.firstScore : p.secondScore)
            .bind(10, firstIsLo ? p.secondScore : p.firstScore)
            .run();
        added += static_cast<std::size_t>(db.changes());
    }
    tx.commit();
    return added;
}

} // namespace rankpo::db
