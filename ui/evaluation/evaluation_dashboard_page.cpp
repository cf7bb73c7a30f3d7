#include "ui/evaluation/evaluation_dashboard_page.h"

#include "db/project_store.h"
#include "ui/common/team_gate.h"
#include "ui/common/background_task.h"
#include "ui/common/chart_export.h"
#include "ui/common/error_dialog.h"
#include "ui/evaluation/metric_bars_chart.h"
#include "ui/document/project_document.h"
#include "ui/evaluation/sweep_chart.h"
#include "ui/training/sweep_dialog.h"
#include "ui/evaluation/tradeoff_chart.h"
#include "workflows/engine.h"
#include "workflows/evaluate_model.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include <memory>

namespace rankpo::ui {
namespace {

QString stageText(const std::string& stage)
{
    if (stage == workflows::kStageEmbedJobs)
        return QObject::tr("embedding the jobs");
    if (stage == workflows::kStageEmbedCandidates)
        return QObject::tr("embedding the candidates");
    if (stage == workflows::kStageRank)
        return QObject::tr("ranking");
    if (stage == workflows::kStageStore)
        return QObject::tr("storing");
    return QString::fromStdString(stage);
}

} // namespace

EvaluationDashboardPage::EvaluationDashboardPage(QWidget* parent)
    : StudioPage(parent), m_load(new BackgroundTask(this)), m_evaluation(new BackgroundTask(this))
{
    setObjectName("evaluationPage");
    m_before = new QComboBox(this);
    m_before->setObjectName("beforeModel");
    m_after = new QComboBox(this);
    m_after->setObjectName("afterModel");
    for (QComboBox* box : {m_before, m_after}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        box->setMinimumContentsLength(18);
        connect(box, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
            updateBars();
            updateButtons();
        });
    }
    m_evaluateBefore = new QPushButton(tr("Evaluate"), this);
    m_evaluateAfter = new QPushButton(tr("Evaluate"), this);
    m_evaluateBefore->setObjectName("evaluateBefore");
    m_evaluateAfter->setObjectName("evaluateAfter");
    connect(m_evaluateBefore, &QPushButton::clicked, this, [this] { evaluate(beforeModel()); });
    connect(m_evaluateAfter, &QPushButton::clicked, this, [this] { evaluate(afterModel()); });
    m_rankings = new QPushButton(tr("Compare rankings…"), this);
    m_rankings->setToolTip(tr("Each job's top 20 under the two models, side by side"));
    connect(m_rankings, &QPushButton::clicked, this, [this] { Q_EMIT rankingRequested(beforeModel(), afterModel()); });
    m_sweepButton = new QPushButton(tr("Run sweep…"), this);
    m_sweepButton->setObjectName("runSweep");
    connect(m_sweepButton, &QPushButton::clicked, this, &EvaluationDashboardPage::runSweepDialog);
    m_save = new QPushButton(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("Save chart"), this);
    auto* saveMenu = new QMenu(m_save);
    m_save->setMenu(saveMenu);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Before"), this));
    top->addWidget(m_before);
    top->addWidget(m_evaluateBefore);
    top->addSpacing(12);
    top->addWidget(new QLabel(tr("After"), this));
    top->addWidget(m_after);
    top->addWidget(m_evaluateAfter);
    top->addStretch(1);
    top->addWidget(m_rankings);
    top->addWidget(m_sweepButton);
    top->addWidget(m_save);

    m_status = new QLabel(this);
    m_status->setObjectName("dashboardStatus");
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(260);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, m_evaluation, &BackgroundTask::cancel);
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_progress);
    statusRow->addWidget(m_cancel);

    m_bars = new MetricBarsChart(this);
    m_sweep = new SweepChart(this);
    m_tradeoff = new TradeoffChart(this);
    const std::pair<QChartView*, QString> charts[] = {{m_bars, tr("Before/after bars")},
                                                      {m_sweep, tr("Learning-rate sweep")},
                                                      {m_tradeoff, tr("Alignment–nDCG trade-off")}};
    for (const auto& [view, name] : charts) {
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(view, &QWidget::customContextMenuRequested, this, [this, view = view](const QPoint& pos) { exportMenu(view, pos); });
        saveMenu->addAction(name + QStringLiteral("…"), this, [this, view = view] { exportMenu(view, {}); });
    }
    auto* grid = new QGridLayout;
    grid->addWidget(m_bars, 0, 0, 1, 2);
    grid->addWidget(m_sweep, 1, 0);
    grid->addWidget(m_tradeoff, 1, 1);
    grid->setRowStretch(0, 5);
    grid->setRowStretch(1, 4);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(statusRow);
    layout->addLayout(grid, 1);

    connect(m_evaluation, &BackgroundTask::progress, this, [this](qint64 done, qint64 total, const QString& status) {
        m_progress->setRange(0, total > 0 ? 1000 : 0);
        if (total > 0)
            m_progress->setValue(static_cast<int>(1000 * done / total));
        m_status->setText(status);
    });
    const auto evaluationOver = [this] {
        m_progress->hide();
        m_cancel->hide();
        updateButtons();
    };
    connect(m_evaluation, &BackgroundTask::succeeded, this, [this, evaluationOver] {
        evaluationOver();
        reload();
    });
    connect(m_evaluation, &BackgroundTask::cancelled, this, [this, evaluationOver] {
        evaluationOver();
        m_status->setText(tr("Evaluation cancelled."));
    });
    connect(m_evaluation, &BackgroundTask::failed, this, [this, evaluationOver](const QString& message) {
        evaluationOver();
        m_status->setText(tr("The evaluation failed."));
        showError(this, tr("Could not evaluate the model."), message);
    });
    updateButtons();
}

EvaluationDashboardPage::~EvaluationDashboardPage() = default;

QIcon EvaluationDashboardPage::icon() const
{
    return style()->standardIcon(QStyle::SP_FileDialogInfoView);
}

void EvaluationDashboardPage::setDocument(ProjectDocument* document)
{
    m_evaluation->cancel();
    StudioPage::setDocument(document);
    m_data = {};
    m_models.clear();
    m_dirty = true;
    fillModelBoxes();
    showData();
    if (document && isVisible())
        reload();
}

void EvaluationDashboardPage::activate()
{
    if (m_dirty)
        reload();
}

void EvaluationDashboardPage::setModels(const QString& before, const QString& after)
{
    m_wantBefore = before;
    m_wantAfter = after;
    reload();
}

QString EvaluationDashboardPage::beforeModel() const
{
    return m_before->currentData().toString();
}

QString EvaluationDashboardPage::afterModel() const
{
    return m_after->currentData().toString();
}

void EvaluationDashboardPage::reload()
{
    ProjectDocument* doc = document();
    if (!doc)
        return;
    m_dirty = false;
    try {
        m_models = evaluatedModels(doc->store());
    } catch (...) {
        showError(this, tr("Could not list the project's models."), currentExceptionMessage());
    }
    m_status->setText(tr("Reading the stored evaluations…"));
    auto data = std::make_shared<DashboardData>();
    const std::string path = doc->path().toStdString();
    m_load->disconnect(this);
    connect(m_load, &BackgroundTask::succeeded, this, [this, data] {
        m_data = std::move(*data);
        fillModelBoxes();
        showData();
    });
    connect(m_load, &BackgroundTask::failed, this, [this](const QString& message) {
        m_status->setText(tr("Could not read the evaluations."));
        showError(this, tr("Could not read the stored evaluations."), message);
    });
    m_load->start([path, data](TaskControl&) {
        auto store = db::ProjectStore::open(path, db::ProjectStore::OpenMode::OpenExisting, false);
        *data = loadDashboardData(*store);
    });
}

void EvaluationDashboardPage::waitForLoaded()
{
    m_load->waitForFinished();
    m_evaluation->waitForFinished();
    m_load->waitForFinished();
}

void EvaluationDashboardPage::fillModelBoxes()
{
    QString before = m_wantBefore.isEmpty() ? beforeModel() : m_wantBefore;
    QString after = m_wantAfter.isEmpty() ? afterModel() : m_wantAfter;
    if (!m_data.latest.empty() && before.isEmpty() && after.isEmpty()) {
        // First look: the latest training run against its base, else the first and last evaluated models.
        before = m_data.latest.front().model;
        after = m_data.latest.back().model;
        if (ProjectDocument* doc = document()) {
            try {
                const ModelPair latest = latestRunAndBase(doc->store());
                if (!latest.after.isEmpty()) {
                    before = latest.before;
                    after = latest.after;
                }
            } catch (...) {
                // Without the run registry the first look stays the evaluations' order.
            }
        }
    }
    QList<ModelChoice> models = m_models;
    for (const auto& e : m_data.latest) {
        bool known = false;
        for (const auto& m : models)
            known = known || m.name == e.model;
        if (!known)
            models << ModelChoice{e.model, e.model, QStringLiteral("evaluated"), e.method, {}};
    }
    for (QComboBox* box : {m_before, m_after}) {
        const QSignalBlocker block(box);
        box->clear();
        for (const auto& m : models) {
            const bool evaluated = m_data.find(m.name) != nullptr;
            box->addItem(evaluated ? m.label : tr("%1 (not evaluated)").arg(m.label), m.name);
        }
    }
    m_before->setCurrentIndex(std::max(0, m_before->findData(before)));
    m_after->setCurrentIndex(std::max(0, m_after->findData(after)));
    if (!m_data.latest.empty() || m_models.isEmpty()) {
        m_wantBefore.clear();
        m_wantAfter.clear();
    }
}

void EvaluationDashboardPage::showData()
{
    updateBars();
    m_sweep->setPoints(m_data.sweep);
    m_tradeoff->setEvaluations(m_data.latest);
    if (!document())
        m_status->setText(tr("No project open."));
    else if (m_data.latest.empty())
        m_status->setText(tr("No model has been evaluated in this project yet: choose one and press Evaluate, or train one."));
    else
        m_status->setText(tr("%n model(s) evaluated on the test split.", nullptr, static_cast<int>(m_data.latest.size())));
    updateButtons();
}

void EvaluationDashboardPage::updateBars()
{
    m_bars->setEvaluations(m_data.find(beforeModel()), m_data.find(afterModel()));
}

void EvaluationDashboardPage::updateButtons()
{
    const bool idle = document() && !m_evaluation->isRunning();
    const std::pair<QPushButton*, QString> buttons[] = {{m_evaluateBefore, beforeModel()}, {m_evaluateAfter, afterModel()}};
    for (const auto& [button, model] : buttons) {
        button->setText(m_data.find(model) ? tr("Evaluate again") : tr("Evaluate"));
        button->setToolTip(tr("Rank every candidate for each test job with %1 and measure it (on a worker)").arg(model));
        enableWithRight(button, idle && !model.isEmpty(), document(), db::TeamRight::Administer, tr("evaluating"));
    }
    m_rankings->setEnabled(document() && !beforeModel().isEmpty() && !afterModel().isEmpty());
    enableWithRight(m_sweepButton, document() != nullptr, document(), db::TeamRight::Administer, tr("sweeping"));
}

void EvaluationDashboardPage::evaluate(const QString& model)
{
    ProjectDocument* doc = document();
    if (!doc || model.isEmpty() || m_evaluation->isRunning())
        return;
    workflows::EvaluationOptions options;
    options.model = model.toStdString();
    // A fair comparison: the lengths the other model was evaluated at.
    const QString other = model == beforeModel() ? afterModel() : beforeModel();
    if (const EvaluationSummary* e = m_data.find(other)) {
        options.maxLengthJob = static_cast<std::size_t>(e->maxLengthJob);
        options.maxLengthCandidate = static_cast<std::size_t>(e->maxLengthCandidate);
    }
    const std::string path = doc->path().toStdString();
    m_status->setText(tr("Evaluating %1…").arg(model));
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancel->show();
    m_evaluation->start([path, options](TaskControl& control) mutable {
        auto store = db::ProjectStore::open(path, db::ProjectStore::OpenMode::OpenExisting, false);
        options.cancel = control.cancelFlag();
        options.progress = [&control](const std::string& stage, std::size_t done, std::size_t total) {
            control.setProgress(static_cast<std::int64_t>(done), static_cast<std::int64_t>(total));
            control.setStatus(QObject::tr("Evaluating: %1 (%2 of %3)").arg(stageText(stage)).arg(done).arg(total));
        };
        workflows::engine().evaluateModel(*store, options);
    });
    updateButtons();
}

void EvaluationDashboardPage::runSweepDialog()
{
    ProjectDocument* doc = document();
    if (!doc)
        return;
    QList<ModelChoice> models;
    try {
        models = trainableModels(doc->store());
    } catch (...) {
        showError(this, tr("Could not list the project's models."), currentExceptionMessage());
        return;
    }
    SweepDialog dialog(models, beforeModel(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    try {
        Q_EMIT sweepRequested(dialog.request());
    } catch (...) {
        showError(this, tr("Check the sweep's settings."), currentExceptionMessage());
    }
}

void EvaluationDashboardPage::exportMenu(QWidget* view, const QPoint& pos)
{
    auto* chartView = qobject_cast<QChartView*>(view);
    if (!chartView)
        return;
    ChartTable table;
    QString name;
    if (view == m_bars) {
        table = m_bars->table();
        name = QStringLiteral("before-after");
    } else if (view == m_sweep) {
        table = m_sweep->table();
        name = QStringLiteral("learning-rate-sweep");
    } else {
        table = m_tradeoff->table();
        name = QStringLiteral("alignment-ndcg-tradeoff");
    }
    if (pos.isNull()) {
        offerChartExport(this, chartView, table, name);
        return;
    }
    QMenu menu(this);
    menu.addAction(tr("Save as PNG, SVG or CSV…"), this, [this, chartView, table, name] { offerChartExport(this, chartView, table, name); });
    menu.exec(view->mapToGlobal(pos));
}

} // namespace rankpo::ui
