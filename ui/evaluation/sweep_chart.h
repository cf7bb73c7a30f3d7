#pragma once

#include "ui/common/chart_export.h"
#include "ui/evaluation/dashboard_data.h"

#include <QChartView>

class QLineSeries;

namespace rankpo::ui {

// The learning-rate sweep (the paper's Figure 3 for this project's data): alignment with AI
// preferences and nDCG@20 on the test split against the learning rate (log scale), one line per
// method and metric, from the runs of one sweep.
class SweepChart : public QChartView {
    Q_OBJECT
public:
    explicit SweepChart(QWidget* parent = nullptr);

    // The points of `sweep` (empty: the latest sweep among the points).
    void setPoints(const std::vector<SweepPoint>& points, const QString& sweep = {});
    QString sweep() const { return m_sweep; }
    QList<QLineSeries*> lines() const { return m_lines; }
    ChartTable table() const { return m_table; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();

    std::vector<SweepPoint> m_points;
    QString m_sweep;
    QList<QLineSeries*> m_lines;
    ChartTable m_table;
};

} // namespace rankpo::ui
