// The AI-judge audit: position bias with its binomial test, swap consistency and calibration by
// confidence bucket, on a fixture computed by hand.
#include "core/evaluation/judge_audit_evaluator.h"
#include "core/util/error.h"
#include "preference_fixtures.h"

#include <QtTest>

#include <cmath>

using namespace rankpo;
using test::ai;
using test::human;

class TestJudgeAuditEvaluator : public QObject {
    Q_OBJECT

private:
    static std::vector<Preference> fixture()
    {
        return {
            ai("gpt", 1, 10, 11, 'A', 90),  // L; with (11,10) 'A' below: the first shown won both times
            ai("gpt", 1, 11, 10, 'A', 80),  // H
            ai("gpt", 1, 10, 12, 'B', 55),  // H; with (12,10) 'B': the second shown won both times
            ai("gpt", 1, 12, 10, 'B', 95),  // L
            ai("gpt", 1, 11, 12, 'T'),      // tie, no confidence
            ai("gpt", 2, 10, 13, 'A'),      // L; with (13,10) 'A': the first shown won both times
            ai("gpt", 2, 13, 10, 'A', 70),  // H
            ai("gpt", 3, 20, 21, 'A', 60),  // L; with (21,20) 'B': consistent
            ai("gpt", 3, 21, 20, 'B', 65),  // L
            ai("claude", 1, 10, 11, 'A', 100), // L
            ai("claude", 1, 11, 12, 'A', 40),  // L
            human("ann", 1, 10, 11, 'A'),   // L
            human("bob", 1, 11, 10, 'B'),   // L
            human("ann", 1, 10, 12, 'A'),   // L
            human("ann", 1, 11, 12, 'T'),   // T
            human("ann", 3, 20, 21, 'A'),   // L
        };
    }

private Q_SLOTS:
    void positionBias()
    {
        const auto report = JudgeAuditEvaluator().evaluate(fixture());
        QCOMPARE(report.positionBias.size(), std::size_t(3));
        const auto& pooled = report.positionBias[0];
        QCOMPARE(pooled.judge, std::string("ai"));
        QCOMPARE(pooled.judgements, std::int64_t(10));
        QCOMPARE(pooled.ties, std::int64_t(1));
        QCOMPARE(pooled.firstShownWins, std::int64_t(7));
        QCOMPARE(pooled.firstShownWinRate, 0.7);
        QVERIFY(std::abs(pooled.pValue - 2.0 * 176.0 / 1024.0) < 1e-14); // P(X >= 7 | 10, 1/2), both sides
        QCOMPARE(report.positionBias[1].judge, std::string("ai:claude"));
        QVERIFY(std::abs(report.positionBias[1].pValue - 0.5) < 1e-14);  // 2 of 2
        const auto& gpt = report.positionBias[2];
        QCOMPARE(gpt.firstShownWins, std::int64_t(5));
        QVERIFY(std::abs(gpt.pValue - 2.0 * 93.0 / 256.0) < 1e-14);       // 5 of 8
    }

    void swapConsistency()
    {
        const auto report = JudgeAuditEvaluator().evaluate(fixture());
        const auto& gpt = report.swapConsistency[2];
        QCOMPARE(gpt.judge, std::string("ai:gpt"));
        QCOMPARE(gpt.pairs, std::int64_t(4));
        QCOMPARE(gpt.comparisons, std::int64_t(4));
        QCOMPARE(gpt.consistent, std::int64_t(1));
        QCOMPARE(gpt.firstShownWonBoth, std::int64_t(2));
        QCOMPARE(gpt.rate, 0.25);
        QCOMPARE(report.swapConsistency[1].pairs, std::int64_t(0)); // claude never saw a pair twice
        QVERIFY(std::isnan(report.swapConsistency[1].rate));
        QCOMPARE(report.swapConsistency[0].consistent, std::int64_t(1));
    }

    void calibration()
    {
        const auto report = JudgeAuditEvaluator().evaluate(fixture());
        const auto& gpt = report.calibration[2];
        QCOMPARE(gpt.comparisons, std::int64_t(9));
        QCOMPARE(gpt.correct, std::int64_t(6));
        QCOMPARE(gpt.withoutConfidence, std::int64_t(1));
        QCOMPARE(gpt.buckets.size(), std::size_t(6));
        const std::int64_t comparisons[] = {0, 1, 2, 0, 2, 3};
        const std::int64_t correct[] = {0, 0, 2, 0, 0, 3};
        const double meanConfidence[] = {NAN, 0.55, 0.625, NAN, 0.8, (0.9 + 0.9 + 0.95) / 3};
        for (std::size_t b = 0; b < 6; ++b) {
            QCOMPARE(gpt.buckets[b].comparisons, comparisons[b]);
            QCOMPARE(gpt.buckets[b].correct, correct[b]);
            if (std::isnan(meanConfidence[b]))
                QVERIFY(std::isnan(gpt.buckets[b].meanConfidence) && std::isnan(gpt.buckets[b].accuracy));
            else
                QVERIFY(std::abs(gpt.buckets[b].meanConfidence - meanConfidence[b]) < 1e-15);
        }
        QCOMPARE(gpt.buckets[5].lowerConfidence, 90);
        QCOMPARE(gpt.buckets[5].upperConfidence, 100);
        QVERIFY(std::abs(gpt.expectedCalibrationError - 3.15 / 8.0) < 1e-15);
        // claude: confidence 100 falls in the last bucket, 40 in the first
        const auto& claude = report.calibration[1];
        QCOMPARE(claude.buckets[5].comparisons, std::int64_t(2));
        QCOMPARE(claude.buckets[0].comparisons, std::int64_t(1));
        QCOMPARE(claude.buckets[0].correct, std::int64_t(0));
        const auto& pooled = report.calibration[0];
        QCOMPARE(pooled.comparisons, std::int64_t(12));
        QCOMPARE(pooled.correct, std::int64_t(8));
        QCOMPARE(pooled.buckets[5].comparisons, std::int64_t(5));
    }

    void badInput()
    {
        QVERIFY_EXCEPTION_THROWN(JudgeAuditEvaluator({0, 50}), Error);
        QVERIFY_EXCEPTION_THROWN(JudgeAuditEvaluator({0, 60, 50, 100}), Error);
        const auto p = ai("gpt", 1, 1, 2, 'A', 101);
        try {
            JudgeAuditEvaluator().evaluate({p});
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Data);
            QCOMPARE(QString::fromStdString(e.what()),
                     QString("preference %1 (job 1): confidence 101 is outside 0..100").arg(p.id));
        }
    }
};

QTEST_GUILESS_MAIN(TestJudgeAuditEvaluator)
#include "tst_judge_audit_evaluator.moc"
