// `rankpo metrics`: both families end to end against the golden references, the table, and the exit
// codes of bad input (1: data or I/O, 2: usage).
#include "tests/support/metric_golden.h"
#include "../support/test_files.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>

namespace {

struct Result {
    int exitCode = -1;
    QString out;
    QString err;
};

Result runRankpo(const QStringList& arguments)
{
    QProcess process;
    process.start(qEnvironmentVariable("RANKPO_BIN_DIR", RANKPO_BINARY_DIR "/bin") + "/rankpo", arguments);
    if (!process.waitForFinished(60000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

QString golden(const char* name) { return QString::fromStdString(rankpo::test::goldenPath(name)); }

} // namespace

class TestMetricsCommand : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void jsonMatchesBothReferences()
    {
        const auto r = runRankpo({"metrics", "--qrels", golden("random.qrels"), "--run", golden("random.run"),
                                  "--cutoffs", "1,3,5,10,20,100", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto j = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(j["queries"].get<int>(), 80);
        for (const char* family : {"standard", "upstream"}) {
            const auto reference = rankpo::test::readGoldenJson(std::string("random.") + family + ".json");
            QCOMPARE(j[family].size(), reference["mean"].size());
            for (const auto& [key, want] : reference["mean"].items()) {
                const double got = j[family].at(key).get<double>();
                if (std::abs(got - want.get<double>()) > 1e-9)
                    QFAIL(qPrintable(QString("%1 %2: %3 vs %4").arg(family, QString::fromStdString(key)).arg(got).arg(want.get<double>())));
            }
        }
        QVERIFY(j["standard"].contains("MAP@20") && !j["standard"].contains("AUC@20"));
        QVERIFY(j["upstream"].contains("AUC@20") && !j["upstream"].contains("MAP@20"));
    }

    void defaultCutoffsAndTable()
    {
        const auto r = runRankpo({"metrics", "--qrels", golden("random.qrels"), "--run", golden("random.run")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.startsWith("80 queries evaluated; 1 run queries without qrels skipped; 1 judged queries absent from the run\n"));
        for (const char* row : {"nDCG@100", "MRR@1 ", "Recall@20", "MAP@5 ", "AUC@10 "})
            QVERIFY2(r.out.contains(row), row);
        QVERIFY(!r.out.contains("@3 "));
        // MAP has no upstream value and AUC no standard one
        QVERIFY(r.out.contains(QRegularExpression("\\nMAP@20 +[0-9.]+ +-\\n")));
        QVERIFY(r.out.contains(QRegularExpression("\\nAUC@20 +- +[0-9.]+\\n")));
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("qrels");
        QTest::addColumn<QString>("run");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message"); // in stderr; QRELS / RUN stand for the files' paths
        const QString goodQrels = "q1 0 d1 1\nq1 0 d2 0\n";
        const QString goodRun = "q1 Q0 d1 1 0.9 t\nq1 Q0 d2 2 0.8 t\n";
        QTest::newRow("malformed qrels") << "q1 0 d1 1\nq1 0 d2\n" << goodRun << QStringList{} << 1
                                         << "QRELS:2: expected 4 fields 'qid iteration docid relevance', found 3";
        QTest::newRow("malformed run") << goodQrels << "q1 Q0 d1 1 0.9 t\nq1 Q0 d2 x 0.8 t\n" << QStringList{} << 1
                                       << "RUN:2: rank 'x' is not an integer";
        QTest::newRow("bad score") << goodQrels << "q1 Q0 d1 1 high t\n" << QStringList{} << 1
                                   << "RUN:1: score 'high' is not a number";
        QTest::newRow("nothing judged") << "q2 0 d1 1\n" << goodRun << QStringList{} << 1
                                        << "RUN: no query of the run is judged in QRELS";
        QTest::newRow("bad cutoffs") << goodQrels << goodRun << QStringList{"--cutoffs", "5,x"} << 2
                                     << "cutoffs: 'x' is not a positive integer";
        QTest::newRow("zero cutoff") << goodQrels << goodRun << QStringList{"--cutoffs", "0"} << 2
                                     << "cutoffs: 0 is not a rank";
        QTest::newRow("unknown option") << goodQrels << goodRun << QStringList{"--bogus"} << 2 << "bogus";
    }

    void badInput()
    {
        QFETCH(QString, qrels);
        QFETCH(QString, run);
        QFETCH(QStringList, extra);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const auto qrelsPath = QString::fromStdString(rankpo::test::writeFile(dir, "j.qrels", qrels.toStdString()));
        const auto runPath = QString::fromStdString(rankpo::test::writeFile(dir, "r.run", run.toStdString()));
        const auto r = runRankpo(QStringList{"metrics", "--qrels", qrelsPath, "--run", runPath} + extra);
        QCOMPARE(r.exitCode, exitCode);
        message.replace("QRELS", qrelsPath).replace("RUN", runPath);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void missingArgumentsAndFiles()
    {
        QCOMPARE(runRankpo({"metrics", "--qrels", golden("random.qrels")}).exitCode, 2);
        const auto r = runRankpo({"metrics", "--qrels", "/nonexistent/j.qrels", "--run", golden("random.run")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("/nonexistent/j.qrels: cannot open"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestMetricsCommand)
#include "tst_metrics_command.moc"
