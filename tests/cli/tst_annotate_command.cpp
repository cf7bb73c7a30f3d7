// rankpo annotate from the outside: a judgement per person and pair, replacing their earlier one, bad input refused
// with nothing changed.
#include "cli_runner.h"
#include "core/domain/preference.h"
#include "db/judgement_reader.h"
#include "db/pair_details.h"
#include "db/project_store.h"

#include <QJsonDocument>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace rankpo;
using rankpo::test::runRankpo;

class TestAnnotateCommand : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_project;

    std::vector<Preference> humanJudgements(PairId pair, const std::string& annotator)
    {
        auto store = db::ProjectStore::open(m_project.toStdString());
        return db::JudgementReader(*store).ofPairBy(pair, PreferenceSource::Human, annotator);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_project = m_dir.filePath("team.rankpo");
        const auto r = runRankpo({"demo-data", m_project, "--jobs", "4", "--candidates", "20", "--pairs", "10"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void aJudgementIsStoredAndReplacesTheEarlierOne()
    {
        const auto first = runRankpo({"annotate", m_project, "--pair", "P1", "--choice", "A", "--annotator", "alice",
                                      "--confidence", "80", "--rationale", "stronger publications", "--json"});
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const QJsonObject j = QJsonDocument::fromJson(first.out.toUtf8()).object();
        QCOMPARE(j["pair"].toString(), QString("P1"));
        QCOMPARE(j["replaced"].toInt(), 0);
        auto stored = humanJudgements(1, "alice");
        QCOMPARE(stored.size(), std::size_t(1));
        QVERIFY(stored[0].choice == Choice::First);
        QCOMPARE(stored[0].confidence.value_or(-1), 80);
        QCOMPARE(stored[0].rationale, std::string("stronger publications"));
        const CandidateId shownFirst = stored[0].shownFirst;

        // Alice changes her mind, seeing the candidates the other way round: one judgement, the new one.
        const auto again = runRankpo({"annotate", m_project, "--pair", "1", "--choice", "a", "--shown-first", "second",
                                      "--annotator", "alice"});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY2(again.out.contains("replacing 1 earlier judgement"), qPrintable(again.out));
        stored = humanJudgements(1, "alice");
        QCOMPARE(stored.size(), std::size_t(1));
        QVERIFY(stored[0].shownFirst != shownFirst);
        QVERIFY(!stored[0].confidence.has_value());

        // Bob's judgement of the same pair stands beside hers.
        QCOMPARE(runRankpo({"annotate", m_project, "--pair", "P1", "--choice", "tie", "--annotator", "bob"}).exitCode, 0);
        QCOMPARE(humanJudgements(1, "bob").size(), std::size_t(1));
        QCOMPARE(humanJudgements(1, "alice").size(), std::size_t(1));
        // The team figures see both people.
        const auto audit = runRankpo({"audit", m_project, "--json"});
        QCOMPARE(audit.exitCode, 0);
        const QJsonObject team = QJsonDocument::fromJson(audit.out.toUtf8()).object()["agreement"].toObject()["team"].toObject();
        QCOMPARE(team["people"].toObject()["units"].toInt(), 1);
    }

    void badInputIsRefusedAndChangesNothing()
    {
        const auto before = humanJudgements(2, "carol");
        const auto check = [&](const QStringList& args, const char* expected) {
            const auto r = runRankpo(QStringList{"annotate", m_project} + args);
            QVERIFY2(r.exitCode == 2, qPrintable(r.out + r.err));
            QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        };
        check({"--pair", "P2", "--choice", "A"}, "--annotator");
        check({"--pair", "P999999", "--choice", "A", "--annotator", "carol"}, "no pair P999999");
        check({"--pair", "Q2", "--choice", "A", "--annotator", "carol"}, "is not a pair");
        check({"--pair", "P2", "--choice", "C", "--annotator", "carol"}, "choice");
        check({"--pair", "P2", "--choice", "A", "--annotator", "carol", "--confidence", "101"}, "confidence");
        QCOMPARE(humanJudgements(2, "carol").size(), before.size());
        const auto missing = runRankpo({"annotate", m_dir.filePath("none.rankpo"), "--pair", "P1", "--choice", "A",
                                        "--annotator", "x"});
        QVERIFY(missing.exitCode != 0);
    }

    // A script retries after a failure it could not tell from a lost reply: the same --client-id stores once.
    void theSameClientIdStoresOnce()
    {
        const QStringList args{"annotate", m_project, "--pair", "P3", "--choice", "B", "--annotator", "dave",
                               "--client-id", "script-run-7-P3", "--json"};
        const auto first = runRankpo(args);
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const QJsonObject j = QJsonDocument::fromJson(first.out.toUtf8()).object();
        QCOMPARE(j["client_id"].toString(), QString("script-run-7-P3"));
        QCOMPARE(j["already_stored"].toBool(), false);
        const auto again = runRankpo(args);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QCOMPARE(QJsonDocument::fromJson(again.out.toUtf8()).object()["already_stored"].toBool(), true);
        QCOMPARE(humanJudgements(3, "dave").size(), std::size_t(1));
        // Without --client-id each run makes its own: a second run is a new judgement that replaces the first.
        const auto made = runRankpo({"annotate", m_project, "--pair", "P3", "--choice", "A", "--annotator", "dave"});
        QVERIFY2(made.out.contains("replacing 1 earlier judgement"), qPrintable(made.out));
        QCOMPARE(humanJudgements(3, "dave").size(), std::size_t(1));
        const auto bad = runRankpo({"annotate", m_project, "--pair", "P3", "--choice", "A", "--annotator", "dave",
                                    "--client-id", "has space"});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("--client-id"), qPrintable(bad.err));
    }

    // rankpo assign gives every pair to k people; stats then counts each person's judged of assigned.
    void assignmentsAndProgress()
    {
        const auto bad = runRankpo({"assign", m_project, "--annotators", "alice,bob", "--per-pair", "3"});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("between 1 and"), qPrintable(bad.err));
        QCOMPARE(runRankpo({"assign", m_project, "--annotators", "alice,,bob"}).exitCode, 2);

        const auto r = runRankpo({"assign", m_project, "--annotators", "alice,bob,carol", "--per-pair", "2", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j["pairs"].toInt(), 10);
        QCOMPARE(j["added"].toInt(), 20);
        QCOMPARE(j["complete"].toInt(), 10);
        // Again: nothing new.
        const auto again = runRankpo({"assign", m_project, "--annotators", "alice,bob,carol", "--per-pair", "2", "--json"});
        QCOMPARE(QJsonDocument::fromJson(again.out.toUtf8()).object()["added"].toInt(), 0);

        const auto stats = runRankpo({"stats", m_project, "--json"});
        QCOMPARE(stats.exitCode, 0);
        const QJsonObject assigned = QJsonDocument::fromJson(stats.out.toUtf8()).object()["assignments"].toObject();
        QCOMPARE(assigned.size(), 3);
        int total = 0;
        for (const auto& name : {"alice", "bob", "carol"}) {
            const int n = assigned[name].toObject()["assigned"].toInt();
            QVERIFY2(n == 6 || n == 7, qPrintable(QString("%1: %2").arg(name).arg(n)));
            QVERIFY(assigned[name].toObject()["judged"].toInt() <= n);
            total += n;
        }
        QCOMPARE(total, 20);
        const auto text = runRankpo({"stats", m_project});
        QVERIFY2(text.out.contains("assigned      alice:"), qPrintable(text.out));
    }

    // P1: alice and bob disagree (an A and a tie): it is on the review queue until a reviewer decides it, and export
    // then writes the decision.
    void reviewAndAdjudicate()
    {
        auto r = runRankpo({"review", m_project, "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QVERIFY2(j["pairs"].toInt() >= 1, qPrintable(r.out));
        const QJsonObject first = j["items"].toArray()[0].toObject();
        QCOMPARE(first["pair"].toString(), QString("P1"));
        QCOMPARE(first["judgements"].toArray().size(), 2);
        const QString winner = first["candidates"].toArray()[1].toString();

        QCOMPARE(runRankpo({"adjudicate", m_project, "--pair", "P1", "--winner", "C99999", "--reviewer", "rita"}).exitCode, 2);
        QCOMPARE(runRankpo({"adjudicate", m_project, "--pair", "P1", "--winner", winner}).exitCode, 2); // no reviewer
        r = runRankpo({"adjudicate", m_project, "--pair", "P1", "--winner", winner, "--reviewer", "rita", "--note",
                       "the topic decides"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("rita decided " + winner), qPrintable(r.out));
        j = QJsonDocument::fromJson(runRankpo({"review", m_project, "--json"}).out.toUtf8()).object();
        for (const auto& item : j["items"].toArray())
            QVERIFY(item.toObject()["pair"].toString() != "P1");
        j = QJsonDocument::fromJson(runRankpo({"review", m_project, "--decided", "--json"}).out.toUtf8()).object();
        QCOMPARE(j["items"].toArray()[0].toObject()["decision"].toObject()["reviewer"].toString(), QString("rita"));

        const QString out = m_dir.filePath("decided.jsonl");
        r = runRankpo({"export", m_project, out, "--format", "trl-dpo", "--adjudication", "only"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("Wrote 1 rows") && r.out.contains("1 pairs as reviewers decided"), qPrintable(r.out));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject row = QJsonDocument::fromJson(file.readLine()).object();
        QCOMPARE(row["annotator"].toString(), QString("rita"));
        QCOMPARE(runRankpo({"adjudicate", m_project, "--pair", "P1", "--withdraw"}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestAnnotateCommand)
#include "tst_annotate_command.moc"
