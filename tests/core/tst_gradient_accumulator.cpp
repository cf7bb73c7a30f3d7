#include "core/training/gradient_accumulator.h"
#include "core/util/error.h"

#include <QtTest>

using namespace rankpo;

class TestGradientAccumulator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // 10 micro-batches, windows of 4: steps after 3, 7 and (the tail of 2) 9; scales 1/4, 1/4, 1/2.
    void windowsAndTail()
    {
        GradientAccumulator acc(4, 10);
        QCOMPARE(acc.optimizerStepsPerEpoch(), std::int64_t(3));
        QList<int> stepsAfter;
        QList<double> scales;
        for (int i = 0; i < 10; ++i) {
            const auto mb = acc.next();
            QCOMPARE(mb.epoch, std::int64_t(0));
            QCOMPARE(mb.indexInEpoch, std::int64_t(i));
            scales << mb.lossScale;
            if (mb.stepAfter)
                stepsAfter << i;
        }
        QCOMPARE(stepsAfter, QList<int>({3, 7, 9}));
        QCOMPARE(scales, QList<double>({0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.5, 0.5}));
        QCOMPARE(acc.completedOptimizerSteps(), std::int64_t(3));
        // the next epoch starts a fresh window
        const auto first = acc.next();
        QCOMPARE(first.epoch, std::int64_t(1));
        QCOMPARE(first.indexInEpoch, std::int64_t(0));
        QCOMPARE(first.lossScale, 0.25);
        QVERIFY(!first.stepAfter);
    }

    void noAccumulationStepsEveryBatch()
    {
        GradientAccumulator acc(1, 3);
        for (int i = 0; i < 6; ++i) {
            const auto mb = acc.next();
            QVERIFY(mb.stepAfter);
            QCOMPARE(mb.lossScale, 1.0);
        }
        QCOMPARE(acc.completedOptimizerSteps(), std::int64_t(6));
    }

    void windowLargerThanEpoch()
    {
        GradientAccumulator acc(8, 3);
        QCOMPARE(acc.optimizerStepsPerEpoch(), std::int64_t(1));
        QVERIFY(!acc.next().stepAfter);
        QVERIFY(!acc.next().stepAfter);
        const auto last = acc.next();
        QVERIFY(last.stepAfter);
        QCOMPARE(last.lossScale, 1.0 / 3.0);
    }

    // The scaled losses of one window add up to its mean: the scales sum to 1 in every window.
    void scalesSumToOnePerWindow()
    {
        GradientAccumulator acc(3, 11);
        double sum = 0.0;
        for (int i = 0; i < 22; ++i) {
            const auto mb = acc.next();
            sum += mb.lossScale;
            if (mb.stepAfter) {
                QVERIFY(std::abs(sum - 1.0) < 1e-15);
                sum = 0.0;
            }
        }
        QCOMPARE(sum, 0.0);
    }

    void rejectsBadArguments()
    {
        QVERIFY_THROWS_EXCEPTION(Error, GradientAccumulator(0, 10));
        QVERIFY_THROWS_EXCEPTION(Error, GradientAccumulator(4, 0));
    }
};

QTEST_GUILESS_MAIN(TestGradientAccumulator)
#include "tst_gradient_accumulator.moc"
