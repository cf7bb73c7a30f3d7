#pragma once

#include "ui/common/chart_export.h"
#include "ui/evaluation/dashboard_data.h"

#include <QChartView>

class QBarSeries;
class QLineSeries;

namespace rankpo::ui {

// Before/after: the ranking metrics and the alignment rates of two models' stored evaluations as
// grouped bars (one group per metric, one bar per model), with the 95% interval of each alignment
// rate as a whisker. A model without an evaluation shows no bars.
class MetricBarsChart : public QChartView {
    Q_OBJECT
public:
    explicit MetricBarsChart(QWidget* parent = nullptr);

    void setEvaluations(const EvaluationSummary* before, const EvaluationSummary* after);

    QBarSeries* barSeries() const { return m_series; }
    const QList<QLineSeries*>& whiskers() const { return m_whiskers; }
    ChartTable table() const { return m_table; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();

    std::optional<EvaluationSummary> m_before;
    std::optional<EvaluationSummary> m_after;
    QBarSeries* m_series = nullptr;
    QList<QLineSeries*> m_whiskers;
    ChartTable m_table;
};

} // namespace rankpo::ui
