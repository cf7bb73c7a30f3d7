// TREC qrels and run files: reading, errors that name FILE:LINE, writing, and the join that ranks a run
// as trec_eval does.
#include "core/evaluation/metric_cutoffs.h"
#include "core/evaluation/trec_evaluation_input.h"
#include "core/evaluation/trec_qrels.h"
#include "core/evaluation/trec_run.h"
#include "core/util/error.h"

#include <QtTest>

#include <sstream>

using namespace rankpo;

class TestTrecFormats : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsQrels()
    {
        const auto qrels = parseTrecQrels("q1 0 d1 2\n\n  q1\t0 d2 0\r\nq2 1 d1 -1", "x.qrels");
        QCOMPARE(qrels.judgements.size(), std::size_t(3));
        QCOMPARE(qrels.judgements[1].docId, std::string("d2"));
        QCOMPARE(qrels.judgements[1].line, std::size_t(3));
        QCOMPARE(qrels.judgements[2].relevance, -1);
    }

    void qrelsErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("too few fields") << "q1 0 d1 1\nq1 0 d2\n" << "x.qrels:2: expected 4 fields 'qid iteration docid relevance', found 3";
        QTest::newRow("too many fields") << "q1 0 d1 1 extra" << "x.qrels:1: expected 4 fields 'qid iteration docid relevance', found 5";
        QTest::newRow("relevance not integer") << "q1 0 d1 high" << "x.qrels:1: relevance 'high' is not an integer";
        QTest::newRow("relevance fraction") << "q1 0 d1 1.5" << "x.qrels:1: relevance '1.5' is not an integer";
        QTest::newRow("relevance overflow") << "q1 0 d1 99999999999" << "x.qrels:1: relevance 99999999999 is out of range";
        QTest::newRow("duplicate") << "q1 0 d1 1\nq2 0 d1 1\nq1 0 d1 0" << "x.qrels:3: query q1 judges document d1 again (first at line 1)";
    }

    void qrelsErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        try {
            parseTrecQrels(text.toStdString(), "x.qrels");
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Data);
            QCOMPARE(QString::fromStdString(e.what()), message);
        }
    }

    void readsRun()
    {
        const auto run = parseTrecRun("q1 Q0 d1 1 0.5 tagA\nq1 Q0 d2 2 -1e-3 tagA\nq1 Q0 d3 3 +2 tagA\n", "x.run");
        QCOMPARE(run.lines.size(), std::size_t(3));
        QCOMPARE(run.lines[1].score, -1e-3);
        QCOMPARE(run.lines[2].score, 2.0);
        QCOMPARE(run.lines[0].tag, std::string("tagA"));
    }

    void runErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("too few fields") << "q1 Q0 d1 1 0.5" << "x.run:1: expected 6 fields 'qid Q0 docid rank score tag', found 5";
        QTest::newRow("rank not integer") << "q1 Q0 d1 one 0.5 t" << "x.run:1: rank 'one' is not an integer";
        QTest::newRow("score not number") << "q1 Q0 d1 1 0.5x t" << "x.run:1: score '0.5x' is not a number";
        QTest::newRow("score NaN") << "q1 Q0 d1 1 nan t" << "x.run:1: score is NaN";
        QTest::newRow("score overflow") << "q1 Q0 d1 1 1e999 t" << "x.run:1: score '1e999' is out of range";
        QTest::newRow("duplicate") << "q1 Q0 d1 1 0.5 t\nq1 Q0 d1 2 0.4 t" << "x.run:2: query q1 retrieves document d1 again (first at line 1)";
    }

    void runErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        try {
            parseTrecRun(text.toStdString(), "x.run");
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Data);
            QCOMPARE(QString::fromStdString(e.what()), message);
        }
    }

    void missingFileIsAnIoError()
    {
        try {
            readTrecRun("/nonexistent/dir/x.run");
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Io);
            QVERIFY(QString::fromStdString(e.what()).startsWith("/nonexistent/dir/x.run: cannot open"));
        }
    }

    void writesRunThatReadsBack()
    {
        const std::vector<RetrievalHit> hits{{7, 1, 42, 0.8125f}, {7, 2, 3, 0.1f}, {8, 1, 5, -1.0 / 3.0}};
        const auto lines = toTrecRunLines(hits, "rankpo");
        std::ostringstream out;
        writeTrecRun(out, lines);
        // a float score widened to double prints all the digits that read back to the same double
        QCOMPARE(out.str().substr(0, 60), std::string("7 Q0 42 1 0.8125 rankpo\n7 Q0 3 2 0.10000000149011612 rankpo\n"));
        const auto back = parseTrecRun(out.str(), "written");
        QCOMPARE(back.lines.size(), hits.size());
        for (std::size_t i = 0; i < hits.size(); ++i) {
            QCOMPARE(back.lines[i].score, hits[i].score); // bit-exact round trip
            QCOMPARE(back.lines[i].docId, std::to_string(hits[i].candidateId));
            QCOMPARE(back.lines[i].rank, hits[i].rank);
        }
        QVERIFY_EXCEPTION_THROWN(toTrecRunLines(hits, "two words"), Error);
    }

    void writesQrels()
    {
        std::ostringstream out;
        writeTrecQrels(out, {{"q1", "d1", 2, 0}, {"q2", "d9", 0, 0}});
        QCOMPARE(out.str(), std::string("q1 0 d1 2\nq2 0 d9 0\n"));
    }

    void joinRanksLikeTrecEval()
    {
        // equal scores: docnos in descending byte order, so "d9" before "d10" before "d1"; the rank
        // column (here reversed) is ignored.
        const auto run = parseTrecRun("q1 Q0 d1 1 0.5 t\nq1 Q0 d10 2 0.5 t\nq1 Q0 d9 3 0.5 t\nq1 Q0 d2 4 0.7 t\n"
                                      "q3 Q0 d1 1 0.5 t\n",
                                      "r");
        const auto qrels = parseTrecQrels("q1 0 d9 1\nq1 0 d1 2\nq1 0 d5 3\nq2 0 d1 1\n", "j");
        const auto input = joinTrecRunWithQrels(qrels, run);
        QCOMPARE(input.rankings.size(), std::size_t(1));
        QCOMPARE(input.runQueriesWithoutQrels, std::size_t(1));
        QCOMPARE(input.qrelsQueriesWithoutRun, std::size_t(1));
        const auto& r = input.rankings[0];
        QCOMPARE(r.queryId, std::string("q1"));
        QCOMPARE(r.relevance, (std::vector<int>{JudgedRanking::kNotJudged, 1, JudgedRanking::kNotJudged, 2}));
        QCOMPARE(r.scores, (std::vector<double>{0.7, 0.5, 0.5, 0.5}));
        QCOMPARE(r.idealGains, (std::vector<int>{3, 2, 1}));
    }

    void cutoffs_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("normalised"); // empty: a usage error
        QTest::newRow("paper") << "1,5,10,20,100" << "1,5,10,20,100";
        QTest::newRow("unsorted, spaces, duplicates") << " 20, 5 ,5,1" << "1,5,20";
        QTest::newRow("zero") << "0,5" << "";
        QTest::newRow("negative") << "-1" << "";
        QTest::newRow("word") << "5,ten" << "";
        QTest::newRow("empty item") << "5,,10" << "";
        QTest::newRow("empty") << "" << "";
    }

    void cutoffs()
    {
        QFETCH(QString, text);
        QFETCH(QString, normalised);
        try {
            const auto parsed = MetricCutoffs::parse(text.toStdString());
            QStringList items;
            for (int v : parsed.values())
                items << QString::number(v);
            QCOMPARE(items.join(','), normalised);
        } catch (const Error& e) {
            QVERIFY2(normalised.isEmpty(), e.what());
            QCOMPARE(e.kind(), ErrorKind::Usage);
        }
        QCOMPARE(metricKey("nDCG", 20), std::string("nDCG@20"));
    }
};

QTEST_GUILESS_MAIN(TestTrecFormats)
#include "tst_trec_formats.moc"
