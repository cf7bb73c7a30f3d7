// rankpo init/import/export/stats/split from the outside: exit codes (0 ok, 1 data, 2 usage),
// messages, --help for every command, JSON output.
#include "tests/cli/cli_runner.h"
#include "tests/support/test_files.h"

#include <QJsonDocument>
#include <QJsonObject>

using rankpo::test::runRankpo;

class TestCliDataCommands : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.path() + "/" + name; }
    QString sample(const char* name) const { return QString::fromStdString(rankpo::test::sampleFile(name)); }

private Q_SLOTS:
    void everyCommandHasHelp()
    {
        const auto top = runRankpo({"--help"});
        QCOMPARE(top.exitCode, 0);
        for (const char* command : {"init", "demo-data", "import", "export", "stats", "split", "metrics", "models"}) {
            QVERIFY2(top.out.contains(command), command);
            const auto r = runRankpo({command, "--help"});
            QCOMPARE(r.exitCode, 0);
            QVERIFY2(r.out.contains("Usage") || r.out.contains("usage") || r.out.contains("OPTIONS"), command);
        }
    }

    void usageErrorsExitWith2()
    {
        QCOMPARE(runRankpo({}).exitCode, 2);
        QCOMPARE(runRankpo({"no-such-command"}).exitCode, 2);
        QCOMPARE(runRankpo({"import"}).exitCode, 2);
        const auto r = runRankpo({"export", path("x.rankpo"), path("o.jsonl"), "--format", "bogus"});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(runRankpo({"split", path("x.rankpo"), "--test-fraction", "1.5"}).exitCode, 2);
    }

    void sampleEndToEnd()
    {
        const QString project = path("sample.rankpo");
        QCOMPARE(runRankpo({"init", project}).exitCode, 0);
        const auto imported = runRankpo({"import", project, sample("annotated_pair_data-sample.jsonl"), sample("train_data-sample.jsonl")});
        QCOMPARE(imported.exitCode, 0);
        QVERIFY(imported.out.contains("rankpo-pairs, 100 records"));
        QCOMPARE(runRankpo({"split", project, "--seed", "3"}).exitCode, 0);
        const auto stats = runRankpo({"stats", project, "--json"});
        QCOMPARE(stats.exitCode, 0);
        const QJsonObject j = QJsonDocument::fromJson(stats.out.toUtf8()).object();
        QCOMPARE(j["jobs"].toInt(), 110);
        QCOMPARE(j["candidates"].toInt(), 318);
        QCOMPARE(j["pairs"].toInt(), 100);
        QCOMPARE(j["preferences"].toObject()["ai"].toInt(), 100);
        QCOMPARE(j["preferences"].toObject()["human"].toInt(), 0);
        QCOMPARE(j["labels"].toObject()["positive"].toInt(), 28);
        QCOMPARE(j["labels"].toObject()["negative"].toInt(), 100);
        QCOMPARE(j["split"].toObject()["train"].toInt() + j["split"].toObject()["test"].toInt(), 110);

        for (const char* format : {"rankpo-pairs", "trl-dpo", "csv", "rankpo-contrastive", "trec-qrels"}) {
            const auto r = runRankpo({"export", project, path(QString("out.") + format), "--format", format});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        const auto testOnly = runRankpo({"export", project, path("test.jsonl"), "--format", "trl-dpo", "--split", "test"});
        QCOMPARE(testOnly.exitCode, 0);
    }

    void demoDataIsDeterministic()
    {
        const QString a = path("demo-a.rankpo"), b = path("demo-b.rankpo");
        QCOMPARE(runRankpo({"demo-data", a, "--jobs", "12", "--candidates", "120", "--pairs", "60", "--seed", "5"}).exitCode, 0);
        QCOMPARE(runRankpo({"demo-data", b, "--jobs", "12", "--candidates", "120", "--pairs", "60", "--seed", "5"}).exitCode, 0);
        const auto sa = runRankpo({"stats", a, "--json"}), sb = runRankpo({"stats", b, "--json"});
        QCOMPARE(sa.out, sb.out);
        const QJsonObject j = QJsonDocument::fromJson(sa.out.toUtf8()).object();
        QCOMPARE(j["jobs"].toInt(), 12);
        QCOMPARE(j["candidates"].toInt(), 120);
        QCOMPARE(j["pairs"].toInt(), 60);
        QVERIFY(j["labels"].toObject()["positive"].toInt() > 0);
        const auto ea = runRankpo({"export", a, path("a.jsonl"), "--format", "rankpo-pairs"});
        const auto eb = runRankpo({"export", b, path("b.jsonl"), "--format", "rankpo-pairs"});
        QCOMPARE(ea.exitCode, 0);
        QCOMPARE(rankpo::test::readFile(path("a.jsonl").toStdString()), rankpo::test::readFile(path("b.jsonl").toStdString()));
        // Filling a project that already has data is refused.
        QCOMPARE(runRankpo({"demo-data", a}).exitCode, 2);
        QCOMPARE(runRankpo({"demo-data", path("c.rankpo"), "--jobs", "0"}).exitCode, 2);
    }

    void dataErrorsExitWith1AndNameTheLine()
    {
        const QString project = path("bad.rankpo");
        QCOMPARE(runRankpo({"init", project}).exitCode, 0);
        const auto file = rankpo::test::writeFile(m_dir, "bad.jsonl",
                                                  "{\"query\":\"q\",\"passage1\":\"a\",\"passage2\":\"b\",\"preferred\":\"A\"}\n"
                                                  "{\"query\":\"q\",\"passage1\":\"a\",\"passage2\":\"c\",\"preferred\":\"X\"}\n");
        const auto r = runRankpo({"import", project, QString::fromStdString(file)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("bad.jsonl:2: field 'preferred'"), qPrintable(r.err));
        QVERIFY(runRankpo({"stats", project}).out.contains("pairs         0"));

        const auto lenient = runRankpo({"import", project, QString::fromStdString(file), "--skip-invalid"});
        QCOMPARE(lenient.exitCode, 0);
        QVERIFY(lenient.err.contains("Skipped 1 invalid record(s)"));
        QVERIFY(lenient.err.contains("bad.jsonl:2"));

        const auto missing = runRankpo({"import", project, path("missing.jsonl")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains("missing.jsonl"));
        const auto notProject = runRankpo({"stats", QString::fromStdString(file)});
        QCOMPARE(notProject.exitCode, 1);
        QVERIFY(notProject.err.contains("not a RankPO project"));
        QCOMPARE(runRankpo({"stats", path("nope.rankpo")}).exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestCliDataCommands)
#include "tst_cli_data_commands.moc"
