#include "db/judgement_edits.h"

#include "db/judgement_reader.h"
#include "db/project_store.h"
#include "db/project_writer.h"
#include "db/store_access.h"

namespace rankpo::db {

PreferenceId JudgementEdits::add(const Preference& judgement)
{
    ProjectWriter writer(m_store);
    NewPreference np;
    np.pairId = judgement.pairId;
    np.source = judgement.source;
    np.annotator = judgement.annotator;
    np.shownFirst = judgement.shownFirst;
    np.choice = judgement.choice;
    np.confidence = judgement.confidence;
    np.rationale = judgement.rationale;
    np.createdAt = judgement.createdAt;
    np.clientId = judgement.clientId;
    return writer.addPreference(np);
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
