#pragma once

#include "core/domain/preference.h"

#include <QUndoCommand>

namespace rankpo::ui {

class ProjectDocument;

// Removes one stored preference; undo puts the same row back (same time, confidence, rationale;
// SQLite gives it a new id, which a later redo deletes).
class RemovePreferenceCommand : public QUndoCommand {
public:
    RemovePreferenceCommand(ProjectDocument* document, Preference stored, QUndoCommand* parent = nullptr);

    void redo() override;
    void undo() override;

    PairId pairId() const { return m_preference.pairId; }

private:
    ProjectDocument* m_document;
    Preference m_preference;
};

} // namespace rankpo::ui
