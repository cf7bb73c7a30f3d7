#pragma once

#include "core/domain/preference.h"

#include <optional>
#include <string>
#include <vector>

namespace rankpo::db {
class SqliteDatabase;
}

namespace rankpo::ui {

// The raw edits undo commands make to the preferences table. Callers own the transaction.
// Adding goes through db::ProjectWriter (the store's dedupe rules); removing keeps the whole row so
// that undo can put back exactly what was there (same time, confidence, rationale).

// Adds `preference` (its id is ignored) and returns the new id, or 0 when the exact judgement is
// already stored (same pair, source, annotator, shown order and choice).
PreferenceId insertPreference(db::SqliteDatabase& db, const Preference& preference);

// The stored row, or nullopt if there is no such preference.
std::optional<Preference> readPreference(db::SqliteDatabase& db, PreferenceId id);

// Deletes the row; returns false when it was not there.
bool deletePreference(db::SqliteDatabase& db, PreferenceId id);

// The preferences a human annotator has stored for a pair, oldest first.
std::vector<Preference> humanPreferencesOf(db::SqliteDatabase& db, PairId pair, const std::string& annotator);

} // namespace rankpo::ui
