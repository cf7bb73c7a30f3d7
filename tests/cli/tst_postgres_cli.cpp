// The CLI on a project on a PostgreSQL server: init, import, split, stats --json and export on a URL give what they
// give on a file; a bad URL or a missing project exits with 2 and says why. Uses the throw-away cluster of the
// pg_cluster fixture; skips without one.
#include "tests/cli/cli_runner.h"
#include "tests/support/pg_test_url.h"
#include "tests/support/test_files.h"

using rankpo::test::runRankpo;

class TestPostgresCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.path() + "/" + name; }
    QString sample(const char* name) const { return QString::fromStdString(rankpo::test::sampleFile(name)); }

private Q_SLOTS:
    void aServerProjectWorksAsAFile()
    {
        RANKPO_REQUIRE_PG_CLUSTER(base);
        const QString url = QString::fromStdString(rankpo::test::pgProjectUrl(base, "cli"));
        const QString file = path("sample.rankpo");
        for (const QString& project : {file, url}) {
            const auto init = runRankpo({"init", project});
            QVERIFY2(init.exitCode == 0, qPrintable(init.err));
            QVERIFY2(init.out.contains("Created " + project), qPrintable(init.out));
            const auto imported = runRankpo({"import", project, sample("annotated_pair_data-sample.jsonl"),
                                             sample("train_data-sample.jsonl")});
            QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
            QVERIFY(imported.out.contains("rankpo-pairs, 100 records"));
            QCOMPARE(runRankpo({"split", project, "--seed", "3"}).exitCode, 0);
        }
        const auto fileStats = runRankpo({"stats", file, "--json"});
        const auto urlStats = runRankpo({"stats", url, "--json"});
        QVERIFY2(urlStats.exitCode == 0, qPrintable(urlStats.err));
        QCOMPARE(urlStats.out, fileStats.out);
        QVERIFY(urlStats.out.contains("\"jobs\": 110"));
        for (const char* format : {"rankpo-pairs", "trl-dpo", "csv", "rankpo-contrastive", "trec-qrels"}) {
            const QString a = path(QString("file.") + format), b = path(QString("url.") + format);
            QCOMPARE(runRankpo({"export", file, a, "--format", format}).exitCode, 0);
            const auto r = runRankpo({"export", url, b, "--format", format, "--split", "all"});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QVERIFY2(rankpo::test::readFile(a.toStdString()) == rankpo::test::readFile(b.toStdString()), format);
        }
        // A second init of the same project is refused; the human-readable stats name the URL.
        QCOMPARE(runRankpo({"init", url}).exitCode, 2);
        QVERIFY(runRankpo({"stats", url}).out.startsWith(url));
    }

    void badUrlsAndMissingProjectsExitWith2()
    {
#ifndef RANKPO_WITH_POSTGRES
        const auto off = runRankpo({"init", "postgresql://ana:pw@127.0.0.1/db?project=p"});
        QCOMPARE(off.exitCode, 2);
        QVERIFY2(off.err.contains("this build has no PostgreSQL support") && !off.err.contains("pw@"), qPrintable(off.err));
        QSKIP("a build without PostgreSQL support");
#endif
        const auto noProject = runRankpo({"stats", "postgresql://ana:pw@127.0.0.1/db"});
        QCOMPARE(noProject.exitCode, 2);
        QVERIFY2(noProject.err.contains("names no project") && !noProject.err.contains("pw@"), qPrintable(noProject.err));
        const auto badName = runRankpo({"init", "postgresql://127.0.0.1/db?project=My-Jobs"});
        QCOMPARE(badName.exitCode, 2);
        QVERIFY2(badName.err.contains("not an SQL identifier"), qPrintable(badName.err));
        RANKPO_REQUIRE_PG_CLUSTER(base);
        const QString missing = QString::fromStdString(rankpo::test::pgProjectUrl(base, "missing"));
        const auto r = runRankpo({"stats", missing});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("no project missing_"), qPrintable(r.err));
        QCOMPARE(runRankpo({"import", missing, sample("train_data-sample.jsonl")}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestPostgresCli)
#include "tst_postgres_cli.moc"
