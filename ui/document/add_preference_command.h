#pragma once

#include "core/domain/preference.h"

#include <QUndoCommand>

#include <vector>

namespace rankpo::ui {

class ProjectDocument;

// Records one judgement. A person has one current judgement per pair, so the preferences it
// replaces (the same annotator's earlier ones for the pair) are removed by child commands in the
// same transaction, and come back on undo.
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
    ProjectDocument* m_document;
    Preference m_preference;
    PreferenceId m_insertedId = 0;
};

} // namespace rankpo::ui
