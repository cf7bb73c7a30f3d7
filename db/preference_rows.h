#pragma once

#include "core/domain/preference.h"
#include "db/sqlite_database.h"

namespace rankpo::db {

// The columns of the preference_outcomes view that make a Preference, in the order readPreference
// reads them: "SELECT <kPreferenceColumns> FROM preference_outcomes o ...".
inline constexpr const char* kPreferenceColumns =
    "o.preference_id, o.pair_id, o.job_id, o.source, o.annotator, o.shown_first, o.shown_second, o.choice, "
    "o.confidence, o.rationale, o.created_at";

inline Preference readPreference(const Statement& st)
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

} // namespace rankpo::db
