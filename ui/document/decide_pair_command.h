#pragma once

#include "db/adjudications.h"

#include <QUndoCommand>

#include <optional>

namespace rankpo::ui {

class ProjectDocument;

// A reviewer's decision on a pair, or its withdrawal (`next` nullopt), undoable: undo puts back the decision that
// stood before (or none).
class DecidePairCommand : public QUndoCommand {
public:
    DecidePairCommand(ProjectDocument* document, PairId pair, std::optional<db::Adjudication> next,
                      std::optional<db::Adjudication> previous, QUndoCommand* parent = nullptr);

    void redo() override;
    void undo() override;

private:
    bool apply(const std::optional<db::Adjudication>& decision);

    ProjectDocument* m_document;
    PairId m_pair;
    std::optional<db::Adjudication> m_next;
    std::optional<db::Adjudication> m_previous;
};

} // namespace rankpo::ui
