#pragma once

#include "core/domain/preference.h"

#include <optional>
#include <string>
#include <string_view>

namespace rankpo::db {

class ProjectStore;

// What JudgementEdits::replace did.
struct RecordedJudgement {
    PreferenceId id = 0;        // the stored row (the earlier one when the client id was already stored)
    std::size_t replaced = 0;   // earlier judgements of the pair by the same annotator that were removed
    bool alreadyStored = false; // a judgement with this client id was stored before: nothing changed
};

// The single-judgement edits the app's undo commands make. Adding goes through ProjectWriter (the store's
// dedupe rules); removing is by id, and the caller keeps the whole row so that undo puts back exactly what was
// there (same time, confidence, rationale). Callers that make several edits at once hold a WriteTransaction.
class JudgementEdits {
public:
    explicit JudgementEdits(ProjectStore& store) : m_store(store) {}

    // Adds `judgement` (its id is ignored) and returns the new id, or 0 when the exact judgement is already
    // stored (same pair, source, annotator, shown order and choice) or its client id is.
    PreferenceId add(const Preference& judgement);
    // Deletes a judgement; false when it was not there.
    bool remove(PreferenceId id);
    // The judgement stored under a client id.
    std::optional<PreferenceId> byClientId(std::string_view clientId);

    // A person's new judgement of a pair as `rankpo annotate` and the outbox record it, in one transaction of its
    // own: their earlier judgements of the pair are replaced, unless a judgement with the same client id is
    // already stored (a retry after a lost reply), when nothing changes.
    RecordedJudgement replace(const Preference& judgement);

private:
    ProjectStore& m_store;
};

} // namespace rankpo::db
