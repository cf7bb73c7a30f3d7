// The training page's live charts: known reports in, the series' points out.
#include "ui/training/training_charts.h"

#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <QtTest>

using namespace rankpo;
using namespace rankpo::ui;

namespace {

TrainingProgress step(std::int64_t n, double loss, std::map<std::string, double> metrics, const char* phase = "train")
{
    TrainingProgress p;
    p.phase = phase;
    p.step = n;
    p.totalSteps = 10;
    p.loss = loss;
    p.metrics = std::move(metrics);
    return p;
}

} // namespace

class TestTrainingCharts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void seriesHoldTheReportedNumbers()
    {
        TrainingCharts charts;
        charts.append({step(1, 0.69, {{"rewards/accuracies", 0.5}}), step(2, 0.61, {{"rewards/accuracies", 0.625}})});
        charts.append({step(3, 0.52, {{"rewards/accuracies", 0.75}, {"learning_rate", 1e-5}}),
                       step(3, 0.0, {{"eval/alignment_ai", 0.8125}}, "evaluate"),
                       step(3, 0.0, {}, "checkpoint")});
        const QList<QPointF> loss = charts.lossSeries()->points();
        QCOMPARE(loss, (QList<QPointF>{{1, 0.69}, {2, 0.61}, {3, 0.52}}));
        QCOMPARE(charts.accuracySeries()->points(), (QList<QPointF>{{1, 0.5}, {2, 0.625}, {3, 0.75}}));
        QCOMPARE(charts.evaluationSeries()->points(), (QList<QPointF>{{3, 0.8125}}));
        // The axes follow the data: steps 0..3, the loss range inside the axis.
        auto* x = qobject_cast<QValueAxis*>(charts.lossSeries()->attachedAxes().value(0));
        auto* y = qobject_cast<QValueAxis*>(charts.lossSeries()->attachedAxes().value(1));
        QVERIFY(x && y);
        QCOMPARE(x->max(), 3.0);
        QVERIFY(y->min() <= 0.52 && y->max() >= 0.69);
    }

    void sftShowsTheScoreMargin()
    {
        TrainingCharts charts;
        charts.append({step(1, 0.7, {{"sft_loss", 0.7}, {"scores/margins", -0.02}}),
                       step(2, 0.6, {{"sft_loss", 0.6}, {"scores/margins", 0.05}})});
        QCOMPARE(charts.accuracySeries()->points(), (QList<QPointF>{{1, -0.02}, {2, 0.05}}));
        QVERIFY(charts.accuracyView()->chart()->title().contains(QStringLiteral("margin")));
        auto* y = qobject_cast<QValueAxis*>(charts.accuracySeries()->attachedAxes().value(1));
        QVERIFY(y->min() <= -0.02 && y->max() >= 0.05 && y->max() < 0.5);
        charts.clear(); // the next run may be RankPO again
        QVERIFY(charts.accuracyView()->chart()->title().contains(QStringLiteral("accuracy")));
    }

    void onePointShowsThePointAndReadableAxes()
    {
        TrainingCharts charts;
        charts.append({step(1, 0.69, {{"rewards/accuracies", 0.5}})});
        QVERIFY(charts.lossSeries()->pointsVisible()); // a lone point has no line to draw
        auto* x = qobject_cast<QValueAxis*>(charts.lossSeries()->attachedAxes().value(0));
        auto* y = qobject_cast<QValueAxis*>(charts.lossSeries()->attachedAxes().value(1));
        // Steps 0..1 with a tick per step: labels "0 1", not "0 0 0 0 0 1".
        QCOMPARE(x->min(), 0.0);
        QCOMPARE(x->max(), 1.0);
        QCOMPARE(x->tickCount(), 2);
        // The loss axis spans a readable range around the value (not 0.689..0.691).
        QVERIFY(y->min() < 0.69 && y->max() > 0.69);
        QVERIFY(y->max() - y->min() >= 0.05);
        charts.append({step(2, 0.61, {{"rewards/accuracies", 0.625}}), step(3, 0.5, {})});
        QVERIFY(!charts.lossSeries()->pointsVisible());
        QCOMPARE(x->tickCount(), 4);
        charts.append({step(40, 0.3, {})});
        QVERIFY(x->max() >= 40.0);
        QVERIFY(x->tickCount() <= 11);
    }

    void stageOneAccuracyAndClear()
    {
        TrainingCharts charts;
        charts.append({step(1, 2.3, {{"contrastive/accuracy", 0.25}}), step(2, 1.9, {{"contrastive/accuracy", 0.5}})});
        QCOMPARE(charts.accuracySeries()->points(), (QList<QPointF>{{1, 0.25}, {2, 0.5}}));
        charts.clear();
        QCOMPARE(charts.lossSeries()->count(), 0);
        QCOMPARE(charts.accuracySeries()->count(), 0);
        charts.append({step(1, std::nan(""), {{"rewards/accuracies", 1.0}})}); // a NaN loss is not drawn
        QCOMPARE(charts.lossSeries()->count(), 0);
        QCOMPARE(charts.accuracySeries()->count(), 1);
    }
};

QTEST_MAIN(TestTrainingCharts)
#include "tst_training_charts.moc"
