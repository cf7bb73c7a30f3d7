#include "ui/document/remove_preference_command.h"

#include "db/judgement_edits.h"
#include "db/project_store.h"
#include "ui/common/error_dialog.h"
#include "ui/document/project_document.h"

#include <QObject>

#include <optional>

namespace rankpo::ui {

RemovePreferenceCommand::RemovePreferenceCommand(ProjectDocument* document, Preference stored, QUndoCommand* parent)
    : QUndoCommand(QObject::tr("Remove judgement of pair %1").arg(stored.pairId), parent)
    , m_document(document)
    , m_preference(std::move(stored))
{
}

// A child of AddPreferenceCommand runs inside its parent's transaction; on its own it opens one, and
// failures become dialogs (the command is dropped from the stack).
void RemovePreferenceCommand::redo()
{
    auto& store = m_document->store();
    const bool own = !store.inTransaction();
    try {
        std::optional<db::WriteTransaction> tx;
        if (own)
            tx.emplace(store);
        db::JudgementEdits(store).remove(m_preference.id);
        if (tx)
            tx->commit();
    } catch (...) {
        if (!own)
            throw;
        setObsolete(true);
        m_document->reportEditError(QObject::tr("Could not remove the judgement."), currentExceptionMessage());
        return;
    }
    if (own)
        m_document->notifyPairEdited(m_preference.pairId, false);
}

void RemovePreferenceCommand::undo()
{
    auto& store = m_document->store();
    const bool own = !store.inTransaction();
    try {
        std::optional<db::WriteTransaction> tx;
        if (own)
            tx.emplace(store);
        if (const PreferenceId id = db::JudgementEdits(store).add(m_preference))
            m_preference.id = id;
        if (tx)
            tx->commit();
    } catch (...) {
        if (!own)
            throw;
        setObsolete(true);
        m_document->reportEditError(QObject::tr("Could not restore the judgement."), currentExceptionMessage());
        return;
    }
    if (own)
        m_document->notifyPairEdited(m_preference.pairId, true);
}

} // namespace rankpo::ui
