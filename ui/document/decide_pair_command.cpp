#include "ui/document/decide_pair_command.h"

#include "db/project_store.h"
#include "ui/common/error_dialog.h"
#include "ui/document/project_document.h"

#include <QObject>

namespace rankpo::ui {
namespace {

QString describe(PairId pair, const std::optional<db::Adjudication>& next)
{
    if (!next)
        return QObject::tr("Withdraw the decision on pair %1").arg(pair);
    if (!next->winner)
        return QObject::tr("Decide pair %1: tie").arg(pair);
    return QObject::tr("Decide pair %1: C%2 better").arg(pair).arg(*next->winner);
}

} // namespace

DecidePairCommand::DecidePairCommand(ProjectDocument* document, PairId pair, std::optional<db::Adjudication> next,
                                     std::optional<db::Adjudication> previous, QUndoCommand* parent)
    : QUndoCommand(describe(pair, next), parent), m_document(document), m_pair(pair), m_next(std::move(next)),
      m_previous(std::move(previous))
{
}

bool DecidePairCommand::apply(const std::optional<db::Adjudication>& decision)
{
    try {
        db::Adjudications decisions(m_document->store());
        if (decision)
            decisions.decide(m_pair, decision->winner, decision->reviewer, decision->note, decision->createdAt);
        else
            decisions.withdraw(m_pair);
    } catch (...) {
        setObsolete(true);
        m_document->reportEditError(QObject::tr("Could not record the decision."), currentExceptionMessage());
        return false;
    }
    m_document->notifyDecisionChanged(m_pair);
    return true;
}

void DecidePairCommand::redo()
{
    apply(m_next);
}

void DecidePairCommand::undo()
{
    apply(m_previous);
}

} // namespace rankpo::ui
