#pragma once

#include "ui/common/chart_export.h"
#include "ui/evaluation/dashboard_data.h"

#include <QChartView>

class QScatterSeries;

namespace rankpo::ui {

// The trade-off the paper plots: each evaluated model as a point, its alignment with AI preferences
// against its nDCG@20 on the rule labels (test split), grouped by how it was trained (RankPO, SFT,
// stage 1, pretrained or other). Hovering a point names the model.
class TradeoffChart : public QChartView {
    Q_OBJECT
public:
    explicit TradeoffChart(QWidget* parent = nullptr);

    void setEvaluations(const std::vector<EvaluationSummary>& evaluations);
    QList<QScatterSeries*> groups() const { return m_groups; }
    ChartTable table() const { return m_table; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();

    std::vector<EvaluationSummary> m_evaluations;
    QList<QScatterSeries*> m_groups;
    ChartTable m_table;
};

} // namespace rankpo::ui
