#include "ui/training/training_page.h"

#include "db/project_store.h"
#include "ui/common/team_gate.h"
#include "ui/common/background_task.h"
#include "ui/common/error_dialog.h"
#include "ui/common/model_choices.h"
#include "ui/document/project_document.h"
#include "ui/training/run_table_model.h"
#include "ui/training/training_charts.h"
#include "ui/training/training_form.h"
#include "workflows/engine.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>

namespace rankpo::ui {
namespace {

QString clock(double seconds)
{
    const auto s = static_cast<qint64>(std::max(0.0, seconds) + 0.5);
    return s >= 3600 ? QStringLiteral("%1:%2:%3").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

// A duration as people say it: "0.84 s", "42 s", "13 min", "1 h 53 min".
QString formatSeconds(double seconds)
{
    if (seconds < 10)
        return QObject::tr("%1 s").arg(seconds, 0, 'f', 2);
    const auto s = static_cast<qint64>(seconds + 0.5);
    if (s < 120)
        return QObject::tr("%1 s").arg(s);
    if (s < 3600)
        return QObject::tr("%1 min").arg((s + 30) / 60);
    const qint64 minutes = (s + 30) / 60;
    return QObject::tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

QString phaseText(const std::string& phase)
{
    if (phase == "train")
        return QObject::tr("Training");
    if (phase == "reference")
        return QObject::tr("Scoring the pairs with the reference model");
    if (phase == "checkpoint")
        return QObject::tr("Writing a checkpoint");
    if (phase == "evaluate")
        return QObject::tr("Evaluating on the test split");
    if (phase == "mine")
        return QObject::tr("Mining hard negatives");
    if (phase == "evaluate base")
        return QObject::tr("Evaluating the base model (for the comparison)");
    if (phase == "score")
        return QObject::tr("Scoring the pairs with the trained model (for the queue)");
    return QString::fromStdString(phase);
}

} // namespace

TrainingPage::TrainingPage(QWidget* parent)
    : StudioPage(parent), m_form(new TrainingForm(this)), m_worker(new TrainingWorker(this)), m_runs(new RunTableModel(this))
{
    setObjectName("trainingPage");
    auto* formScroll = new QScrollArea(this);
    formScroll->setWidget(m_form);
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);
    formScroll->setMinimumWidth(m_form->sizeHint().width() + 24);
    m_start = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Start training"), this);
    m_start->setObjectName("startTraining");
    m_cancel = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), tr("Cancel"), this);
    m_cancel->setObjectName("cancelTraining");
    connect(m_start, &QPushButton::clicked, this, &TrainingPage::startTraining);
    connect(m_cancel, &QPushButton::clicked, this, &TrainingPage::cancelTraining);
    m_estimate = new QPushButton(tr("Estimate time"), this);
    m_estimate->setObjectName("estimateTime");
    m_estimate->setToolTip(tr("Times a few optimizer steps of this run on the chosen device (nothing is recorded) "
                              "and says how long the whole run will take"));
    connect(m_estimate, &QPushButton::clicked, this, &TrainingPage::estimateTime);
    m_estimateLabel = new QLabel(this);
    m_estimateLabel->setObjectName("estimateLabel");
    m_estimateLabel->setWordWrap(true);
    // A measured pace belongs to the settings it was measured with.
    connect(m_form, &TrainingForm::changed, m_estimateLabel, &QLabel::clear);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_estimate);
    buttons->addWidget(m_start, 1);
    buttons->addWidget(m_cancel);
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(formScroll, 1);
    leftLayout->addWidget(m_estimateLabel);
    leftLayout->addLayout(buttons);

    m_phase = new QLabel(tr("No run in progress."), this);
    m_phase->setObjectName("trainingPhase");
    QFont bold = m_phase->font();
    bold.setBold(true);
    m_phase->setFont(bold);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName("trainingProgress");
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_eta = new QLabel(this);
    m_eta->setObjectName("trainingEta");
    m_metrics = new QLabel(this);
    m_metrics->setObjectName("trainingMetrics");
    m_metrics->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_eta);
    m_charts = new TrainingCharts(this);

    m_runTable = new QTableView(this);
    m_runTable->setObjectName("runTable");
    m_runTable->setModel(m_runs);
    m_runTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_runTable->setAlternatingRowColors(true);
    m_runTable->verticalHeader()->hide();
    // The run's name takes what the other columns leave.
    m_runTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_runTable->horizontalHeader()->setSectionResizeMode(RunTableModel::Name, QHeaderView::Stretch);
    connect(m_runTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TrainingPage::selectionChanged);
    m_resume = new QPushButton(tr("Resume"), this);
    m_resume->setToolTip(tr("Go on with a cancelled run from its last checkpoint"));
    connect(m_resume, &QPushButton::clicked, this, [this] {
        const auto rows = m_runTable->selectionModel()->selectedRows();
        if (!rows.isEmpty())
            resumeRun(QString::fromStdString(m_runs->row(rows.front().row()).run.name));
    });
    m_compare = new QPushButton(tr("Compare with its base"), this);
    connect(m_compare, &QPushButton::clicked, this, [this] {
        const auto rows = m_runTable->selectionModel()->selectedRows();
        if (rows.isEmpty())
            return;
        const auto& run = m_runs->row(rows.front().row()).run;
        Q_EMIT compareRequested(QString::fromStdString(run.baseModel), QString::fromStdString(run.name));
    });
    auto* runButtons = new QHBoxLayout;
    runButtons->addWidget(new QLabel(tr("<b>Runs</b>"), this));
    runButtons->addStretch(1);
    runButtons->addWidget(m_resume);
    runButtons->addWidget(m_compare);

    auto* live = new QWidget(this);
    auto* liveLayout = new QVBoxLayout(live);
    liveLayout->setContentsMargins(0, 0, 0, 0);
    liveLayout->addWidget(m_phase);
    liveLayout->addLayout(progressRow);
    liveLayout->addWidget(m_metrics);
    liveLayout->addWidget(m_charts, 1);
    auto* runsPane = new QWidget(this);
    auto* runsLayout = new QVBoxLayout(runsPane);
    runsLayout->setContentsMargins(0, 0, 0, 0);
    runsLayout->addLayout(runButtons);
    runsLayout->addWidget(m_runTable, 1);
    auto* rightSplit = new QSplitter(Qt::Vertical, this);
    rightSplit->addWidget(live);
    rightSplit->addWidget(runsPane);
    rightSplit->setStretchFactor(0, 3);
    rightSplit->setStretchFactor(1, 2);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName("trainingSplitter");
    split->addWidget(left);
    split->addWidget(rightSplit);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_worker, &TrainingWorker::progress, this, &TrainingPage::onProgress);
    connect(m_worker, &TrainingWorker::finished, this, &TrainingPage::onFinished);
    updateButtons();
}

TrainingPage::~TrainingPage() = default;

QIcon TrainingPage::icon() const
{
    return style()->standardIcon(QStyle::SP_MediaPlay);
}

void TrainingPage::setDocument(ProjectDocument* document)
{
    if (m_worker->isRunning() && (!document || document->path() != m_runningProject))
        m_worker->cancel(); // the run belongs to the project that was open; it stops at its next step
    if (m_estimateTask && m_estimateTask->isRunning())
        m_estimateTask->cancel(); // its pace was of the other project's data
    m_estimateLabel->clear();
    StudioPage::setDocument(document);
    refresh();
}

void TrainingPage::activate()
{
    if (!m_worker->isRunning())
        refresh();
}

void TrainingPage::refresh()
{
    ProjectDocument* doc = document();
    if (!doc) {
        m_runs->clear();
        m_form->setModels({});
        updateButtons();
        return;
    }
    try {
        m_form->setModels(trainableModels(doc->store()));
        m_runs->reload(doc->store());
        if (m_runs->rowCount() > 0 && !m_worker->isRunning()) {
            // The latest run outside a sweep (as the Evaluation page compares), else the newest.
            const int latest = m_runs->findRun(latestRunAndBase(doc->store()).after);
            m_runTable->selectRow(std::max(0, latest));
        }
    } catch (...) {
        showError(this, tr("Could not read the project's runs."), currentExceptionMessage());
    }
    updateButtons();
}

bool TrainingPage::begin(const QString& what, const std::function<bool(const QString&)>& start)
{
    ProjectDocument* doc = document();
    if (!doc || m_worker->isRunning())
        return false;
    m_charts->clear();
    m_progress->setRange(0, 0); // busy until the first step
    m_phase->setText(what);
    m_eta->clear();
    m_metrics->clear();
    m_runningProject = doc->path();
    if (!start(doc->path())) {
        m_progress->setRange(0, 1000);
        m_phase->setText(tr("No run in progress."));
        return false;
    }
    updateButtons();
    return true;
}

std::optional<workflows::TrainingRequest> TrainingPage::formRequest()
{
    try {
        return m_form->request();
    } catch (...) {
        showError(this, tr("Check the training settings."), currentExceptionMessage());
        return std::nullopt;
    }
}

bool TrainingPage::startTraining()
{
    const auto request = formRequest();
    if (!request)
        return false;
    return begin(tr("Loading %1…").arg(QString::fromStdString(request->model)),
                 [this, &request](const QString& path) { return m_worker->start(path, *request); });
}

bool TrainingPage::estimateTime()
{
    ProjectDocument* doc = document();
    if (!doc || m_worker->isRunning() || (m_estimateTask && m_estimateTask->isRunning()))
        return false;
    const auto form = formRequest();
    if (!form)
        return false;
    const workflows::TrainingRequest& request = *form;
    delete m_estimateTask;
    m_estimateTask = new BackgroundTask(this);
    auto estimate = std::make_shared<workflows::TrainingEstimate>();
    m_estimateLabel->setText(tr("Measuring a few steps of %1…").arg(QString::fromStdString(request.model)));
    connect(m_estimateTask, &BackgroundTask::succeeded, this, [this, estimate] {
        const auto& e = *estimate;
        QString text = tr("On %1: %2 steps at %3 each").arg(QString::fromStdString(e.device)).arg(e.totalSteps)
                           .arg(formatSeconds(e.secondsPerStep));
        if (e.referenceSeconds > 0)
            text += tr(", reference scores %1").arg(formatSeconds(e.referenceSeconds));
        text += tr(" — about %1 in all").arg(formatSeconds(e.totalSeconds()));
        text += e.completed ? tr(" (measured whole).") : tr(", evaluations after each epoch on top.");
        m_estimateLabel->setText(text);
        updateButtons();
    });
    connect(m_estimateTask, &BackgroundTask::failed, this, [this](const QString& message) {
        m_estimateLabel->setText(tr("No estimate: %1").arg(message));
        updateButtons();
    });
    connect(m_estimateTask, &BackgroundTask::cancelled, this, [this] {
        m_estimateLabel->clear();
        updateButtons();
    });
    m_estimateTask->start([path = doc->path().toStdString(), request, estimate](TaskControl& control) {
        auto store = db::ProjectStore::open(path, db::ProjectStore::OpenMode::OpenExisting, false);
        workflows::TrainingRequest r = request;
        r.cancel = control.cancelFlag();
        *estimate = workflows::engine().estimateTraining(*store, r, 3);
    });
    updateButtons();
    return true;
}

QString TrainingPage::estimateText() const
{
    return m_estimateLabel->text();
}

void TrainingPage::waitForEstimate()
{
    if (m_estimateTask)
        m_estimateTask->waitForFinished();
}

bool TrainingPage::resumeRun(const QString& name)
{
    workflows::TrainingRequest request;
    request.resumeRun = name.toStdString();
    request.device = m_form->deviceBox()->currentData().toString().toStdString();
    // A resumed run keeps its own configuration (the registry has it), lengths included.
    try {
        if (ProjectDocument* doc = document()) {
            if (auto run = db::RunRegistry(doc->store()).find(request.resumeRun)) {
                const TrainingConfig config = TrainingConfig::parseRecorded(run->configJson, "run '" + run->name + "'");
                request.maxLengthJob = static_cast<std::size_t>(config.maxLengthJob);
                request.maxLengthCandidate = static_cast<std::size_t>(config.maxLengthCandidate);
            }
        }
    } catch (...) {
        showError(this, tr("Could not read the run's configuration."), currentExceptionMessage());
        return false;
    }
    return begin(tr("Resuming %1…").arg(name), [this, &request](const QString& path) { return m_worker->start(path, request); });
}

bool TrainingPage::startSweep(const workflows::SweepRequest& request)
{
    return begin(tr("Starting the sweep…"), [this, &request](const QString& path) { return m_worker->startSweep(path, request); });
}

void TrainingPage::cancelTraining()
{
    if (!m_worker->isRunning())
        return;
    m_worker->cancel();
    m_phase->setText(tr("Cancelling… (the run stops after the current step)"));
    updateButtons();
}

void TrainingPage::onProgress(const std::vector<TrainingProgress>& steps)
{
    m_charts->append(steps);
    const TrainingProgress& p = steps.back();
    if (m_worker->isCancelling())
        return;
    m_phase->setText(phaseText(p.phase));
    if (p.totalSteps > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(static_cast<int>(1000 * std::min<std::int64_t>(p.step, p.totalSteps) / p.totalSteps));
    } else {
        m_progress->setRange(0, 0);
    }
    if (p.phase == "train") {
        m_eta->setText(p.etaSeconds >= 0 ? tr("step %1 of %2 · %3 left").arg(p.step).arg(p.totalSteps).arg(clock(p.etaSeconds))
                                         : tr("step %1 of %2 · estimating…").arg(p.step).arg(p.totalSteps));
        QStringList parts;
        parts << tr("epoch %1 of %2").arg(p.epoch, 0, 'f', 2).arg(p.epochs);
        parts << tr("loss %1").arg(p.loss, 0, 'f', 4);
        for (const char* key : {"rewards/accuracies", "contrastive/accuracy"})
            if (auto it = p.metrics.find(key); it != p.metrics.end())
                parts << tr("accuracy %1").arg(it->second, 0, 'f', 3);
        if (auto it = p.metrics.find("learning_rate"); it != p.metrics.end())
            parts << tr("lr %1").arg(it->second, 0, 'g', 3);
        if (p.examplesPerSecond > 0)
            parts << tr("%1 examples/s").arg(p.examplesPerSecond, 0, 'f', 1);
        m_metrics->setText(parts.join(QStringLiteral("  ·  ")));
    } else if (p.totalSteps > 0) {
        m_eta->setText(tr("%1 of %2").arg(p.step).arg(p.totalSteps));
    } else {
        m_eta->clear();
    }
}

void TrainingPage::onFinished(const TrainingSummary& summary)
{
    m_progress->setRange(0, 1000);
    const bool sameProject = document() && document()->path() == m_runningProject;
    const QString runs = summary.runs.join(QStringLiteral(", "));
    if (sameProject)
        refresh(); // the run list (and the newest run's recorded curves)
    switch (summary.outcome) {
    case TrainingSummary::Outcome::Done:
        m_progress->setValue(1000);
        m_phase->setText(summary.sweep.isEmpty() ? tr("Run %1 finished.").arg(runs)
                                                 : tr("Sweep %1 finished: %2.").arg(summary.sweep, runs));
        m_eta->setText(summary.message);
        break;
    case TrainingSummary::Outcome::Cancelled:
        m_phase->setText(runs.isEmpty() ? tr("Cancelled.") : tr("Run %1 cancelled: resume it from the list.").arg(runs));
        m_eta->setText(summary.message);
        break;
    case TrainingSummary::Outcome::Failed:
        m_progress->setValue(0);
        m_phase->setText(tr("The run failed."));
        m_eta->clear();
        showError(this, tr("Training failed."), summary.message);
        break;
    }
    if (sameProject) {
        Q_EMIT runsChanged();
        if (summary.outcome == TrainingSummary::Outcome::Done && summary.sweep.isEmpty() && !summary.runs.isEmpty()) {
            if (summary.scoredPairs > 0) {
                document()->notifyDataChanged();
                document()->setScoreModel(summary.runs.front());
            }
            Q_EMIT compareRequested(summary.baseModel, summary.runs.front());
        }
    }
    updateButtons();
}

void TrainingPage::updateButtons()
{
    const bool running = m_worker->isRunning();
    m_progress->setVisible(running || m_progress->value() > 0);
    const bool estimating = m_estimateTask && m_estimateTask->isRunning();
    enableWithRight(m_start, !running && !estimating && document(), document(), db::TeamRight::Administer,
                    tr("training"));
    m_estimate->setEnabled(!running && !estimating && document());
    m_form->setEnabled(!running);
    m_cancel->setEnabled(running && !m_worker->isCancelling());
    selectionChanged();
}

void TrainingPage::selectionChanged()
{
    const auto rows = m_runTable->selectionModel()->selectedRows();
    const RunTableModel::Row* row = rows.isEmpty() ? nullptr : &m_runs->row(rows.front().row());
    enableWithRight(m_resume,
                    row && !m_worker->isRunning()
                        && (row->run.status == db::RunStatus::Cancelled || row->run.status == db::RunStatus::Failed),
                    document(), db::TeamRight::Administer, tr("training"));
    m_compare->setEnabled(row && row->run.status == db::RunStatus::Done);
    // Between runs, the chosen run's recorded curves.
    if (row && !m_worker->isRunning() && document()) {
        try {
            m_charts->showHistory(db::RunRegistry(document()->store()).metrics(row->run.id));
            m_phase->setText(tr("Run %1: %2, %3").arg(QString::fromStdString(row->run.name), methodName(row->run),
                                                     runStatusName(row->run.status)));
            m_eta->setText(QString::fromStdString(row->run.message));
        } catch (...) {
            showError(this, tr("Could not read the run's metrics."), currentExceptionMessage());
        }
    }
}

} // namespace rankpo::ui
