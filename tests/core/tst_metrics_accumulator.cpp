#include "core/losses/metric_names.h"
#include "core/training/metrics_accumulator.h"
#include "core/util/error.h"

#include <QtTest>

using namespace rankpo;

class TestMetricsAccumulator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void averagesOverMicroBatchesAndSteps()
    {
        MetricsAccumulator acc;
        QVERIFY(acc.empty());
        // two optimizer steps of two micro-batches each, logged together (logging_steps 2)
        acc.add({{metric::RankPOLoss, 1.0}, {metric::RewardsAccuracies, 0.5}});
        acc.add({{metric::RankPOLoss, 2.0}, {metric::RewardsAccuracies, 1.0}});
        acc.add({{metric::RankPOLoss, 3.0}, {metric::RewardsAccuracies, 0.0}});
        acc.add({{metric::RankPOLoss, 6.0}, {metric::RewardsAccuracies, 0.5}});
        acc.setLatest("learning_rate", 2e-6);
        acc.setLatest("learning_rate", 3e-6);
        QCOMPARE(acc.count(metric::RankPOLoss), std::int64_t(4));
        const auto logged = acc.flush();
        QCOMPARE(logged.size(), std::size_t(3));
        QCOMPARE(logged.at(metric::RankPOLoss), 3.0);
        QCOMPARE(logged.at(metric::RewardsAccuracies), 0.5);
        QCOMPARE(logged.at("learning_rate"), 3e-6);
        QVERIFY(acc.empty());
        QVERIFY(acc.flush().empty());
    }

    // A term reported by some micro-batches only is averaged over those (upstream's per-key lists).
    void keysAveragedOverTheirOwnCount()
    {
        MetricsAccumulator acc;
        acc.add(metric::SftLoss, 4.0);
        acc.add({{metric::RankPOLoss, 1.0}});
        acc.add(metric::SftLoss, 2.0);
        const auto logged = acc.flush();
        QCOMPARE(logged.at(metric::SftLoss), 3.0);
        QCOMPARE(logged.at(metric::RankPOLoss), 1.0);
    }

    void meanAndLatestDoNotMix()
    {
        MetricsAccumulator acc;
        acc.add("loss", 1.0);
        QVERIFY_THROWS_EXCEPTION(Error, acc.setLatest("loss", 2.0));
        acc.setLatest("grad_norm", 1.0);
        QVERIFY_THROWS_EXCEPTION(Error, acc.add("grad_norm", 2.0));
    }
};

QTEST_GUILESS_MAIN(TestMetricsAccumulator)
#include "tst_metrics_accumulator.moc"
