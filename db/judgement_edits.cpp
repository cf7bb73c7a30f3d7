#include "db/judgement_edits.h"

#include "db/store_access.h"

#include <ctime>

namespace rankpo::db {

PreferenceId JudgementEdits::add(const Preference& judgement)
{
    // One statement, not a ProjectWriter: the writer prepares a dozen statements, each a round trip to a server,
    // and a judgement (the Annotate page's, `rankpo annotate`'s) needs one of them (bench/pg_judgement_bench.cpp).
    Connection& db = connectionOf(m_store);
    auto st = db.prepare("INSERT INTO preferences(pair_id, source, annotator, shown_first, choice, confidence, "
                         "rationale, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id");
    st.bind(1, judgement.pairId)
        .bind(2, toString(judgement.source))
        .bind(3, judgement.annotator)
        .bind(4, judgement.shownFirst)
        .bind(5, toString(judgement.choice))
        .bind(6, judgement.confidence)
        .bind(7, judgement.rationale)
        .bind(8, judgement.createdAt != 0 ? judgement.createdAt : static_cast<std::int64_t>(std::time(nullptr)));
    PreferenceId id = 0;
    if (st.step())
        id = st.int64(0);
    while (st.step()) {
    }
    return id;
}

bool JudgementEdits::remove(PreferenceId id)
{
    Connection& db = connectionOf(m_store);
    auto st = db.prepare("DELETE FROM preferences WHERE id = ?");
    st.bind(1, id).run();
    return db.changes() > 0;
}

} // namespace rankpo::db
