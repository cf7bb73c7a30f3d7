#include "db/judgement_edits.h"

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
    return writer.addPreference(np);
}

bool JudgementEdits::remove(PreferenceId id)
{
    Connection& db = connectionOf(m_store);
    auto st = db.prepare("DELETE FROM preferences WHERE id = ?");
    st.bind(1, id).run();
    return db.changes() > 0;
}

} // namespace rankpo::db
