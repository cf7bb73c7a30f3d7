// Runs of a project on a server stay files on the machine that trained (issue 15): `rankpo train URL --runs-dir
// DIR` writes the model folder in DIR and the shared project records that path; without it the folder goes under
// $XDG_DATA_HOME/rankpo-studio/runs/HOST-PORT_DB_PROJECT/. The default itself is checked for files and URLs in
// every build; the training against the pg_cluster fixture's server (skips without one).
#include "cli_runner.h"
#include "tests/support/pg_test_url.h"
#include "workflows/runs_location.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using rankpo::test::runRankpo;
namespace fs = std::filesystem;

class TestPostgresTrainingRuns : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    const QString m_tiny = QStringLiteral(RANKPO_SOURCE_DIR "/tests/reference/tiny-cls-bert");
    QStringList tinyOptions() const
    {
        return {"--base", m_tiny, "--max-length-job", "16", "--max-length-candidate", "16", "--batch-size", "4",
                "--grad-accum", "1", "--lr", "1e-3", "--epochs", "1", "--no-epoch-eval"};
    }
    static QJsonObject runNamed(const QString& project, const QString& name)
    {
        const auto runs = runRankpo({"runs", project, "--json"});
        for (const auto& r : QJsonDocument::fromJson(runs.out.toUtf8()).array())
            if (r.toObject()["name"].toString() == name)
                return r.toObject();
        return {};
    }

private Q_SLOTS:
    void theDefaultFolder()
    {
        using rankpo::workflows::defaultRunsDirectory;
        QCOMPARE(defaultRunsDirectory("/data/jobs.rankpo"), fs::path("/data/jobs.rankpo.runs"));
        qputenv("XDG_DATA_HOME", "/xdg");
        QCOMPARE(defaultRunsDirectory("postgresql://ana:secret@db.example.org:6543/team?project=jobs"),
                 fs::path("/xdg/rankpo-studio/runs/db.example.org-6543_team_jobs"));
        QCOMPARE(defaultRunsDirectory("postgres://db.example.org/team?project=jobs"),
                 fs::path("/xdg/rankpo-studio/runs/db.example.org_team_jobs"));
        qunsetenv("XDG_DATA_HOME");
        qputenv("HOME", "/home/ana");
        QCOMPARE(defaultRunsDirectory("postgresql://127.0.0.1/team?project=jobs"),
                 fs::path("/home/ana/.local/share/rankpo-studio/runs/127.0.0.1_team_jobs"));
        QVERIFY_THROWS_EXCEPTION(std::exception, defaultRunsDirectory(":memory:"));
    }

    void aServerProjectsRunsStayOnThisMachine()
    {
#ifndef RANKPO_WITH_POSTGRES
        QSKIP("a build without PostgreSQL support");
#endif
        RANKPO_REQUIRE_PG_CLUSTER(base);
        const std::string urlText = rankpo::test::pgProjectUrl(base, "runs");
        const QString url = QString::fromStdString(urlText);
        QCOMPARE(runRankpo({"demo-data", url, "--jobs", "10", "--candidates", "300", "--pairs", "80"}).exitCode, 0);
        QCOMPARE(runRankpo({"split", url}).exitCode, 0);
        const QString xdg = m_dir.path() + "/xdg";
        qputenv("XDG_DATA_HOME", xdg.toUtf8());

        const QString runs = m_dir.path() + "/my-runs";
        auto r = runRankpo(QStringList{"train", "rankpo", url, "--name", "here", "--runs-dir", runs} + tinyOptions());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QDir(runs + "/here").exists());
        QCOMPARE(runNamed(url, "here")["checkpoint_dir"].toString(), runs + "/here");

        r = runRankpo(QStringList{"train", "rankpo", url, "--name", "default"} + tinyOptions());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString expected = QString::fromStdString(rankpo::workflows::defaultRunsDirectory(urlText).string()) + "/default";
        QVERIFY2(expected.startsWith(xdg + "/rankpo-studio/runs/127.0.0.1-"), qPrintable(expected));
        QVERIFY(QDir(expected).exists());
        QCOMPARE(runNamed(url, "default")["checkpoint_dir"].toString(), expected);
        QVERIFY(!QDir(m_dir.path() + "/xdg").isEmpty());
        qunsetenv("XDG_DATA_HOME");
    }
};

QTEST_GUILESS_MAIN(TestPostgresTrainingRuns)
#include "tst_postgres_training_runs.moc"
