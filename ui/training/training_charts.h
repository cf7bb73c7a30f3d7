#pragma once

#include "core/training/training_progress.h"
#include "db/run_registry.h"

#include <QWidget>

#include <vector>

class QChartView;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace rankpo::ui {

// The live curves of a training run: the loss and the reward accuracy (share of pairs whose chosen
// candidate the model scores above the rejected one; stage 1: the positive above the negatives; SFT,
// which logs no accuracy: the mean score margin) by optimizer step, and the evaluation after each
// epoch (alignment with AI preferences on the test split) on the accuracy chart. Fed batches of the
// trainer's reports as they arrive.
class TrainingCharts : public QWidget {
    Q_OBJECT
public:
    explicit TrainingCharts(QWidget* parent = nullptr);

    void clear();
    void append(const std::vector<TrainingProgress>& reports);
    // A recorded run's curves (the run registry's per-step metrics), in place of the live ones.
    void showHistory(const std::vector<db::MetricPoint>& points);
    // What a recorded run logged at each step, as the trainer reported it.
    static std::vector<TrainingProgress> reportsOf(const std::vector<db::MetricPoint>& points);

    QLineSeries* lossSeries() const { return m_loss; }
    QLineSeries* accuracySeries() const { return m_accuracy; }
    QScatterSeries* evaluationSeries() const { return m_evaluation; }
    QChartView* lossView() const { return m_lossView; }
    QChartView* accuracyView() const { return m_accuracyView; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void restyle();
    void fitAxes();

    QChartView* m_lossView;
    QChartView* m_accuracyView;
    QLineSeries* m_loss;
    QLineSeries* m_accuracy;
    QScatterSeries* m_evaluation;
    QValueAxis* m_lossX;
    QValueAxis* m_lossY;
    QValueAxis* m_accuracyX;
    QValueAxis* m_accuracyY;
    double m_lastStep = 0;
    double m_minLoss = 0;
    double m_maxLoss = 0;
    bool m_marginMode = false; // SFT: the score margin in place of the reward accuracy
    double m_minAccuracy = 0;
    double m_maxAccuracy = 0;
};

} // namespace rankpo::ui
