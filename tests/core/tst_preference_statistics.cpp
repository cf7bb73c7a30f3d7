// Wilson intervals, the exact binomial test (against scipy's binomtest) and Cohen's kappa (against
// scikit-learn's cohen_kappa_score); golden values from tests/reference/statistics_reference.py.
#include "core/evaluation/binomial_test.h"
#include "core/evaluation/cohen_kappa.h"
#include "core/evaluation/wilson_interval.h"
#include "core/util/error.h"
#include "tests/support/metric_golden.h"

#include <QtTest>

#include <cmath>

using namespace rankpo;

class TestPreferenceStatistics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void wilson_data()
    {
        QTest::addColumn<double>("successes");
        QTest::addColumn<double>("trials");
        QTest::addColumn<double>("lower");
        QTest::addColumn<double>("upper");
        // textbook example: 8 of 10 -> [0.490, 0.943]
        QTest::newRow("8 of 10") << 8.0 << 10.0 << 0.49016247153664183 << 0.9433178485456247;
        QTest::newRow("none") << 0.0 << 10.0 << 0.0 << 0.2775327998628892;
        QTest::newRow("all") << 10.0 << 10.0 << 0.7224672001371107 << 1.0;
        QTest::newRow("half successes") << 5.5 << 12.0 << 0.22286731265852713 << 0.7140071878960762;
        QTest::newRow("large") << 500.0 << 1000.0 << 0.4690696003681042 << 0.5309303996318958;
        QTest::newRow("no trials") << 0.0 << 0.0 << 0.0 << 1.0;
    }

    void wilson()
    {
        QFETCH(double, successes);
        QFETCH(double, trials);
        QFETCH(double, lower);
        QFETCH(double, upper);
        const auto interval = wilsonInterval(successes, trials);
        QVERIFY2(std::abs(interval.lower - lower) < 1e-12, qPrintable(QString::number(interval.lower, 'g', 17)));
        QVERIFY2(std::abs(interval.upper - upper) < 1e-12, qPrintable(QString::number(interval.upper, 'g', 17)));
    }

    void wilsonRejectsImpossibleCounts()
    {
        QVERIFY_EXCEPTION_THROWN(wilsonInterval(11, 10), Error);
        QVERIFY_EXCEPTION_THROWN(wilsonInterval(-1, 10), Error);
    }

    void binomialMatchesScipy()
    {
        const auto golden = test::readGoldenJson("statistics.json");
        int compared = 0;
        for (const auto& row : golden["binomial_two_sided"]) {
            const auto k = row["successes"].get<std::int64_t>();
            const auto n = row["trials"].get<std::int64_t>();
            const double want = row["p_value"].get<double>();
            const double got = binomialTestTwoSided(k, n);
            // absolute 1e-12, and relative 1e-9 for the tiny p-values of large n
            if (std::abs(got - want) > 1e-12 && std::abs(got - want) > 1e-9 * want)
                QFAIL(qPrintable(QString("binomtest(%1, %2): %3, scipy %4").arg(k).arg(n).arg(got, 0, 'g', 17).arg(want, 0, 'g', 17)));
            ++compared;
        }
        QVERIFY(compared > 40);
        QCOMPARE(binomialTestTwoSided(0, 0), 1.0);
        QCOMPARE(binomialTestTwoSided(5, 10), 1.0);
        // 9 or more of 10 either way: 2 * (10 + 1) / 1024
        QVERIFY(std::abs(binomialTestTwoSided(9, 10) - 22.0 / 1024.0) < 1e-15);
        QVERIFY_EXCEPTION_THROWN(binomialTestTwoSided(11, 10), Error);
    }

    void kappaMatchesScikitLearn()
    {
        const auto golden = test::readGoldenJson("statistics.json");
        for (const auto& row : golden["cohen_kappa"]) {
            const auto a = row["a"].get<std::vector<int>>();
            const auto b = row["b"].get<std::vector<int>>();
            std::vector<std::pair<int, int>> labels;
            for (std::size_t i = 0; i < a.size(); ++i)
                labels.emplace_back(a[i], b[i]);
            const double got = cohenKappa(labels, 3).kappa;
            QVERIFY2(std::abs(got - row["kappa"].get<double>()) < 1e-12, qPrintable(QString::number(got, 'g', 17)));
        }
    }

    void kappaSmallCases()
    {
        // perfect agreement over two categories: 1
        QCOMPARE(cohenKappa({{0, 0}, {1, 1}, {0, 0}}, 3).kappa, 1.0);
        // p_o = 0.5, p_e = 0.5 -> 0
        QCOMPARE(cohenKappa({{0, 0}, {0, 1}, {1, 0}, {1, 1}}, 3).kappa, 0.0);
        // one category for both raters: chance agreement is 1, kappa undefined
        QVERIFY(std::isnan(cohenKappa({{2, 2}, {2, 2}}, 3).kappa));
        QVERIFY(std::isnan(cohenKappa({}, 3).kappa));
        QVERIFY_EXCEPTION_THROWN(cohenKappa({{0, 3}}, 3), Error);
    }
};

QTEST_GUILESS_MAIN(TestPreferenceStatistics)
#include "tst_preference_statistics.moc"
