// Alignment of model scores with preference judgements: per source and rater, score ties as half,
// Wilson intervals, and errors for missing scores.
#include "core/evaluation/alignment_evaluator.h"
#include "core/util/error.h"
#include "preference_fixtures.h"

#include <QtTest>

#include <cmath>

using namespace rankpo;
using test::ai;
using test::human;

class TestAlignmentEvaluator : public QObject {
    Q_OBJECT

private:
    static JobCandidateScores scores()
    {
        JobCandidateScores s;
        s.set(1, 10, 0.9);
        s.set(1, 11, 0.5);
        s.set(1, 12, 0.5);
        s.set(2, 10, 0.1); // the same candidate scores differently for another job
        s.set(2, 13, 0.7);
        return s;
    }

private Q_SLOTS:
    void groupsAndHalfTies()
    {
        const std::vector<Preference> prefs{
            ai("gpt", 1, 10, 11, 'A'),    // prefers 10 (0.9 > 0.5): aligned
            ai("gpt", 1, 11, 12, 'B'),    // prefers 12 (0.5 = 0.5): half
            ai("judge2", 2, 10, 13, 'A'), // prefers 10 for job 2 (0.1 < 0.7): not aligned
            ai("gpt", 1, 10, 12, 'T'),    // a judged tie: not counted
            human("ann", 1, 11, 10, 'B'), // prefers 10: aligned
            human("bob", 2, 13, 10, 'A'), // prefers 13: aligned
        };
        const auto report = AlignmentEvaluator().evaluate(prefs, scores());
        QCOMPARE(report.judgedTies, std::int64_t(1));
        QStringList names;
        for (const auto& g : report.groups)
            names << QString::fromStdString(g.group);
        QCOMPARE(names, (QStringList{"all", "ai", "human", "ai:gpt", "ai:judge2", "human:ann", "human:bob"}));
        struct Expected {
            std::int64_t pairs;
            double aligned;
            std::int64_t scoreTies;
        };
        const Expected expected[] = {{5, 3.5, 1}, {3, 1.5, 1}, {2, 2.0, 0}, {2, 1.5, 1}, {1, 0.0, 0}, {1, 1.0, 0}, {1, 1.0, 0}};
        for (std::size_t i = 0; i < report.groups.size(); ++i) {
            const auto& g = report.groups[i];
            QCOMPARE(g.pairs, expected[i].pairs);
            QCOMPARE(g.aligned, expected[i].aligned);
            QCOMPARE(g.scoreTies, expected[i].scoreTies);
            QCOMPARE(g.rate, expected[i].aligned / static_cast<double>(expected[i].pairs));
            QVERIFY(g.interval95.lower <= g.rate && g.rate <= g.interval95.upper);
        }
        // Wilson 95% of 3.5 / 5
        const auto& all = report.groups[0];
        const double z = kZ95, n = 5, p = 0.7;
        const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
        QVERIFY(std::abs(all.interval95.lower - (centre - half)) < 1e-15);
        QVERIFY(std::abs(all.interval95.upper - (centre + half)) < 1e-15);
    }

    void emptyInputHasAnUndefinedRate()
    {
        const auto report = AlignmentEvaluator().evaluate({}, scores());
        QCOMPARE(report.groups.size(), std::size_t(1));
        QCOMPARE(report.groups[0].pairs, std::int64_t(0));
        QVERIFY(std::isnan(report.groups[0].rate));
        QCOMPARE(report.groups[0].interval95.lower, 0.0);
        QCOMPARE(report.groups[0].interval95.upper, 1.0);
    }

    void missingScoreIsADataError()
    {
        const auto p = ai("gpt", 1, 10, 99, 'B');
        try {
            AlignmentEvaluator().evaluate({p}, scores());
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Data);
            QCOMPARE(QString::fromStdString(e.what()),
                     QString("alignment: no model score for job 1, candidate 99 (preference %1)").arg(p.id));
        }
    }

    void sameCandidateTwiceIsADataError()
    {
        QVERIFY_EXCEPTION_THROWN(AlignmentEvaluator().evaluate({ai("gpt", 1, 10, 10, 'A')}, scores()), Error);
    }
};

QTEST_GUILESS_MAIN(TestAlignmentEvaluator)
#include "tst_alignment_evaluator.moc"
