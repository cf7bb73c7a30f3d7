#pragma once

#include "core/domain/preference.h"

#include <optional>

namespace rankpo::db {

class ProjectStore;

// The single-judgement edits the app's undo commands make. Adding goes through ProjectWriter (the store's
// dedupe rules); removing is by id, and the caller keeps the whole row so that undo puts back exactly what was
// there (same time, confidence, rationale). Callers that make several edits at once hold a WriteTransaction.
class JudgementEdits {
public:
    explicit JudgementEdits(ProjectStore& store) : m_store(store) {}

    // Adds `judgement` (its id is ignored) and returns the new id, or 0 when the exact judgement is already
    // stored (same pair, source, annotator, shown order and choice).
    PreferenceId add(const Preference& judgement);
    // Deletes a judgement; false when it was not there.
    bool remove(PreferenceId id);

private:
    ProjectStore& m_store;
};

} // namespace rankpo::db
