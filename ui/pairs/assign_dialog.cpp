#include "ui/pairs/assign_dialog.h"

#include "db/project_store.h"
#include "ui/common/background_task.h"
#include "ui/common/error_dialog.h"
#include "ui/common/form_dialog.h"
#include "ui/document/project_document.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QSpinBox>

#include <memory>

namespace rankpo::ui {

AssignDialog::AssignDialog(const QStringList& annotators, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Assign pairs to annotators"));
    m_annotators = new QLineEdit(annotators.join(QStringLiteral(", ")), this);
    m_annotators->setObjectName("annotators");
    m_annotators->setPlaceholderText(tr("alice, bob, carol"));
    m_annotators->setToolTip(tr("Names as each person annotates, separated by commas"));
    m_perPair = new QSpinBox(this);
    m_perPair->setObjectName("perPair");
    m_perPair->setRange(1, 100);
    m_perPair->setValue(2);
    m_perPair->setToolTip(tr("How many people judge each pair: 2 or more measures their agreement"));
    m_split = makeSplitChoice(this);
    m_seed = new QSpinBox(this);
    m_seed->setObjectName("seed");
    m_seed->setRange(0, 1'000'000'000);
    m_seed->setToolTip(tr("Breaks ties between equally loaded people: the same seed makes the same assignments"));
    m_rebalance = new QCheckBox(tr("Withdraw what is not yet judged and give it out again"), this);
    m_rebalance->setObjectName("rebalance");
    m_rebalance->setToolTip(tr("For when someone leaves or joins: judged pairs stay with whoever judged them"));

    auto* form = new QFormLayout;
    form->addRow(tr("Annotators:"), m_annotators);
    form->addRow(tr("People per pair:"), m_perPair);
    form->addRow(tr("Jobs:"), m_split);
    form->addRow(tr("Seed:"), m_seed);
    form->addRow(QString(), m_rebalance);
    layOutFormDialog(this, form,
                     tr("Each pair goes to the least loaded people. Assigning again only tops up pairs with fewer "
                        "people; each person's queue shows their pairs first."),
                     tr("Assign"));
}

db::AssignmentRequest AssignDialog::request() const
{
    db::AssignmentRequest r;
    for (const QString& name : m_annotators->text().split(QLatin1Char(',')))
        r.annotators.push_back(name.trimmed().toStdString());
    if (m_annotators->text().trimmed().isEmpty())
        r.annotators.clear();
    r.perPair = m_perPair->value();
    r.split = chosenSplit(m_split);
    r.seed = static_cast<std::uint64_t>(m_seed->value());
    r.rebalance = m_rebalance->isChecked();
    return r;
}

std::optional<db::AssignmentResult> assignPairsOnWorker(QWidget* parent, ProjectDocument* document,
                                                        const db::AssignmentRequest& request)
{
    if (!document)
        return std::nullopt;
    auto result = std::make_shared<db::AssignmentResult>();
    const std::string path = document->path().toStdString();
    const TaskResult task = runWithProgressDialog(parent, QObject::tr("Assign pairs"),
                                                  QObject::tr("Assigning pairs…"), [path, request, result](TaskControl&) {
                                                      auto store = db::ProjectStore::open(
                                                          path, db::ProjectStore::OpenMode::OpenExisting, false);
                                                      *result = db::PairAssignments(*store).assign(request);
                                                  });
    if (task.outcome == TaskOutcome::Failed) {
        showError(parent, QObject::tr("Could not assign the pairs."), task.message);
        return std::nullopt;
    }
    if (task.outcome == TaskOutcome::Cancelled)
        return std::nullopt;
    document->notifyDataChanged();
    return *result;
}

bool assignPairsWithDialog(QWidget* parent, ProjectDocument* document)
{
    if (!document)
        return false;
    QStringList names;
    try {
        for (const auto& w : db::PairAssignments(document->store()).progress())
            names << QString::fromStdString(w.annotator);
    } catch (...) {
        showError(parent, QObject::tr("Could not read the project's assignments."), currentExceptionMessage());
        return false;
    }
    if (!document->annotator().isEmpty() && !names.contains(document->annotator()))
        names << document->annotator();
    AssignDialog dialog(names, parent);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    const auto result = assignPairsOnWorker(parent, document, dialog.request());
    if (!result)
        return false;
    QString text = QObject::tr("%n assignment(s) added", nullptr, static_cast<int>(result->assignmentsAdded));
    if (dialog.request().rebalance)
        text += QObject::tr(", %n withdrawn", nullptr, static_cast<int>(result->assignmentsWithdrawn));
    text += QObject::tr("; %1 of %2 pairs have %3 people.")
                .arg(result->pairsComplete)
                .arg(result->pairsInScope)
                .arg(dialog.request().perPair);
    for (const auto& w : result->workload)
        text += QStringLiteral("\n") + QObject::tr("%1: %2 assigned, %3 judged")
                                           .arg(QString::fromStdString(w.annotator))
                                           .arg(w.assigned)
                                           .arg(w.judged);
    QMessageBox::information(parent, QObject::tr("Assign pairs"), text);
    return result->assignmentsAdded > 0 || result->assignmentsWithdrawn > 0;
}

} // namespace rankpo::ui
