// The `standard` metric family against hand-computed values and against trec_eval itself (golden
// values from pytrec-eval-terrier, tests/reference/trec_eval_reference.py).
#include "core/evaluation/standard_metrics_evaluator.h"
#include "core/evaluation/trec_evaluation_input.h"
#include "core/util/error.h"
#include "tests/support/metric_golden.h"

#include <QtTest>

#include <cmath>

using namespace rankpo;

namespace {

JudgedRanking ranking(std::vector<int> relevance, std::vector<int> idealGains)
{
    JudgedRanking r;
    r.queryId = "q";
    r.relevance = std::move(relevance);
    for (std::size_t i = 0; i < r.relevance.size(); ++i)
        r.scores.push_back(1.0 - 0.01 * static_cast<double>(i));
    r.idealGains = std::move(idealGains);
    return r;
}

} // namespace

Q_DECLARE_METATYPE(std::vector<int>)
Q_DECLARE_METATYPE(std::vector<double>)
Q_DECLARE_METATYPE(std::vector<ScoredDocument>)
Q_DECLARE_METATYPE(std::vector<JudgedDocument>)

class TestStandardMetricsEvaluator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keysAreStable()
    {
        StandardMetricsEvaluator evaluator(MetricCutoffs({20, 1}));
        const std::vector<std::string> expected{"nDCG@1", "nDCG@20", "MRR@1",  "MRR@20",
                                                "Recall@1", "Recall@20", "MAP@1", "MAP@20"};
        QCOMPARE(evaluator.keys(), expected);
    }

    void tinyRankings_data()
    {
        QTest::addColumn<std::vector<int>>("relevance");
        QTest::addColumn<std::vector<int>>("idealGains");
        // nDCG@1, nDCG@3, MRR@1, MRR@3, Recall@1, Recall@3, MAP@1, MAP@3
        QTest::addColumn<std::vector<double>>("expected");
        const double l3 = std::log2(3.0);
        QTest::newRow("relevant first") << std::vector<int>{1, 0, 0} << std::vector<int>{1}
                                        << std::vector<double>{1, 1, 1, 1, 1, 1, 1, 1};
        QTest::newRow("second of two relevant")
            << std::vector<int>{0, 1, 0, 0} << std::vector<int>{1, 1}
            << std::vector<double>{0, (1 / l3) / (1 + 1 / l3), 0, 0.5, 0, 0.5, 0, 0.25};
        // DCG@3 = 2 + 3/log2(4); ideal = 3 + 2/log2(3) (the ideal ranking has only two documents)
        QTest::newRow("graded gains") << std::vector<int>{2, 0, 3} << std::vector<int>{3, 2}
                                      << std::vector<double>{2.0 / 3.0, 3.5 / (3 + 2 / l3), 1, 1, 0.5, 1, 0.5,
                                                             (1 + 2.0 / 3.0) / 2};
        QTest::newRow("no relevant document") << std::vector<int>{0, JudgedRanking::kNotJudged} << std::vector<int>{}
                                              << std::vector<double>{0, 0, 0, 0, 0, 0, 0, 0};
        // the relevant documents were never retrieved: everything 0, but the query still counts
        QTest::newRow("relevant not retrieved") << std::vector<int>{0, 0, 0} << std::vector<int>{2, 1}
                                                << std::vector<double>{0, 0, 0, 0, 0, 0, 0, 0};
        // a shorter list than the cutoff keeps its value; recall is over all 4 relevant documents
        QTest::newRow("short list") << std::vector<int>{JudgedRanking::kNotJudged, 1} << std::vector<int>{1, 1, 1, 1}
                                    << std::vector<double>{0, (1 / l3) / (1 + 1 / l3 + 0.5), 0, 0.5, 0, 0.25, 0,
                                                           0.125};
        QTest::newRow("empty list") << std::vector<int>{} << std::vector<int>{1}
                                    << std::vector<double>{0, 0, 0, 0, 0, 0, 0, 0};
    }

    void tinyRankings()
    {
        QFETCH(std::vector<int>, relevance);
        QFETCH(std::vector<int>, idealGains);
        QFETCH(std::vector<double>, expected);
        StandardMetricsEvaluator evaluator(MetricCutoffs({1, 3}));
        const auto values = evaluator.evaluateQuery(ranking(relevance, idealGains));
        QCOMPARE(values.size(), expected.size());
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (std::abs(values[i] - expected[i]) > 1e-12)
                QFAIL(qPrintable(QString("%1: %2, expected %3")
                                     .arg(QString::fromStdString(evaluator.keys()[i]))
                                     .arg(values[i], 0, 'g', 17)
                                     .arg(expected[i], 0, 'g', 17)));
        }
    }

    void meanOverQueries()
    {
        StandardMetricsEvaluator evaluator(MetricCutoffs({1}));
        const auto values = evaluator.evaluate({ranking({1}, {1}), ranking({0, 1}, {1}), ranking({0}, {})});
        QCOMPARE(values.at("MRR@1"), 1.0 / 3.0);
        QCOMPARE(values.at("Recall@1"), 1.0 / 3.0);
        QCOMPARE(StandardMetricsEvaluator().evaluate({}).at("nDCG@20"), 0.0);
    }

    void rankingTiesGoToTheHigherId()
    {
        // equal scores: the higher document id ranks first (trec_eval's docno order, descending)
        const auto r = judgeRanking("q", {{7, 0.5}, {9, 0.5}, {3, 0.9}, {8, 0.1}}, {{9, 1}, {3, 0}, {8, 2}, {100, 1}});
        QCOMPARE(r.relevance, (std::vector<int>{0, 1, JudgedRanking::kNotJudged, 2}));
        QCOMPARE(r.scores, (std::vector<double>{0.9, 0.5, 0.5, 0.1}));
        QCOMPARE(r.idealGains, (std::vector<int>{2, 1, 1}));
    }

    void rankingRejectsBadInput_data()
    {
        QTest::addColumn<std::vector<ScoredDocument>>("retrieved");
        QTest::addColumn<std::vector<JudgedDocument>>("judged");
        QTest::addColumn<QString>("message");
        QTest::newRow("NaN score") << std::vector<ScoredDocument>{{1, std::nan("")}} << std::vector<JudgedDocument>{}
                                   << "query q: document 1 has a NaN score";
        QTest::newRow("retrieved twice") << std::vector<ScoredDocument>{{4, 0.1}, {4, 0.2}}
                                         << std::vector<JudgedDocument>{} << "query q: document 4 is retrieved more than once";
        QTest::newRow("judged twice") << std::vector<ScoredDocument>{{4, 0.1}}
                                      << std::vector<JudgedDocument>{{5, 1}, {5, 0}}
                                      << "query q: document 5 is judged more than once";
    }

    void rankingRejectsBadInput()
    {
        QFETCH(std::vector<ScoredDocument>, retrieved);
        QFETCH(std::vector<JudgedDocument>, judged);
        QFETCH(QString, message);
        try {
            judgeRanking("q", retrieved, judged);
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Data);
            QCOMPARE(QString::fromStdString(e.what()), message);
        }
    }

    // Random qrels and run with ties, graded and negative relevance, short lists, queries without
    // relevant documents: every per-query value and every mean equals trec_eval's to 1e-9.
    void matchesTrecEvalOnRandomData()
    {
        const auto golden = test::readGoldenJson("random.standard.json");
        const auto input = joinTrecRunWithQrels(readTrecQrels(test::goldenPath("random.qrels")),
                                                readTrecRun(test::goldenPath("random.run")));
        QCOMPARE(input.rankings.size(), golden["queries"].get<std::size_t>());
        QCOMPARE(input.runQueriesWithoutQrels, std::size_t(1));
        QCOMPARE(input.qrelsQueriesWithoutRun, std::size_t(1));
        StandardMetricsEvaluator evaluator(MetricCutoffs(golden["cutoffs"].get<std::vector<int>>()));
        int compared = 0;
        for (const auto& r : input.rankings) {
            const auto& expected = golden["per_query"].at(r.queryId);
            const auto values = evaluator.evaluateQuery(r);
            for (std::size_t i = 0; i < values.size(); ++i) {
                const double want = expected.at(evaluator.keys()[i]).get<double>();
                if (std::abs(values[i] - want) > 1e-9)
                    QFAIL(qPrintable(QString("%1 %2: %3, trec_eval %4")
                                         .arg(QString::fromStdString(r.queryId))
                                         .arg(QString::fromStdString(evaluator.keys()[i]))
                                         .arg(values[i], 0, 'g', 17)
                                         .arg(want, 0, 'g', 17)));
                ++compared;
            }
        }
        const auto means = evaluator.evaluate(input.rankings);
        for (const auto& [key, value] : means.entries()) {
            const double want = golden["mean"].at(key).get<double>();
            if (std::abs(value - want) > 1e-9)
                QFAIL(qPrintable(QString("mean %1: %2, trec_eval %3").arg(QString::fromStdString(key)).arg(value, 0, 'g', 17).arg(want, 0, 'g', 17)));
        }
        QCOMPARE(compared, 80 * 24);
        // the data is not degenerate: the means are neither 0 nor 1
        QVERIFY(means.at("nDCG@100") > 0.05 && means.at("MAP@100") > 0.01);
    }
};

QTEST_GUILESS_MAIN(TestStandardMetricsEvaluator)
#include "tst_standard_metrics_evaluator.moc"
