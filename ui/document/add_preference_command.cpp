#include "ui/document/add_preference_command.h"

#include "db/judgement_edits.h"
#include "db/judgement_outbox.h"
#include "db/store_unavailable.h"
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

bool AddPreferenceCommand::keepForLater()
{
    db::JudgementOutbox* outbox = m_document->outbox();
    if (!outbox)
        return false;
    try {
        outbox->keep(m_preference);
    } catch (...) {
        return false;
    }
    m_kept = true;
    m_insertedId = 0;
    m_document->notifyJudgementKept(m_preference.pairId);
    return true;
}

void AddPreferenceCommand::redo()
{
    auto& store = m_document->store();
    // Judgements already waiting go first: this one waits behind them, in order.
    if (m_document->outbox() && m_document->keptJudgements() > 0 && keepForLater())
        return;
    try {
        std::optional<db::WriteTransaction> tx;
        if (!store.inTransaction())
            tx.emplace(store);
        QUndoCommand::redo(); // the removals
        m_insertedId = db::JudgementEdits(store).add(m_preference);
        if (tx)
            tx->commit();
    } catch (const db::StoreUnavailable&) {
        m_insertedId = 0;
        if (keepForLater())
            return; // annotation goes on; the document's timer sends it when the server is back
        setObsolete(true);
        m_document->reportEditError(QObject::tr("Could not record the judgement."), currentExceptionMessage());
        return;
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
    if (m_kept) {
        try {
            m_kept = false;
            if (m_document->outbox()->forget(m_preference.clientId)) {
                m_document->notifyKeptJudgementUndone(m_preference.pairId);
                return;
            }
            // Sent meanwhile: the stored row goes (the judgements it replaced when sent do not come back).
            m_insertedId = db::JudgementEdits(store).byClientId(m_preference.clientId).value_or(0);
        } catch (...) {
            setObsolete(true);
            m_document->reportEditError(QObject::tr("Could not undo the judgement."), currentExceptionMessage());
            return;
        }
    }
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
