// People and rights on a shared project (issue 15), with real login roles on the pg_cluster fixture's server (it
// trusts loopback, so a password is set but not asked): an owner with CREATEROLE sets the team up; an annotator
// writes only their own judgements and is refused the admin's and the reviewer's work with a message naming the
// right (exit 3), also when going round the program with SQL; a reviewer decides; blind mode hides others'
// judgements of a pair until one has judged it; a person removed reads nothing; a pulled snapshot keeps the team.
// Skips without a cluster.
#include "cli_runner.h"
#include "core/util/error.h"
#include "db/project_location.h"
#include "db/project_store.h"
#include "db/sql/connection.h"
#include "db/store_access.h"
#include "tests/support/pg_test_url.h"
#include "tests/support/test_files.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <fstream>

using namespace rankpo;
using rankpo::test::runRankpo;

namespace {

QJsonObject statsOf(const QString& url)
{
    const auto r = runRankpo({"stats", url, "--json"});
    if (r.exitCode != 0)
        qWarning("stats %s: %s", qPrintable(url), qPrintable(r.err));
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

int annotatorCount(const QJsonObject& stats, const QString& name)
{
    return stats["annotators"].toObject()[name].toInt();
}

// What the server says when a statement breaks a rule: the error's kind, or nullopt when it ran.
std::optional<ErrorKind> runAs(const std::string& url, const std::string& sql)
{
    try {
        auto store = db::ProjectStore::open(url);
        db::connectionOf(*store).exec(sql);
        return std::nullopt;
    } catch (const Error& e) {
        return e.kind();
    }
}

} // namespace

class TestPostgresTeamRights : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aProjectFileHasNoTeam()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("solo.rankpo");
        QCOMPARE(runRankpo({"demo-data", file, "--jobs", "3", "--candidates", "8", "--pairs", "4"}).exitCode, 0);
        const auto init = runRankpo({"team", "init", file});
        QCOMPARE(init.exitCode, 2);
        QVERIFY2(init.err.contains("a project file has no team; share it on a PostgreSQL server first"), qPrintable(init.err));
        const auto add = runRankpo({"team", "add", file, "--user", "bob", "--role", "annotator", "--no-password"});
        QCOMPARE(add.exitCode, 2);
        const auto list = runRankpo({"team", "list", file});
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(list.out.contains("a project file, which enforces no rights"), qPrintable(list.out));
    }

    void rolesRightsAndBlindMode()
    {
#ifndef RANKPO_WITH_POSTGRES
        QSKIP("a build without PostgreSQL support");
#endif
        RANKPO_REQUIRE_PG_CLUSTER(base);
        const std::string url = test::pgProjectUrl(base, "rights");
        const std::string schema = url.substr(url.find("?project=") + 9);
        // Roles are the cluster's: their names carry the project's, which is this run's own.
        const std::string alice = schema + "_alice", bob = schema + "_bob", carol = schema + "_carol",
                          dave = schema + "_dave", eve = schema + "_eve",
                          frank = schema + "_frank";
        auto super = db::ProjectStore::open(base + "?project=" + schema + "_admin", db::ProjectStore::OpenMode::Create);
        auto& sql = db::connectionOf(*super);
        sql.exec("CREATE ROLE " + alice + " LOGIN CREATEROLE");
        {
            auto st = sql.prepare("SELECT current_database()");
            QVERIFY(st.step());
            sql.exec("GRANT CREATE ON DATABASE \"" + st.text(0) + "\" TO " + alice);
        }
        sql.exec("CREATE ROLE " + eve + " LOGIN");
        sql.exec("CREATE ROLE " + frank + " LOGIN");
        const auto as = [&url](const std::string& role) { return QString::fromStdString(db::locationAsUser(url, role)); };
        const QString asAlice = as(alice), asBob = as(bob), asCarol = as(carol), asDave = as(dave), asEve = as(eve),
                      asFrank = as(frank);
        const QString bobName = QString::fromStdString(bob), projectName = QString::fromStdString(schema);

        // The owner makes the project and its team.
        auto r = runRankpo({"demo-data", asAlice, "--jobs", "6", "--candidates", "24", "--pairs", "12"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runRankpo({"team", "add", asAlice, "--user", QString::fromStdString(bob), "--role", "annotator", "--no-password"});
        QCOMPARE(r.exitCode, 2); // before team init
        QVERIFY2(r.err.contains("the project's team is not set up yet"), qPrintable(r.err));
        r = runRankpo({"team", "init", asAlice, "--name", "Alice"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QTemporaryDir dir;
        const QString passwordFile = dir.filePath("bob.password");
        std::ofstream(passwordFile.toStdString()) << "correct horse\n";
        r = runRankpo({"team", "add", asAlice, "--user", bobName, "--role", "annotator", "--name", "Bob",
                       "--password-file", passwordFile});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("a new login role, password set"), qPrintable(r.out));
        for (const auto& [who, role] : {std::pair{carol, "reviewer"}, std::pair{dave, "annotator"}}) {
            r = runRankpo({"team", "add", asAlice, "--user", QString::fromStdString(who), "--role", role, "--no-password"});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        {
            // The server keeps a hash, never the password.
            auto st = sql.prepare("SELECT rolpassword FROM pg_authid WHERE rolname = ?");
            st.bind(1, bob);
            QVERIFY(st.step());
            QVERIFY2(st.text(0).rfind("SCRAM-SHA-256$", 0) == 0 || st.text(0).rfind("md5", 0) == 0, st.text(0).c_str());
            QVERIFY(st.text(0).find("correct horse") == std::string::npos);
        }
        r = runRankpo({"team", "list", asCarol, "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject team = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(team["rights"].toBool(), true);
        QCOMPARE(team["you"].toString(), QString::fromStdString(carol));
        QCOMPARE(team["members"].toArray().size(), 4);
        QCOMPARE(team["members"].toArray()[1].toObject()["name"].toString(), QStringLiteral("Bob"));

        // An annotator: the admin's work is refused up front, naming the right; nothing changes.
        const QJsonObject before = statsOf(asAlice);
        const QString refusal = bobName + " is an annotator on project " + projectName + "; ";
        const QString sample = QString::fromStdString(test::sampleFile("annotated_pair_data-sample.jsonl"));
        const std::vector<std::pair<QStringList, QString>> adminWork = {
            {{"import", asBob, sample}, "importing needs the admin right"},
            {{"split", asBob, "--test-fraction", "0.5"}, "splitting the jobs needs the admin right"},
            {{"assign", asBob, "--annotators", bobName, "--per-pair", "1"}, "assigning pairs needs the admin right"},
            {{"make-pairs", asBob, "--per-job", "2"}, "making pairs needs the admin right"},
            {{"score", asBob}, "scoring pairs needs the admin right"},
            {{"team", "add", asBob, "--user", "mallory", "--role", "admin", "--no-password"},
             "adding people to the team needs the admin right"},
            {{"team", "blind", asBob, "on"}, "setting blind mode needs the admin right"},
            {{"adjudicate", asBob, "--pair", "P1", "--winner", "tie"}, "adjudicating needs the reviewer right"},
        };
        for (const auto& [args, why] : adminWork) {
            r = runRankpo(args);
            QVERIFY2(r.exitCode == 3, qPrintable(args.join(' ') + ": " + QString::number(r.exitCode) + " " + r.err));
            QVERIFY2(r.err.contains(refusal + why), qPrintable(r.err));
        }
        QCOMPARE(statsOf(asAlice), before);

        // Their own judgements they make; another's the server refuses, whatever the client.
        r = runRankpo({"annotate", asBob, "--pair", "P1", "--choice", "A"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(runAs(asBob.toStdString(), "INSERT INTO preferences (pair_id, source, annotator, shown_first, choice, "
                                            "created_at) SELECT id, 'human', '" + dave + "', candidate_lo, 'first', 0 "
                                            "FROM pairs WHERE id = 2"),
                 std::optional<ErrorKind>(ErrorKind::Forbidden));
        QCOMPARE(runAs(asBob.toStdString(), "DELETE FROM jobs"), std::optional<ErrorKind>(ErrorKind::Forbidden));
        QCOMPARE(runAs(asBob.toStdString(), "INSERT INTO model_scores (model, job_id, candidate_id, score) "
                                            "SELECT 'm', job_id, candidate_lo, 0.5 FROM pairs WHERE id = 1"),
                 std::optional<ErrorKind>(ErrorKind::Forbidden));
        // The AI's judgements are the admin's: an annotator's UPDATE finds no row it may touch.
        QCOMPARE(runAs(asBob.toStdString(), "UPDATE preferences SET rationale = 'mine' WHERE source = 'ai'"), std::nullopt);
        QCOMPARE(annotatorCount(statsOf(asAlice), "human:" + bobName), 1);

        // A reviewer decides; an admin's work stays refused to them.
        r = runRankpo({"adjudicate", asCarol, "--pair", "P1", "--winner", "tie", "--note", "both fit"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QString::fromStdString(carol) + " decided a tie"), qPrintable(r.out));
        r = runRankpo({"import", asCarol, sample});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QString::fromStdString(carol) + " is a reviewer on project " + projectName
                                + "; importing needs the admin right"),
                 qPrintable(r.err));

        // Someone the project was not shared with reads nothing.
        r = runRankpo({"stats", asEve});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QString::fromStdString(eve) + " is not a member of project " + projectName), qPrintable(r.err));

        // An admin who does not own the project gives and takes rights too (through the owner's function).
        r = runRankpo({"team", "add", asAlice, "--user", QString::fromStdString(frank), "--role", "admin", "--no-password"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runRankpo({"team", "add", asFrank, "--user", QString::fromStdString(eve), "--role", "annotator", "--no-password"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runRankpo({"stats", asEve});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runRankpo({"team", "remove", asFrank, "--user", QString::fromStdString(eve)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runRankpo({"stats", asEve});
        QCOMPARE(r.exitCode, 3);
        // The function is no way round the rules: an annotator calling it is refused, PUBLIC is no member.
        QCOMPARE(runAs(asBob.toStdString(), "SELECT rankpo_team_grant('" + bob + "', 'admin')"),
                 std::optional<ErrorKind>(ErrorKind::Forbidden));
        QVERIFY(runAs(asFrank.toStdString(), "SELECT rankpo_team_grant('public', 'annotator')").has_value());
        r = runRankpo({"stats", asEve});
        QCOMPARE(r.exitCode, 3);

        // Blind mode: dave's judgement of P2 (and the AI's) is hidden from bob until bob judges P2.
        r = runRankpo({"annotate", asDave, "--pair", "P2", "--choice", "B"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString daveName = "human:" + QString::fromStdString(dave);
        QCOMPARE(annotatorCount(statsOf(asBob), daveName), 1); // blind mode off: everyone's
        r = runRankpo({"team", "blind", asAlice, "on"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QJsonObject bobSees = statsOf(asBob);
        QCOMPARE(annotatorCount(bobSees, daveName), 0);
        const int aiSeen = bobSees["preferences"].toObject()["ai"].toInt();
        QVERIFY(aiSeen < before["preferences"].toObject()["ai"].toInt());
        QCOMPARE(annotatorCount(statsOf(asCarol), daveName), 1); // a reviewer sees everything
        r = runRankpo({"annotate", asBob, "--pair", "P2", "--choice", "A"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        bobSees = statsOf(asBob);
        QCOMPARE(annotatorCount(bobSees, daveName), 1);
        QVERIFY(bobSees["preferences"].toObject()["ai"].toInt() >= aiSeen);

        // A project of the previous release (schema 7, before the grant function) whose team lacks a table's
        // rights, as after an update that adds tables: members wait for the owner's upgrade, which grants again.
        sql.exec("REVOKE SELECT ON " + schema + ".jobs FROM " + bob + "; DROP FUNCTION " + schema
                 + ".rankpo_team_grant(TEXT, TEXT); UPDATE " + schema + ".rankpo_schema SET version = 7");
        r = runRankpo({"stats", asBob});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("needs upgrading to schema"), qPrintable(r.err));
        QVERIFY2(r.err.contains("its owner (" + QString::fromStdString(alice) + ")"), qPrintable(r.err));
        QVERIFY2(runRankpo({"stats", asAlice}).exitCode == 0, "the owner upgrades");
        r = runRankpo({"stats", asBob});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        // A pulled snapshot records the team; a person removed reads nothing more.
        const QString snapshot = dir.filePath("snapshot.rankpo");
        r = runRankpo({"pull", asCarol, snapshot});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runRankpo({"team", "list", snapshot});
        QVERIFY2(r.exitCode == 0 && r.out.contains(bobName + " (Bob): annotator"), qPrintable(r.out + r.err));
        r = runRankpo({"team", "remove", asAlice, "--user", bobName});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runRankpo({"stats", asBob});
        QCOMPARE(r.exitCode, 3);
        r = runRankpo({"team", "remove", asAlice, "--user", QString::fromStdString(alice)});
        QCOMPARE(r.exitCode, 2); // the owner keeps every right
        QVERIFY2(r.err.contains("owns project"), qPrintable(r.err));

        // Leave the cluster as found: the project goes with its owner's objects, then the roles.
        super.reset();
        auto cleanup = db::ProjectStore::open(base + "?project=" + schema + "_admin");
        const std::string roles = alice + ", " + bob + ", " + carol + ", " + dave + ", " + eve + ", " + frank;
        db::connectionOf(*cleanup).exec("DROP OWNED BY " + roles + " CASCADE; DROP ROLE " + roles + "; DROP SCHEMA "
                                        + schema + "_admin CASCADE");
    }
};

QTEST_GUILESS_MAIN(TestPostgresTeamRights)
#include "tst_postgres_team_rights.moc"
