// Eight annotators at once on a PostgreSQL project (issue 15), each a login role of its own streaming `rankpo
// annotate` processes: on a server the annotator is the connected role, so every writer connects as itself. All
// 400 judgements are stored, exactly once each, under the eight names; a role the project was not shared with is
// refused and stores nothing. Against the pg_cluster fixture's server (it trusts loopback: no passwords); skips
// without one.
#include "cli_runner.h"
#include "db/project_location.h"
#include "db/project_store.h"
#include "db/sql/connection.h"
#include "db/store_access.h"
#include "tests/support/pg_test_url.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <memory>
#include <unistd.h>
#include <vector>

using namespace rankpo;
using rankpo::test::runRankpo;

namespace {

constexpr int kWriters = 8;
constexpr int kPerWriter = 50;

// One writer: a shell loop of annotate calls, each its own process, connection and transaction.
std::unique_ptr<QProcess> startWriter(const QString& project, int writer)
{
    QString script = QStringLiteral("set -e; for p in $(seq 1 %1); do \"%2\" annotate \"%3\" --pair P$p --choice %4 "
                                    ">/dev/null; done")
                         .arg(kPerWriter)
                         .arg(QStringLiteral(RANKPO_BINARY_DIR "/bin/rankpo"), project)
                         .arg(writer % 2 ? "A" : "B");
    auto process = std::make_unique<QProcess>();
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->start(QStringLiteral("bash"), {QStringLiteral("-c"), script});
    return process;
}

} // namespace

class TestPostgresConcurrentAnnotators : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void eightRolesFourHundredJudgements()
    {
#ifndef RANKPO_WITH_POSTGRES
        QSKIP("a build without PostgreSQL support");
#endif
        RANKPO_REQUIRE_PG_CLUSTER(base);
        const std::string url = test::pgProjectUrl(base, "team8");
        const std::string schema = url.substr(url.find("?project=") + 9);
        const auto made = runRankpo({"demo-data", QString::fromStdString(url), "--jobs", "10", "--candidates", "40",
                                     "--pairs", QString::number(kPerWriter)});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        const auto before = QJsonDocument::fromJson(runRankpo({"stats", QString::fromStdString(url), "--json"}).out.toUtf8()).object();
        const int human = before["preferences"].toObject()["human"].toInt();

        // The project shared with a team role; each writer a login role in it (roles are the cluster's, so their
        // names carry the schema's, which is this run's own).
        auto owner = db::ProjectStore::open(url);
        auto& sql = db::connectionOf(*owner);
        const std::string team = schema + "_team";
        sql.exec("CREATE ROLE " + team + " NOLOGIN; GRANT USAGE ON SCHEMA " + schema + " TO " + team
                 + "; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + team
                 + "; GRANT USAGE ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + team);
        std::vector<std::string> roles;
        for (int w = 0; w < kWriters; ++w) {
            roles.push_back(schema + "_w" + std::to_string(w));
            sql.exec("CREATE ROLE " + roles.back() + " LOGIN IN ROLE " + team);
        }
        sql.exec("CREATE ROLE " + schema + "_outsider LOGIN");

        QElapsedTimer clock;
        clock.start();
        std::vector<std::unique_ptr<QProcess>> writers;
        for (int w = 0; w < kWriters; ++w)
            writers.push_back(startWriter(QString::fromStdString(db::locationAsUser(url, roles[w])), w));
        for (auto& w : writers) {
            QVERIFY(w->waitForFinished(60000));
            QVERIFY2(w->exitStatus() == QProcess::NormalExit && w->exitCode() == 0, w->readAll().constData());
        }
        qInfo("%d writers x %d judgements on the server in %.1f s", kWriters, kPerWriter, clock.elapsed() / 1000.0);

        auto stats = db::ProjectStore::open(url)->stats();
        QCOMPARE(stats.preferencesHuman, std::int64_t(human + kWriters * kPerWriter));
        for (const std::string& role : roles)
            QCOMPARE(stats.annotators.at("human:" + role), std::int64_t(kPerWriter));

        // A retry of a judgement already made replaces it; a name other than one's own is refused.
        const QString first = QString::fromStdString(db::locationAsUser(url, roles[0]));
        QCOMPARE(runRankpo({"annotate", first, "--pair", "P1", "--choice", "A"}).exitCode, 0);
        const auto other = runRankpo({"annotate", first, "--pair", "P2", "--choice", "A", "--annotator", "someone"});
        QCOMPARE(other.exitCode, 2);
        QVERIFY2(other.err.contains("you are connected as " + QString::fromStdString(roles[0])), qPrintable(other.err));
        // A role the project was not shared with: refused (exit 3), told why, nothing stored.
        const auto outsider = runRankpo(
            {"annotate", QString::fromStdString(db::locationAsUser(url, schema + "_outsider")), "--pair", "P1", "--choice", "A"});
        QCOMPARE(outsider.exitCode, 3);
        QVERIFY2(outsider.err.contains(QString::fromStdString(schema + "_outsider is not a member of project " + schema)),
                 qPrintable(outsider.err));
        stats = db::ProjectStore::open(url)->stats();
        QCOMPARE(stats.preferencesHuman, std::int64_t(human + kWriters * kPerWriter));

        // Leave the cluster as found (a run by hand reuses it): the roles go, the project's grants with them.
        std::string drop = "DROP OWNED BY " + team + "; DROP ROLE " + schema + "_outsider";
        for (const std::string& role : roles)
            drop += ", " + role;
        sql.exec(drop + ", " + team);
    }
};

QTEST_GUILESS_MAIN(TestPostgresConcurrentAnnotators)
#include "tst_postgres_concurrent_annotators.moc"
