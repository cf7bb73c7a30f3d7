#include "ui/preference_edits.h"

#include "db/project_writer.h"
#include "db/sqlite_database.h"

namespace rankpo::ui {
namespace {

constexpr const char* kSelect = "SELECT preference_id, pair_id, job_id, source, annotator, shown_first, shown_second, choice, "
                                "confidence, rationale, created_at FROM preference_outcomes ";

Preference readRow(db::Statement& st)
{
    Preference p;
    p.id = st.int64(0);
    p.pairId = st.int64(1);
    p.jobId = st.int64(2);
    p.source = preferenceSourceFromString(st.textView(3)).value_or(PreferenceSource::Ai);
    p.annotator = st.text(4);
    p.shownFirst = st.int64(5);
    p.shownSecond = st.int64(6);
    p.choice = choiceFromString(st.textView(7)).value_or(Choice::Tie);
    if (!st.isNull(8))
        p.confidence = st.int32(8);
    p.rationale = st.text(9);
    p.createdAt = st.int64(10);
    return p;
}

} // namespace

PreferenceId insertPreference(db::SqliteDatabase& db, const Preference& preference)
{
    db::ProjectWriter writer(db);
    db::NewPreference np;
    np.pairId = preference.pairId;
    np.source = preference.source;
    np.annotator = preference.annotator;
    np.shownFirst = preference.shownFirst;
    np.choice = preference.choice;
    np.confidence = preference.confidence;
    np.rationale = preference.rationale;
    np.createdAt = preference.createdAt;
    if (!writer.addPreference(np))
        return 0;
    return db.lastInsertRowId();
}

std::optional<Preference> readPreference(db::SqliteDatabase& db, PreferenceId id)
{
    auto st = db.prepare(std::string(kSelect) + "WHERE preference_id = ?");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return readRow(st);
}

bool deletePreference(db::SqliteDatabase& db, PreferenceId id)
{
    auto st = db.prepare("DELETE FROM preferences WHERE id = ?");
    st.bind(1, id).run();
    return db.changes() > 0;
}

std::vector<Preference> humanPreferencesOf(db::SqliteDatabase& db, PairId pair, const std::string& annotator)
{
    auto st = db.prepare(std::string(kSelect) + "WHERE pair_id = ? AND source = 'human' AND annotator = ? ORDER BY preference_id");
    st.bind(1, pair).bind(2, annotator);
    std::vector<Preference> out;
    while (st.step())
        out.push_back(readRow(st));
    return out;
}

} // namespace rankpo::ui
