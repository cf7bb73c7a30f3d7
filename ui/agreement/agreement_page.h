#pragma once

#include "ui/agreement/agreement_calculator.h"
#include "ui/shell/studio_page.h"

#include <QHash>

class QChart;
class QChartView;
class QLabel;
class QPushButton;
class QTableWidget;

namespace rankpo::ui {

class BackgroundTask;
class StatCard;

// Human-AI agreement: agreement and Cohen's kappa, judgements per annotator, each annotator's and
// each AI judge's first-position rate (the order is randomised, so far from 50% is bias), the AI's
// swap consistency and calibration, and the queue of disagreements to resolve. Computed over the
// whole project on a worker (AgreementCalculator), again whenever judgements change.
class AgreementPage : public StudioPage {
    Q_OBJECT
public:
    explicit AgreementPage(QWidget* parent = nullptr);
    ~AgreementPage() override;

    QString title() const override { return tr("Agreement"); }
    QIcon icon() const override;
    void setDocument(ProjectDocument* document) override;
    void activate() override;

    void recompute();
    void waitForComputed(); // tests
    const AgreementSummary& summary() const { return m_summary; }

Q_SIGNALS:
    // Open this pair in the annotation page (with the disagreement filter).
    void resolveRequested(qint64 pair);

private:
    struct Labels {
        QHash<qint64, QString> jobs;
        QHash<qint64, QString> candidates;
    };
    void show(const AgreementSummary& summary, const Labels& labels);
    void fillFirstPositionChart();
    void fillCalibrationChart();
    void styleChart(QChart* chart);

    BackgroundTask* m_task;
    bool m_dirty = true;
    AgreementSummary m_summary;
    StatCard* m_agreement;
    StatCard* m_kappa;
    StatCard* m_team;
    StatCard* m_swap;
    StatCard* m_disagreementCount;
    QChartView* m_firstPosition;
    QChartView* m_calibration;
    QTableWidget* m_annotators;
    QTableWidget* m_disagreements;
    QLabel* m_status;
    QPushButton* m_resolve;
};

} // namespace rankpo::ui
