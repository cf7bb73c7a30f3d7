#include "db/change_watch.h"

#include "db/project_store.h"
#include "db/store_access.h"

namespace rankpo::db {

ChangeWatch::ChangeWatch(ProjectStore& store) : m_store(store)
{
    acknowledge();
}

std::string ChangeWatch::fingerprint()
{
    // A replacement deletes and inserts (max id moves), an undo deletes (the count moves); decisions replace in
    // place (their time or winner moves).
    auto st = connectionOf(m_store).prepare(
        "SELECT (SELECT coalesce(max(id), 0) FROM preferences), (SELECT count(*) FROM preferences), "
        "(SELECT count(*) FROM adjudications), (SELECT coalesce(max(created_at), 0) FROM adjudications), "
        "(SELECT coalesce(sum(coalesce(winner, -1)), 0) FROM adjudications), (SELECT count(*) FROM assignments)");
    std::string out;
    if (st.step())
        for (int c = 0; c < 6; ++c)
            out += std::to_string(st.int64(c)) + ",";
    return out;
}

bool ChangeWatch::judgementsChanged()
{
    const auto stamp = m_store.externalChangeStamp();
    if (stamp && m_stamp && *stamp == *m_stamp)
        return false;
    m_stamp = stamp;
    // A server's notifications come only from teammates' team work: nothing to read back, and no round trip on
    // the app's thread. A file's stamp moves for any commit; its fingerprint is a local read of a few indexes.
    if (stamp && m_store.externalChangeStampIsTeamWork())
        return true;
    std::string now = fingerprint();
    if (now == m_fingerprint)
        return false;
    m_fingerprint = std::move(now);
    return true;
}

void ChangeWatch::acknowledge()
{
    m_stamp = m_store.externalChangeStamp();
    if (!(m_stamp && m_store.externalChangeStampIsTeamWork()))
        m_fingerprint = fingerprint();
}

} // namespace rankpo::db
