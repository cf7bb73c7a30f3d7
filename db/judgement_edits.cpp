#include "db/judgement_edits.h"

#include "db/judgement_reader.h"
#include "db/project_store.h"
#include "db/store_access.h"

#include <ctime>

namespace rankpo::db {

PreferenceId JudgementEdits::add(const Preference& judgement)
{
    // One statement, not a ProjectWriter: the writer prepares a dozen statements, each a round trip to a server,
    // and a judgement (the Annotate page's, `rankpo annotate`'s) needs one of them (bench/pg_judgement_bench.cpp).
    Connection& db = connectionOf(m_store);
    auto st = db.prepare("INSERT INTO preferences(pair_id, source, annotator, shown_first, choice, confidence, "
                         "rationale, created_at, client_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                         "ON CONFLICT DO NOTHING RETURNING id");
    st.bind(1, judgement.pairId)
        .bind(2, toString(judgement.source))
        .bind(3, judgement.annotator)
        .bind(4, judgement.shownFirst)
        .bind(5, toString(judgement.choice))
        .bind(6, judgement.confidence)
        .bind(7, judgement.rationale)
        .bind(8, judgement.createdAt != 0 ? judgement.createdAt : static_cast<std::int64_t>(std::time(nullptr)));
    if (judgement.clientId.empty())
        st.bindNull(9);
    else
        st.bind(9, judgement.clientId);
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

std::optional<PreferenceId> JudgementEdits::byClientId(std::string_view clientId)
{
    if (clientId.empty())
        return std::nullopt;
    auto st = connectionOf(m_store).prepare("SELECT id FROM preferences WHERE client_id = ?");
    st.bind(1, clientId);
    if (st.step())
        return st.int64(0);
    return std::nullopt;
}

RecordedJudgement JudgementEdits::replace(const Preference& judgement)
{
    RecordedJudgement result;
    WriteTransaction tx(m_store);
    if (const auto stored = byClientId(judgement.clientId)) {
        result.id = *stored;
        result.alreadyStored = true;
        return result; // the transaction rolls back: it changed nothing
    }
    const auto earlier = JudgementReader(m_store).ofPairBy(judgement.pairId, judgement.source, judgement.annotator);
    for (const Preference& old : earlier)
        remove(old.id);
    result.replaced = earlier.size();
    result.id = add(judgement);
    if (result.id == 0 && !judgement.clientId.empty()) {
        // Another connection stored the same client id since we looked (two retries at once): theirs is the one.
        tx.commit();
        result.id = byClientId(judgement.clientId).value_or(0);
        result.alreadyStored = result.id != 0;
        return result;
    }
    tx.commit();
    return result;
}

} // namespace rankpo::db
