#include "ui/document/add_preference_command.h"

#include "db/judgement_edits.h"
#include "db/project_store.h"
#include "ui/common/error_dialog.h"
#include "ui/document/project_document.h"
#include "ui/document/remove_preference_command.h"

#include <QObject>

#include <optional>

namespace rankpo::ui {
namespace {

QString describe(const Preference& p)
{
    switch (p.choice) {
    case Choice::First: return QObject::tr("Judge pair %1: A better").arg(p.pairId);
    case Choice::Second: return QObject::tr("Judge pair %1: B better").arg(p.pairId);
    case Choice::Tie: return QObject::tr("Judge pair %1: tie").arg(p.pairId);
    }
    return {};
}

} // namespace

AddPreferenceCommand::AddPreferenceCommand(ProjectDocument* document, Preference preference,
                                           const std::vector<Preference>& replaces, QUndoCommand* parent)
    : QUndoCommand(describe(preference), parent), m_document(document), m_preference(std::move(preference))
{
    for (const Preference& old : replaces)
        new RemovePreferenceCommand(document, old, this);
}

void AddPreferenceCommand::redo()
{
    auto& store = m_document->store();
    try {
        std::optional<db::WriteTransaction> tx;
        if (!store.inTransaction())
            tx.emplace(store);
        QUndoCommand::redo(); // the removals
        m_insertedId = db::JudgementEdits(store).add(m_preference);
        if (tx)
            tx->commit();
    } catch (...) {
        m_insertedId = 0;
        setObsolete(true);
        m_document->reportEditError(QObject::tr("Could not record the judgement."), currentExceptionMessage());
        return;
    }
    if (m_insertedId == 0 && childCount() == 0)
        setObsolete(true); // the exact judgement was already stored: nothing to undo
    m_document->notifyPairEdited(m_preference.pairId, false);
}

void AddPreferenceCommand::undo()
{
    auto& store = m_document->store();
    try {
        std::optional<db::WriteTransaction> tx;
        if (!store.inTransaction())
            tx.emplace(store);
        if (m_insertedId != 0)
            db::JudgementEdits(store).remove(m_insertedId);
        QUndoCommand::undo(); // puts the replaced judgements back
        if (tx)
            tx->commit();
        m_insertedId = 0;
    } catch (...) {
        setObsolete(true);
        m_document->reportEditError(QObject::tr("Could not undo the judgement."), currentExceptionMessage());
        return;
    }
    m_document->notifyPairEdited(m_preference.pairId, true);
}

} // namespace rankpo::ui
