#pragma once

#include "core/domain/preference.h"

#include <QUndoCommand>

#include <vector>

namespace rankpo::ui {

class ProjectDocument;

// Records one judgement. A person has one current judgement per pair, so the preferences it
// replaces (the same annotator's earlier ones for the pair) are removed by child commands in the
// same transaction, and come back on undo. On a server project whose server is away, the judgement goes to the
// document's outbox instead (sent later, replacing the earlier ones then); undo before it is sent forgets it.
class AddPreferenceCommand : public QUndoCommand {
public:
    AddPreferenceCommand(ProjectDocument* document, Preference preference, const std::vector<Preference>& replaces,
                         QUndoCommand* parent = nullptr);

    void redo() override;
    void undo() override;

    PairId pairId() const { return m_preference.pairId; }
    // The stored row's id while applied (0 when undone, or when the exact judgement was already stored).
    PreferenceId insertedId() const { return m_insertedId; }

private:
    bool keepForLater();

    ProjectDocument* m_document;
    Preference m_preference;
    PreferenceId m_insertedId = 0;
    bool m_kept = false; // in the outbox, not yet sent (the server was away)
};

} // namespace rankpo::ui
