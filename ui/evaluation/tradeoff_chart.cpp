#include "ui/evaluation/tradeoff_chart.h"

#include "core/evaluation/metric_keys.h"
#include "ui/common/chart_style.h"

#include <QChart>
#include <QEvent>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace rankpo::ui {

TradeoffChart::TradeoffChart(QWidget* parent) : QChartView(parent)
{
    setObjectName("tradeoffChart");
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    rebuild();
}

void TradeoffChart::setEvaluations(const std::vector<EvaluationSummary>& evaluations)
{
    m_evaluations = evaluations;
    rebuild();
}

void TradeoffChart::rebuild()
{
    auto* chart = new QChart;
    chart->setTitle(tr("Trade-off: alignment with AI preferences vs. nDCG@20 (test split)"));
    auto* x = new QValueAxis;
    x->setTitleText(tr("nDCG@20 (rule labels)"));
    x->setLabelFormat(QStringLiteral("%.2f"));
    auto* y = new QValueAxis;
    y->setTitleText(tr("alignment (AI)"));
    y->setLabelFormat(QStringLiteral("%.2f"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    styleChart(chart, palette());
    m_groups.clear();
    m_table = {};
    m_table.header = {tr("model"), tr("method"), tr("nDCG@20"), tr("alignment_ai")};
    struct Group {
        QString method;
        QString label;
    };
    const Group groups[] = {{QStringLiteral("rankpo"), tr("RankPO")},
                            {QStringLiteral("simrankpo"), tr("SimRankPO")},
                            {QStringLiteral("sft"), tr("SFT")},
                            {QStringLiteral("contrastive"), tr("stage 1")},
                            {QString(), tr("pretrained / other")}};
    double xMin = 1, xMax = 0, yMin = 1, yMax = 0;
    for (const Group& g : groups) {
        auto* series = new QScatterSeries;
        series->setName(g.label);
        series->setMarkerSize(11);
        QStringList names;
        for (const auto& e : m_evaluations) {
            const bool known = e.method == QLatin1String("rankpo") || e.method == QLatin1String("simrankpo")
                               || e.method == QLatin1String("sft") || e.method == QLatin1String("contrastive");
            if ((g.method.isEmpty() ? known : e.method != g.method) || !e.metrics.contains(QLatin1String(metric_keys::NDCG20))
                || !e.metrics.contains(QLatin1String(metric_keys::AlignmentAi)))
                continue;
            const double nx = e.metrics.value(QLatin1String(metric_keys::NDCG20));
            const double ny = e.metrics.value(QLatin1String(metric_keys::AlignmentAi));
            series->append(nx, ny);
            names << e.model;
            xMin = std::min(xMin, nx);
            xMax = std::max(xMax, nx);
            yMin = std::min(yMin, ny);
            yMax = std::max(yMax, ny);
            m_table.rows << QStringList{e.model, e.method, QString::number(nx, 'f', 6), QString::number(ny, 'f', 6)};
        }
        if (series->count() == 0) {
            delete series;
            continue;
        }
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
        connect(series, &QScatterSeries::hovered, this, [this, series, names](const QPointF& point, bool state) {
            if (!state) {
                QToolTip::hideText();
                return;
            }
            for (int i = 0; i < series->count() && i < names.size(); ++i) {
                if (series->at(i) == point) {
                    QToolTip::showText(QCursor::pos(), tr("%1\nnDCG@20 %2, alignment %3")
                                                           .arg(names[i])
                                                           .arg(point.x(), 0, 'f', 3)
                                                           .arg(point.y(), 0, 'f', 3),
                                       this);
                    return;
                }
            }
        });
        m_groups << series;
    }
    if (xMax < xMin) {
        x->setRange(0, 1);
        y->setRange(0, 1);
    } else {
        // Some room around the points, within [0, 1].
        const double dx = std::max(0.02, (xMax - xMin) * 0.15), dy = std::max(0.02, (yMax - yMin) * 0.15);
        x->setRange(std::max(0.0, xMin - dx), std::min(1.0, xMax + dx));
        y->setRange(std::max(0.0, yMin - dy), std::min(1.0, yMax + dy));
        x->applyNiceNumbers();
        y->applyNiceNumbers();
    }
    QChart* old = this->chart();
    setChart(chart);
    delete old;
}

void TradeoffChart::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        rebuild();
    QChartView::changeEvent(event);
}

} // namespace rankpo::ui
