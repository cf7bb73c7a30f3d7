#pragma once

#include "ui/evaluation/dashboard_data.h"
#include "ui/common/model_choices.h"
#include "ui/shell/studio_page.h"
#include "workflows/training_workflow.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace rankpo::ui {

class BackgroundTask;
class MetricBarsChart;
class SweepChart;
class TradeoffChart;

// The evaluation dashboard: two models' stored evaluations before/after as grouped bars (nDCG@k,
// MRR, Recall, alignment with AI and with people, with intervals), the learning-rate sweep and the
// alignment-nDCG trade-off of every evaluated model. A model without an evaluation is evaluated on
// a worker ("Evaluate"); "Run sweep…" asks for a sweep that the training page runs. Each chart saves
// as PNG, SVG or CSV (its context menu, or "Save chart").
class EvaluationDashboardPage : public StudioPage {
    Q_OBJECT
public:
    explicit EvaluationDashboardPage(QWidget* parent = nullptr);
    ~EvaluationDashboardPage() override;

    QString title() const override { return tr("Evaluation"); }
    QIcon icon() const override;
    void setDocument(ProjectDocument* document) override;
    void activate() override;

    // Chooses the two models (and reloads the stored evaluations).
    void setModels(const QString& before, const QString& after);
    QString beforeModel() const;
    QString afterModel() const;
    // Reads the stored evaluations and sweeps again, on a worker.
    void reload();
    void waitForLoaded(); // tests
    // Evaluates a model on the test split on a worker; the charts update when it is stored.
    void evaluate(const QString& model);

    const DashboardData& data() const { return m_data; }
    MetricBarsChart* barsChart() const { return m_bars; }
    SweepChart* sweepChart() const { return m_sweep; }
    TradeoffChart* tradeoffChart() const { return m_tradeoff; }

Q_SIGNALS:
    void sweepRequested(const rankpo::workflows::SweepRequest& request);
    void rankingRequested(const QString& before, const QString& after);

private:
    void fillModelBoxes();
    void showData();
    void updateBars();
    void updateButtons();
    void runSweepDialog();
    void exportMenu(QWidget* view, const QPoint& pos);

    BackgroundTask* m_load;
    BackgroundTask* m_evaluation;
    bool m_dirty = true;
    DashboardData m_data;
    QList<ModelChoice> m_models;
    QString m_wantBefore;
    QString m_wantAfter;
    QComboBox* m_before;
    QComboBox* m_after;
    QPushButton* m_evaluateBefore;
    QPushButton* m_evaluateAfter;
    QPushButton* m_rankings;
    QPushButton* m_sweepButton;
    QPushButton* m_save;
    QLabel* m_status;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    MetricBarsChart* m_bars;
    SweepChart* m_sweep;
    TradeoffChart* m_tradeoff;
};

} // namespace rankpo::ui
