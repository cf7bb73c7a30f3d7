#include "ui/preference_edits.h"

#include "db/preference_rows.h"
#include "db/project_writer.h"
#include "db/sqlite_database.h"

namespace rankpo::ui {
namespace {

const std::string kSelect = std::string("SELECT ") + db::kPreferenceColumns + " FROM preference_outcomes o ";

Preference readRow(db::Statement& st)
{
    return db::readPreference(st);
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
