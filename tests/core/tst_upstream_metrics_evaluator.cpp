// The `upstream` metric family (the paper's compute_metrics) against hand-computed values and against
// scikit-learn (golden values from Debian's python3-sklearn, tests/reference/sklearn_reference.py).
#include "core/evaluation/trec_evaluation_input.h"
#include "core/evaluation/upstream_metrics_evaluator.h"
#include "tests/support/metric_golden.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace rankpo;

namespace {

JudgedRanking ranking(std::vector<int> relevance, std::vector<double> scores, std::size_t relevantCount)
{
    JudgedRanking r;
    r.queryId = "q";
    r.relevance = std::move(relevance);
    r.scores = std::move(scores);
    r.idealGains.assign(relevantCount, 1);
    return r;
}

} // namespace

using Rankings = std::vector<JudgedRanking>;
Q_DECLARE_METATYPE(Rankings)

class TestUpstreamMetricsEvaluator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keysAreStable()
    {
        UpstreamMetricsEvaluator evaluator(MetricCutoffs({10, 5}));
        const std::vector<std::string> expected{"nDCG@5", "nDCG@10", "MRR@5", "MRR@10",
                                                "Recall@5", "Recall@10", "AUC@5", "AUC@10"};
        QCOMPARE(evaluator.keys(), expected);
    }

    void tinyRankings_data()
    {
        QTest::addColumn<Rankings>("rankings");
        QTest::addColumn<int>("cutoff");
        QTest::addColumn<QString>("key");
        QTest::addColumn<double>("expected");
        const double l3 = std::log2(3.0);
        // scores 0.9, 0.5, 0.5 with the hit inside the tie: the tied pair shares gain 1/2, and only
        // position 2 of the pair is inside k = 2; the ideal DCG is that of one hit at rank 1.
        const Rankings tie{ranking({0, 1, 0}, {0.9, 0.5, 0.5}, 1)};
        QTest::newRow("nDCG tie averaged") << tie << 2 << "nDCG@2" << 0.5 / l3;
        QTest::newRow("nDCG tie whole group") << tie << 3 << "nDCG@3" << 0.5 * (1 / l3 + 0.5);
        // graded relevance is binarised: gain 1 for a relevance of 3
        QTest::newRow("nDCG binary gains") << Rankings{ranking({0, 3}, {0.9, 0.1}, 1)} << 2 << "nDCG@2" << 1 / l3;
        // the ideal is over the retrieved hits only: one retrieved of five relevant, at rank 1 -> 1
        QTest::newRow("nDCG ideal within the list") << Rankings{ranking({1, 0}, {0.9, 0.1}, 5)} << 2 << "nDCG@2" << 1.0;
        QTest::newRow("nDCG no hit") << Rankings{ranking({0, 0}, {0.9, 0.1}, 2)} << 2 << "nDCG@2" << 0.0;
        // Recall@k = hits / max(min(k, retrieved, relevant), 1)
        QTest::newRow("Recall k bounds") << Rankings{ranking({1, 1, 0, 1}, {4, 3, 2, 1}, 10)} << 2 << "Recall@2" << 1.0;
        QTest::newRow("Recall list bounds") << Rankings{ranking({1, 0}, {2, 1}, 10)} << 5 << "Recall@5" << 0.5;
        QTest::newRow("Recall relevant bounds") << Rankings{ranking({0, 1, 0, 0}, {4, 3, 2, 1}, 1)} << 5 << "Recall@5" << 1.0;
        QTest::newRow("Recall no relevant") << Rankings{ranking({0, 0}, {2, 1}, 0)} << 5 << "Recall@5" << 0.0;
        QTest::newRow("MRR inside k") << Rankings{ranking({0, 0, 1}, {3, 2, 1}, 1)} << 3 << "MRR@3" << 1.0 / 3.0;
        QTest::newRow("MRR outside k") << Rankings{ranking({0, 0, 1}, {3, 2, 1}, 1)} << 2 << "MRR@2" << 0.0;
        QTest::newRow("MRR mean over queries")
            << Rankings{ranking({1}, {1}, 1), ranking({0, 1}, {2, 1}, 1), ranking({0}, {1}, 0)} << 2 << "MRR@2" << 0.5;
        // pooled AUC: hits {0.9, 0.2}, misses {0.5, 0.2}: pairs (0.9>0.5), (0.9>0.2), (0.2<0.5), (0.2=0.2)
        QTest::newRow("AUC pooled, ties half")
            << Rankings{ranking({1, 0}, {0.9, 0.5}, 1), ranking({0, 1}, {0.2, 0.2}, 1)} << 2 << "AUC@2" << 2.5 / 4;
        // only the top k of each list is pooled: at k = 1 the hits 0.9 and the miss 0.2 -> 1
        QTest::newRow("AUC pooled top k")
            << Rankings{ranking({1, 0}, {0.9, 0.5}, 1), ranking({0, 1}, {0.2, 0.2}, 1)} << 1 << "AUC@1" << 1.0;
    }

    void tinyRankings()
    {
        QFETCH(Rankings, rankings);
        QFETCH(int, cutoff);
        QFETCH(QString, key);
        QFETCH(double, expected);
        const auto values = UpstreamMetricsEvaluator(MetricCutoffs({cutoff})).evaluate(rankings);
        const double value = values.at(key.toStdString());
        if (std::abs(value - expected) > 1e-12)
            QFAIL(qPrintable(QString("%1 = %2, expected %3").arg(key).arg(value, 0, 'g', 17).arg(expected, 0, 'g', 17)));
    }

    void aucIsUndefinedForOneClass()
    {
        const auto values = UpstreamMetricsEvaluator(MetricCutoffs({1, 2}))
                                .evaluate({ranking({1, 0}, {0.9, 0.5}, 1), ranking({1, 1}, {0.3, 0.2}, 2)});
        QVERIFY(std::isnan(values.at("AUC@1"))); // the pooled top 1 is all hits
        QCOMPARE(values.at("AUC@2"), 1.0 / 3.0); // hits 0.9, 0.3, 0.2 against the miss 0.5
    }

    // Random qrels and run (ties, ragged lists, queries without relevant documents): every mean equals
    // scikit-learn's to 1e-9.
    void matchesScikitLearnOnRandomData()
    {
        const auto golden = test::readGoldenJson("random.upstream.json");
        const auto input = joinTrecRunWithQrels(readTrecQrels(test::goldenPath("random.qrels")),
                                                readTrecRun(test::goldenPath("random.run")));
        QCOMPARE(input.rankings.size(), golden["queries"].get<std::size_t>());
        UpstreamMetricsEvaluator evaluator(MetricCutoffs(golden["cutoffs"].get<std::vector<int>>()));
        const auto values = evaluator.evaluate(input.rankings);
        QCOMPARE(values.entries().size(), golden["mean"].size());
        for (const auto& [key, value] : values.entries()) {
            const auto& want = golden["mean"].at(key);
            QVERIFY2(!want.is_null(), key.c_str());
            if (std::abs(value - want.get<double>()) > 1e-9)
                QFAIL(qPrintable(QString("%1: %2, scikit-learn %3")
                                     .arg(QString::fromStdString(key))
                                     .arg(value, 0, 'g', 17)
                                     .arg(want.get<double>(), 0, 'g', 17)));
        }
        QVERIFY(values.at("nDCG@100") > 0.05 && values.at("AUC@100") > 0.3);
    }

    // The same comparison on fresh random data, with scikit-learn run now by Debian's Python
    // (python3-sklearn, installed by scripts/install-deps.sh). Skipped where that Python lacks sklearn.
    void matchesScikitLearnLive_data()
    {
        QTest::addColumn<int>("seed");
        QTest::newRow("seed 1") << 1;
        QTest::newRow("seed 2") << 2;
    }

    void matchesScikitLearnLive()
    {
        QFETCH(int, seed);
        const QString python = "/usr/bin/python3";
        QProcess probe;
        probe.start(python, {"-c", "import sklearn"});
        if (!probe.waitForFinished(60000) || probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0)
            QSKIP("/usr/bin/python3 with scikit-learn (python3-sklearn) is not installed");
        QTemporaryDir dir;
        const QString scripts = QStringLiteral(RANKPO_SOURCE_DIR) + "/tests/reference/";
        const QString qrels = dir.filePath("r.qrels"), run = dir.filePath("r.run"), out = dir.filePath("r.json");
        for (const QStringList& arguments :
             {QStringList{scripts + "make_random_trec_data.py", QString::number(seed), qrels, run},
              QStringList{scripts + "sklearn_reference.py", qrels, run, "1,2,7,30,100", out}}) {
            QProcess p;
            p.start(python, arguments);
            QVERIFY(p.waitForFinished(120000));
            QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        }
        std::ifstream in(out.toStdString());
        const auto reference = nlohmann::json::parse(in);
        const auto input = joinTrecRunWithQrels(readTrecQrels(qrels.toStdString()), readTrecRun(run.toStdString()));
        const auto values = UpstreamMetricsEvaluator(MetricCutoffs({1, 2, 7, 30, 100})).evaluate(input.rankings);
        QCOMPARE(values.entries().size(), reference["mean"].size());
        for (const auto& [key, value] : values.entries()) {
            const auto& want = reference["mean"].at(key);
            if (want.is_null()) {
                QVERIFY2(std::isnan(value), key.c_str());
                continue;
            }
            if (std::abs(value - want.get<double>()) > 1e-9)
                QFAIL(qPrintable(QString("%1: %2, scikit-learn %3").arg(QString::fromStdString(key)).arg(value, 0, 'g', 17).arg(want.get<double>(), 0, 'g', 17)));
        }
    }
};

QTEST_GUILESS_MAIN(TestUpstreamMetricsEvaluator)
#include "tst_upstream_metrics_evaluator.moc"
