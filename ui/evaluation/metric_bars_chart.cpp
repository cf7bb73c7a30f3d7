#include "ui/evaluation/metric_bars_chart.h"

#include "core/evaluation/metric_keys.h"
#include "ui/common/chart_style.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QEvent>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>

#include <cmath>

namespace rankpo::ui {
namespace {

// Bars of a two-set group: the group is kBarWidth wide, each set's bar half of it.
constexpr double kBarWidth = 0.8;

QString cell(const EvaluationSummary* e, const QString& key)
{
    return e && e->metrics.contains(key) ? QString::number(e->metrics.value(key), 'f', 6) : QString();
}

} // namespace

MetricBarsChart::MetricBarsChart(QWidget* parent) : QChartView(parent)
{
    setObjectName("metricBars");
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(260);
    rebuild();
}

void MetricBarsChart::setEvaluations(const EvaluationSummary* before, const EvaluationSummary* after)
{
    m_before = before ? std::optional<EvaluationSummary>(*before) : std::nullopt;
    m_after = after ? std::optional<EvaluationSummary>(*after) : std::nullopt;
    rebuild();
}

void MetricBarsChart::rebuild()
{
    auto* chart = new QChart;
    chart->setTitle(tr("Before and after: ranking metrics (rule labels) and alignment with preferences, test split"));
    const EvaluationSummary* models[2] = {m_before ? &*m_before : nullptr, m_after ? &*m_after : nullptr};
    // A metric only when either model has it: alignment with people needs human judgements, the ranking metrics
    // need rule labels (a project of one's own documents may have none); a missing figure is no bar at 0.
    QStringList keys;
    for (const QString& k : barMetricKeys())
        if ((models[0] && models[0]->metrics.contains(k)) || (models[1] && models[1]->metrics.contains(k)))
            keys << k;
    QStringList categories;
    for (const QString& k : keys)
        categories << barMetricLabel(k);

    m_series = new QBarSeries;
    m_series->setBarWidth(kBarWidth);
    m_whiskers.clear();
    for (const EvaluationSummary* e : models) {
        auto* set = new QBarSet(e ? e->model : tr("(no model)"));
        for (const QString& k : keys)
            *set << (e && e->metrics.contains(k) ? e->metrics.value(k) : 0.0);
        m_series->append(set);
    }
    m_series->setLabelsVisible(true);
    // At the base, inside the bar: the interval whiskers cross the bar's top, where a label would sit.
    m_series->setLabelsPosition(QAbstractBarSeries::LabelsInsideBase);
    m_series->setLabelsFormat(QStringLiteral("@value"));
    m_series->setLabelsPrecision(3);
    chart->addSeries(m_series);

    auto* x = new QBarCategoryAxis;
    x->append(categories);
    auto* y = new QValueAxis;
    // Room above 1 for an interval's upper cap; ticks at 0, 0.2, ..., 1.
    y->setRange(0, 1.1);
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(0);
    y->setTickInterval(0.2);
    y->setLabelFormat(QStringLiteral("%.1f"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    m_series->attachAxis(x);
    m_series->attachAxis(y);

    // Whiskers: a line over each alignment bar from the interval's lower to its upper end, with caps.
    // On a category axis the categories sit at 0, 1, 2, ...; set i's bar is centred a quarter of the
    // group's width left (i = 0) or right (i = 1) of it.
    styleChart(chart, palette());
    // The values above the bars, readable on the chart's background whatever the theme.
    for (QBarSet* set : m_series->barSets())
        set->setLabelColor(palette().color(QPalette::Text));
    QPen pen(palette().color(QPalette::Text));
    pen.setWidthF(1.5);
    for (int i = 0; i < 2; ++i) {
        const EvaluationSummary* e = models[i];
        if (!e)
            continue;
        for (int k = 0; k < keys.size(); ++k) {
            if (!e->intervals.contains(keys[k]))
                continue;
            const auto [lo, hi] = e->intervals.value(keys[k]);
            const double cx = k + (i == 0 ? -0.25 : 0.25) * kBarWidth;
            const double cap = 0.06 * kBarWidth;
            auto* w = new QLineSeries;
            w->setName(tr("95% interval"));
            w->append({{cx - cap, lo}, {cx + cap, lo}, {cx, lo}, {cx, hi}, {cx - cap, hi}, {cx + cap, hi}});
            chart->addSeries(w);
            w->attachAxis(x);
            w->attachAxis(y);
            w->setPen(pen);
            // One legend entry for all whiskers.
            const auto markers = chart->legend()->markers(w);
            for (QLegendMarker* m : markers)
                m->setVisible(m_whiskers.isEmpty());
            m_whiskers << w;
        }
    }

    m_table = {};
    m_table.header = {tr("metric"), models[0] ? models[0]->model : tr("before"), models[1] ? models[1]->model : tr("after"),
                      tr("before_ci_low"), tr("before_ci_high"), tr("after_ci_low"), tr("after_ci_high")};
    for (const QString& k : keys) {
        QStringList row{k, cell(models[0], k), cell(models[1], k)};
        for (const EvaluationSummary* e : models) {
            const bool has = e && e->intervals.contains(k);
            row << (has ? QString::number(e->intervals.value(k).first, 'f', 6) : QString())
                << (has ? QString::number(e->intervals.value(k).second, 'f', 6) : QString());
        }
        m_table.rows << row;
    }

    QChart* old = this->chart();
    setChart(chart);
    delete old;
}

void MetricBarsChart::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        rebuild();
    QChartView::changeEvent(event);
}

} // namespace rankpo::ui
