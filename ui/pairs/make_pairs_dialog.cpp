#include "ui/pairs/make_pairs_dialog.h"

#include "db/project_store.h"
#include "ui/common/background_task.h"
#include "ui/common/error_dialog.h"
#include "ui/common/form_dialog.h"
#include "ui/common/model_choices.h"
#include "ui/document/project_document.h"
#include "workflows/engine.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>
#include <QSpinBox>

#include <memory>

namespace rankpo::ui {

MakePairsDialog::MakePairsDialog(const QList<ModelChoice>& models, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Make pairs to judge"));
    m_model = new QComboBox(this);
    m_model->setObjectName("model");
    for (const ModelChoice& m : models)
        m_model->addItem(m.label, m.name);
    m_strategy = new QComboBox(this);
    m_strategy->setObjectName("strategy");
    m_strategy->addItem(tr("Paper: two ranks drawn at random from the top K"), QStringLiteral("paper"));
    m_strategy->addItem(tr("Adjacent: neighbours in the ranking (hard pairs)"), QStringLiteral("adjacent"));
    m_strategy->addItem(tr("Uniform: any two of the top K"), QStringLiteral("uniform"));
    m_strategy->addItem(tr("Uncertain: the smallest score gaps first"), QStringLiteral("uncertain"));
    m_split = makeSplitChoice(this);
    m_perJob = new QSpinBox(this);
    m_perJob->setObjectName("perJob");
    m_perJob->setRange(1, 1000);
    m_perJob->setValue(10);
    m_top = new QSpinBox(this);
    m_top->setObjectName("top");
    m_top->setRange(2, 10000);
    m_top->setValue(100);
    m_seed = new QSpinBox(this);
    m_seed->setObjectName("seed");
    m_seed->setRange(0, 1'000'000'000);
    m_seed->setValue(42);
    m_seed->setToolTip(tr("The same seed makes the same pairs"));

    auto* form = new QFormLayout;
    form->addRow(tr("Ranking model:"), m_model);
    form->addRow(tr("Strategy:"), m_strategy);
    form->addRow(tr("Jobs:"), m_split);
    form->addRow(tr("New pairs per job:"), m_perJob);
    form->addRow(tr("Among the top:"), m_top);
    form->addRow(tr("Seed:"), m_seed);
    auto* buttons = layOutFormDialog(this, form,
                                     tr("The model ranks every candidate for each job; pairs are drawn among its best "
                                        "ones. A pair is never made twice."),
                                     tr("Make pairs"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(!models.isEmpty());
}

workflows::MakePairsOptions MakePairsDialog::options() const
{
    workflows::MakePairsOptions o;
    o.model = m_model->currentData().toString().toStdString();
    o.strategy = pairStrategyFromString(m_strategy->currentData().toString().toStdString()).value_or(PairStrategy::Paper);
    o.split = chosenSplit(m_split);
    o.perJob = m_perJob->value();
    o.top = m_top->value();
    o.seed = static_cast<std::uint64_t>(m_seed->value());
    return o;
}

std::optional<workflows::MakePairsResult> makePairsOnWorker(QWidget* parent, ProjectDocument* document,
                                                            workflows::MakePairsOptions options)
{
    if (!document)
        return std::nullopt;
    auto result = std::make_shared<workflows::MakePairsResult>();
    const std::string path = document->path().toStdString();
    const TaskResult task = runWithProgressDialog(
        parent, QObject::tr("Make pairs"),
        QObject::tr("Ranking every candidate with %1 and drawing pairs…").arg(QString::fromStdString(options.model)),
        [path, options, result](TaskControl& control) mutable {
            // The worker's own connection: the GUI keeps its store.
            auto store = db::ProjectStore::open(path, db::ProjectStore::OpenMode::OpenExisting, false);
            options.cancel = control.cancelFlag();
            options.progress = [&control](const std::string& stage, std::size_t done, std::size_t total) {
                control.setProgress(static_cast<std::int64_t>(done), static_cast<std::int64_t>(total));
                control.setStatus(QString::fromStdString(stage));
            };
            *result = workflows::engine().makePairs(*store, options);
        });
    if (task.outcome == TaskOutcome::Failed) {
        showError(parent, QObject::tr("Could not make the pairs."), task.message);
        return std::nullopt;
    }
    if (task.outcome == TaskOutcome::Cancelled)
        return std::nullopt;
    document->notifyDataChanged();
    return *result;
}

std::size_t makePairsWithDialog(QWidget* parent, ProjectDocument* document)
{
    if (!document)
        return 0;
    QList<ModelChoice> models;
    try {
        models = trainableModels(document->store());
    } catch (...) {
        showError(parent, QObject::tr("Could not list the project's models."), currentExceptionMessage());
        return 0;
    }
    MakePairsDialog dialog(models, parent);
    if (dialog.exec() != QDialog::Accepted)
        return 0;
    const auto result = makePairsOnWorker(parent, document, dialog.options());
    if (!result)
        return 0;
    QString text = QObject::tr("%n new pair(s) to judge for %1 job(s).", nullptr, static_cast<int>(result->added))
                       .arg(result->jobs);
    if (!result->skipped.empty())
        text += QStringLiteral("\n") + QObject::tr("%n job(s) skipped (fewer than two candidates or no new pair left).",
                                                    nullptr, static_cast<int>(result->skipped.size()));
    QMessageBox::information(parent, QObject::tr("Make pairs"), text);
    return result->added;
}

} // namespace rankpo::ui
