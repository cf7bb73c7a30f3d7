#include "ui/training/training_charts.h"

#include "core/losses/metric_names.h"
#include "ui/common/chart_style.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace rankpo::ui {
namespace {

QChartView* makeView(QWidget* parent, const QString& title, QValueAxis*& x, QValueAxis*& y)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    x = new QValueAxis;
    x->setTitleText(QObject::tr("optimizer step"));
    x->setLabelFormat(QStringLiteral("%d"));
    x->setRange(0, 1);
    y = new QValueAxis;
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    auto* view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(180);
    return view;
}

void attach(QChart* chart, QAbstractSeries* series, QValueAxis* x, QValueAxis* y)
{
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
}

// Which accuracy a method logs: stage 2's reward accuracy, or stage 1's positive-first rate.
std::optional<double> accuracyOf(const TrainingProgress& p)
{
    for (const char* name : {metric::RewardsAccuracies, metric::ContrastiveAccuracy}) {
        if (auto it = p.metrics.find(name); it != p.metrics.end() && std::isfinite(it->second))
            return it->second;
    }
    return std::nullopt;
}

// The margin around a value range: a flat or single-point curve still gets a readable span (5% of its
// size), not a 0.001-wide axis whose labels all read the same number.
double paddingOf(double lo, double hi)
{
    return std::max({(hi - lo) * 0.08, 0.05 * std::max(std::abs(lo), std::abs(hi)), 1e-3});
}

} // namespace

TrainingCharts::TrainingCharts(QWidget* parent) : QWidget(parent)
{
    m_lossView = makeView(this, tr("Training loss"), m_lossX, m_lossY);
    m_lossView->setObjectName("lossChart");
    m_accuracyView = makeView(this, tr("Reward accuracy"), m_accuracyX, m_accuracyY);
    m_accuracyView->setObjectName("accuracyChart");
    m_loss = new QLineSeries;
    m_loss->setName(tr("loss"));
    attach(m_lossView->chart(), m_loss, m_lossX, m_lossY);
    m_accuracy = new QLineSeries;
    m_accuracy->setName(tr("training batches"));
    attach(m_accuracyView->chart(), m_accuracy, m_accuracyX, m_accuracyY);
    m_evaluation = new QScatterSeries;
    m_evaluation->setName(tr("test alignment (AI), per epoch"));
    m_evaluation->setMarkerSize(10);
    attach(m_accuracyView->chart(), m_evaluation, m_accuracyX, m_accuracyY);
    m_accuracyY->setRange(0, 1);
    m_accuracyY->setTitleText(tr("share of pairs"));
    m_lossY->setTitleText(tr("loss"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_lossView);
    layout->addWidget(m_accuracyView);
    restyle();
    clear();
}

void TrainingCharts::clear()
{
    m_loss->clear();
    m_accuracy->clear();
    m_evaluation->clear();
    m_marginMode = false;
    m_accuracyView->chart()->setTitle(tr("Reward accuracy"));
    m_accuracyY->setTitleText(tr("share of pairs"));
    m_lastStep = 0;
    m_minLoss = m_maxLoss = 0;
    fitAxes();
}

void TrainingCharts::append(const std::vector<TrainingProgress>& reports)
{
    QList<QPointF> loss, accuracy, evaluation;
    for (const TrainingProgress& p : reports) {
        const double step = static_cast<double>(p.step);
        if (p.phase == "train" && m_accuracy->count() == 0 && accuracy.isEmpty() && !m_marginMode && !accuracyOf(p)
            && p.metrics.count(metric::ScoresMargins)) {
            // SFT logs no reward accuracy: its chart shows the score margin of chosen over rejected instead.
            m_marginMode = true;
            m_accuracyView->chart()->setTitle(tr("Score margin (chosen − rejected)"));
            m_accuracyY->setTitleText(tr("cosine difference"));
        }
        if (p.phase == "train") {
            if (std::isfinite(p.loss)) {
                loss << QPointF(step, p.loss);
                if (m_loss->count() == 0 && loss.size() == 1)
                    m_minLoss = m_maxLoss = p.loss;
                m_minLoss = std::min(m_minLoss, p.loss);
                m_maxLoss = std::max(m_maxLoss, p.loss);
            }
            if (const auto a = m_marginMode ? std::optional<double>(p.metrics.count(metric::ScoresMargins)
                                                                        ? p.metrics.at(metric::ScoresMargins)
                                                                        : std::nan(""))
                                            : accuracyOf(p);
                a && std::isfinite(*a)) {
                accuracy << QPointF(step, *a);
                m_minAccuracy = m_accuracy->count() == 0 && accuracy.size() == 1 ? *a : std::min(m_minAccuracy, *a);
                m_maxAccuracy = m_accuracy->count() == 0 && accuracy.size() == 1 ? *a : std::max(m_maxAccuracy, *a);
            }
            m_lastStep = std::max(m_lastStep, step);
        } else if (p.phase == "evaluate") {
            if (auto it = p.metrics.find("eval/alignment_ai"); it != p.metrics.end() && std::isfinite(it->second))
                evaluation << QPointF(step, it->second);
        }
    }
    // One append per series and batch: a redraw per batch, not per point.
    if (!loss.isEmpty())
        m_loss->append(loss);
    if (!accuracy.isEmpty())
        m_accuracy->append(accuracy);
    if (!evaluation.isEmpty())
        m_evaluation->append(evaluation);
    fitAxes();
}

std::vector<TrainingProgress> TrainingCharts::reportsOf(const std::vector<db::MetricPoint>& points)
{
    // The registry keeps one row per (step, metric): the training step's metrics, "eval/<name>" after an
    // epoch, "final/<name>" after the run. Grouped back into the reports the trainer made.
    std::map<std::int64_t, TrainingProgress> train, evaluate;
    for (const auto& m : points) {
        const bool evaluation = m.name.rfind("eval/", 0) == 0;
        if (m.name.rfind("final/", 0) == 0)
            continue;
        TrainingProgress& p = (evaluation ? evaluate : train)[m.step];
        p.phase = evaluation ? "evaluate" : "train";
        p.step = m.step;
        p.epoch = m.epoch;
        p.metrics[m.name] = m.value;
        if (m.name == "loss")
            p.loss = m.value;
    }
    std::vector<TrainingProgress> out;
    for (auto& [step, p] : train) {
        if (p.metrics.count("loss") == 0)
            p.loss = std::nan("");
        out.push_back(std::move(p));
    }
    for (auto& [step, p] : evaluate)
        out.push_back(std::move(p));
    return out;
}

void TrainingCharts::showHistory(const std::vector<db::MetricPoint>& points)
{
    clear();
    append(reportsOf(points));
}

void TrainingCharts::fitAxes()
{
    // A series of one point draws no line: its marker shows it, until a second point makes the curve.
    m_loss->setPointsVisible(m_loss->count() < 2);
    m_accuracy->setPointsVisible(m_accuracy->count() < 2);
    const double maxStep = std::max(1.0, m_lastStep);
    m_lossX->setRange(0, maxStep);
    if (m_marginMode && m_accuracy->count() > 0) {
        m_accuracyY->setRange(m_minAccuracy - paddingOf(m_minAccuracy, m_maxAccuracy),
                              m_maxAccuracy + paddingOf(m_minAccuracy, m_maxAccuracy));
    } else {
        m_accuracyY->setRange(0, 1);
    }
    if (m_loss->count() > 0) {
        const double pad = paddingOf(m_minLoss, m_maxLoss);
        m_lossY->setRange(std::max(0.0, m_minLoss - pad), m_maxLoss + pad);
    } else {
        m_lossY->setRange(0, 1);
    }
    if (maxStep <= 5) {
        // Few steps: one tick per step, so the integer labels read 0 1 2 (not "0 0 0 0 0 1" for 0..1).
        m_lossX->setTickCount(static_cast<int>(std::ceil(maxStep)) + 1);
        m_lossX->setRange(0, std::ceil(maxStep));
    } else {
        // Round step numbers on the axis (0, 5, 10, ... rather than 0, 5.8, 11.6, ...).
        m_lossX->applyNiceNumbers();
    }
    m_accuracyX->setRange(m_lossX->min(), m_lossX->max());
    m_accuracyX->setTickCount(m_lossX->tickCount());
}

void TrainingCharts::restyle()
{
    styleChart(m_lossView->chart(), palette());
    styleChart(m_accuracyView->chart(), palette());
}

void TrainingCharts::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        restyle();
    QWidget::changeEvent(event);
}

} // namespace rankpo::ui
