#include "ui/evaluation/sweep_chart.h"

#include "ui/common/chart_style.h"

#include <QChart>
#include <QEvent>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace rankpo::ui {

SweepChart::SweepChart(QWidget* parent) : QChartView(parent)
{
    setObjectName("sweepChart");
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    rebuild();
}

void SweepChart::setPoints(const std::vector<SweepPoint>& points, const QString& sweep)
{
    m_sweep = sweep;
    if (m_sweep.isEmpty() && !points.empty())
        m_sweep = points.back().sweep; // sweeps are named in order ("sweep-<n>") or by the user: the last listed
    m_points.clear();
    for (const auto& p : points)
        if (p.sweep == m_sweep)
            m_points.push_back(p);
    rebuild();
}

void SweepChart::rebuild()
{
    auto* chart = new QChart;
    chart->setTitle(m_sweep.isEmpty() ? tr("Learning-rate sweep: none yet (Run sweep… trains one)")
                                      : tr("Learning-rate sweep %1: test split").arg(m_sweep));
    auto* x = new QLogValueAxis;
    x->setBase(10);
    x->setLabelFormat(QStringLiteral("%.0e"));
    x->setTitleText(tr("learning rate"));
    auto* y = new QValueAxis;
    y->setRange(0, 1);
    y->setTickCount(6);
    y->setLabelFormat(QStringLiteral("%.1f"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    m_lines.clear();
    m_table = {};
    m_table.header = {tr("sweep"), tr("run"), tr("method"), tr("learning_rate"), tr("nDCG@20"), tr("alignment_ai")};
    double lo = 1e-6, hi = 1e-4;
    bool any = false;
    struct Line {
        const char* method;
        QString label;
        bool alignment;
    };
    const Line lines[] = {{"rankpo", tr("RankPO: alignment (AI)"), true},       {"rankpo", tr("RankPO: nDCG@20"), false},
                          {"simrankpo", tr("SimRankPO: alignment (AI)"), true}, {"simrankpo", tr("SimRankPO: nDCG@20"), false},
                          {"sft", tr("SFT: alignment (AI)"), true},             {"sft", tr("SFT: nDCG@20"), false}};
    // The methods often land on the same numbers: SFT's lines are drawn first and widest, RankPO's last and
    // thinnest, so that all stay visible where they coincide.
    const int drawOrder[] = {4, 5, 2, 3, 0, 1};
    styleChart(chart, palette());
    for (const int index : drawOrder) {
        const Line& line = lines[index];
        auto* series = new QLineSeries;
        series->setName(line.label);
        series->setPointsVisible(true);
        for (const auto& p : m_points) {
            const auto& v = line.alignment ? p.alignment : p.ndcg20;
            if (p.method != QLatin1String(line.method) || !v)
                continue;
            series->append(p.learningRate, *v);
            lo = any ? std::min(lo, p.learningRate) : p.learningRate;
            hi = any ? std::max(hi, p.learningRate) : p.learningRate;
            any = true;
        }
        if (series->count() == 0) {
            delete series;
            continue;
        }
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
        QPen pen = series->pen();
        const QLatin1String method(line.method);
        pen.setWidthF(method == QLatin1String("sft") ? 4.5 : method == QLatin1String("simrankpo") ? 3.2 : 2.0);
        if (!line.alignment)
            pen.setStyle(Qt::DashLine);
        series->setPen(pen);
        m_lines << series;
    }
    for (const auto& p : m_points)
        m_table.rows << QStringList{p.sweep, p.run, p.method, QString::number(p.learningRate, 'g', 6),
                                    p.ndcg20 ? QString::number(*p.ndcg20, 'f', 6) : QString(),
                                    p.alignment ? QString::number(*p.alignment, 'f', 6) : QString()};
    // Room on each side of the rates swept, so that the decades inside are labelled.
    x->setRange(lo / 2, hi * 2);
    QChart* old = this->chart();
    setChart(chart);
    delete old;
}

void SweepChart::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        rebuild();
    QChartView::changeEvent(event);
}

} // namespace rankpo::ui
