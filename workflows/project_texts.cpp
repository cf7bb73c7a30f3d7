#include "workflows/project_texts.h"

#include "db/project_store.h"

namespace rankpo::workflows {
namespace {

ProjectTexts readTexts(db::Statement& st, bool jobs)
{
    ProjectTexts out;
    while (st.step()) {
        const std::int64_t id = st.int64(0);
        const std::string_view externalId = st.textView(2);
        out.ids.push_back(id);
        out.references.push_back(jobs ? db::ProjectStore::jobReference(id, externalId)
                                      : db::ProjectStore::candidateReference(id, externalId));
        out.texts.push_back(st.text(1));
    }
    return out;
}

} // namespace

ProjectTexts loadJobTexts(db::ProjectStore& store, std::optional<Split> split)
{
    std::string sql = "SELECT id, text, coalesce(external_id, '') FROM jobs";
    if (split)
        sql += *split == Split::Unassigned ? " WHERE split IS NULL" : " WHERE split = ?";
    sql += " ORDER BY id";
    auto st = store.database().prepare(sql);
    if (split && *split != Split::Unassigned)
        st.bind(1, db::toString(*split));
    return readTexts(st, true);
}

ProjectTexts loadJobText(db::ProjectStore& store, JobId job)
{
    auto st = store.database().prepare("SELECT id, text, coalesce(external_id, '') FROM jobs WHERE id = ?");
    st.bind(1, job);
    return readTexts(st, true);
}

ProjectTexts loadCandidateTexts(db::ProjectStore& store)
{
    auto st = store.database().prepare("SELECT id, text, coalesce(external_id, '') FROM candidates ORDER BY id");
    return readTexts(st, false);
}

} // namespace rankpo::workflows
