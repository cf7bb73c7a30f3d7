// `rankpo judge` from the outside, against the loopback OpenAI-compatible test server with injected faults:
// exact counts stored after each run, a second run asks only what is pending, Ctrl+C keeps every finished
// answer and the resumed run stores each pair once, the key never reaches the project file, both orders find
// the scripted flips, and on the paper's sample `rankpo train rankpo --drop-inconsistent` trains on the result.
#include "db/judge_run_store.h"
#include "db/project_store.h"
#include "db/project_writer.h"
#include "db/store_access.h"
#include "db/training_data.h"

#include "tests/cli/cli_runner.h"
#include "tests/support/openai_test_server.h"
#include "tests/support/test_files.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <csignal>
#include <map>
#include <set>

using namespace rankpo;
using rankpo::test::CliResult;
using rankpo::test::OpenAITestServer;

namespace {

const QString kKey = QStringLiteral("sk-judge-test-5e4d3c2b1a-TOPSECRET");
const QString kRankpo = QStringLiteral(RANKPO_BINARY_DIR "/bin/rankpo");

QProcessEnvironment environmentWithKey()
{
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert("JUDGE_TEST_KEY", kKey);
    env.remove("OPENAI_API_KEY");
    return env;
}

CliResult run(const QStringList& args)
{
    QProcess p;
    p.setProcessEnvironment(environmentWithKey());
    p.start(kRankpo, args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return {-2, {}, QStringLiteral("timed out")};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QJsonObject json(const CliResult& r)
{
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

const std::string kJob = "Postdoctoral researcher in graph neural networks for molecular property prediction.";

// A project with one job and a pair per candidate text: (good, candidate) for each.
std::string makeProject(const QTemporaryDir& dir, const std::string& name, const std::vector<std::string>& candidates)
{
    const std::string path = dir.path().toStdString() + "/" + name;
    auto store = db::ProjectStore::open(path, db::ProjectStore::OpenMode::Create);
    db::WriteTransaction tx(*store);
    db::ProjectWriter w(*store);
    const auto job = w.addJob(kJob);
    const auto good = w.addCandidate("<keyword>Graph neural networks<sep>Molecular property prediction</keyword>");
    for (const auto& text : candidates)
        w.addPair(job, good, w.addCandidate(text));
    tx.commit();
    return path;
}

struct Stored {
    std::int64_t preferences = 0;
    std::int64_t distinctAnswers = 0; // (pair, shown first)
    std::map<std::string, std::int64_t> failures;
    std::vector<db::JudgeRunRecord> runs;
};

Stored stored(const std::string& path, const std::string& annotator = "test-judge")
{
    auto store = db::ProjectStore::open(path, db::ProjectStore::OpenMode::ReadOnly);
    db::PreferenceFilter filter;
    filter.annotator = annotator;
    Stored s;
    std::set<std::pair<PairId, CandidateId>> answers;
    for (const auto& p : store->preferences(filter)) {
        ++s.preferences;
        answers.insert({p.pairId, p.shownFirst});
    }
    s.distinctAnswers = static_cast<std::int64_t>(answers.size());
    db::JudgeRunStore runs(*store);
    s.runs = runs.list();
    for (const auto& r : s.runs)
        for (const auto& [kind, n] : runs.failureCounts(r.id))
            s.failures[kind] += n;
    return s;
}

QStringList judgeArgs(const std::string& project, const OpenAITestServer& server)
{
    return {"judge", QString::fromStdString(project), "--endpoint", QString::fromStdString(server.baseUrl()),
            "--judge-model", "test-judge", "--api-key-env", "JUDGE_TEST_KEY", "--json"};
}

void expectNoKeyIn(const std::string& project)
{
    for (const char* suffix : {"", "-wal", "-journal"}) {
        const std::string bytes = test::readFile(project + suffix);
        QVERIFY2(bytes.find(kKey.toStdString()) == std::string::npos, suffix);
    }
}

} // namespace

class TestJudgeCommand : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void faultsEndAsTheirKindsWithExactCounts()
    {
        OpenAITestServer server;
        const std::string project = makeProject(
            m_dir, "faults.rankpo",
            {"<keyword>Graph theory</keyword> [[fault:429:retry_after=1]]", "<keyword>Networks</keyword> [[fault:500]]",
             "<keyword>Slow answers</keyword> [[fault:slow:seconds=3]]", "<keyword>Bad JSON</keyword> [[fault:malformed]]",
             "<keyword>No line</keyword> [[fault:no_preferred]]", "<keyword>Cut</keyword> [[fault:cut_off]]",
             "<keyword>Thinking</keyword> [[fault:think]]", "<keyword>Medieval history</keyword>",
             "<keyword>Molecular chemistry</keyword>"});
        QStringList args = judgeArgs(project, server) + QStringList{"--timeout", "1", "--max-retries", "1"};
        const auto first = run(args);
        QVERIFY2(first.exitCode == 0, qPrintable(first.err + first.out));
        QJsonObject s = json(first);
        QCOMPARE(s["status"].toString(), QString("done"));
        QCOMPARE(s["pending"].toInt(), 9);
        QCOMPARE(s["judged"].toInt(), 5); // 429 and 500 after a retry, think, two plain ones
        QCOMPARE(s["failed"].toInt(), 4);
        QCOMPARE(s["retried"].toInt(), 3); // 429, 500, and the timeout's one retry
        const QJsonObject kinds = s["failed_by_kind"].toObject();
        QCOMPARE(kinds["timeout"].toInt(), 1);
        QCOMPARE(kinds["malformed_reply"].toInt(), 1);
        QCOMPARE(kinds["no_preferred_line"].toInt(), 1);
        QCOMPARE(kinds["cut_off"].toInt(), 1);
        QVERIFY(s["prompt_tokens"].toInt() > 0);
        QVERIFY(!s["masked_personal_details"].toBool()); // loopback

        Stored db = stored(project);
        QCOMPARE(db.preferences, std::int64_t(5));
        QCOMPARE(db.failures["timeout"], std::int64_t(1));
        QCOMPARE(db.failures["malformed_reply"], std::int64_t(1));
        QCOMPARE(db.failures["no_preferred_line"], std::int64_t(1));
        QCOMPARE(db.failures["cut_off"], std::int64_t(1));
        QCOMPARE(db.runs.size(), std::size_t(1));
        QVERIFY(db.runs[0].status == db::RunStatus::Done);
        QCOMPARE(db.runs[0].counts.judged, std::int64_t(5));
        QCOMPARE(db.runs[0].counts.failed, std::int64_t(4));
        QCOMPARE(db.runs[0].counts.retried, std::int64_t(3));
        QCOMPARE(db.runs[0].endpointHost, "http://127.0.0.1:" + std::to_string(server.port()));
        {
            // The think block stays in the raw response; a failure keeps its raw text.
            auto store = db::ProjectStore::open(project, db::ProjectStore::OpenMode::ReadOnly);
            db::JudgeRunStore runs(*store);
            bool cutOffText = false;
            for (const auto& f : runs.failures(db.runs[0].id))
                cutOffText |= f.kind == "cut_off" && f.response.find("Comparison") != std::string::npos;
            QVERIFY(cutOffText);
            auto st = db::connectionOf(*store).prepare(
                "SELECT count(*), sum(response LIKE '%<think>%'), sum(usage LIKE '%\"total_tokens\"%'), "
                "sum(seconds > 0), sum(judge_run_id IS NOT NULL) FROM preferences");
            QVERIFY(st.step());
            QCOMPARE(st.int64(0), std::int64_t(5));
            QCOMPARE(st.int64(1), std::int64_t(1)); // the think block is kept in the raw response
            QCOMPARE(st.int64(2), std::int64_t(5));
            QCOMPARE(st.int64(3), std::int64_t(5));
            QCOMPARE(st.int64(4), std::int64_t(5));
        }
        // The key went out as a bearer token and is nowhere in the project.
        const auto stats = server.stats();
        bool bearer = false;
        for (const auto& a : stats["authorization"])
            bearer |= a.is_string() && a.get<std::string>() == "Bearer " + kKey.toStdString();
        QVERIFY(bearer);
        expectNoKeyIn(project);

        // A second run asks only the four that failed: they fail the same way again.
        server.reset();
        const auto second = run(args);
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        s = json(second);
        QCOMPARE(s["pending"].toInt(), 4);
        QCOMPARE(s["judged"].toInt(), 0);
        QCOMPARE(s["failed"].toInt(), 4);
        db = stored(project);
        QCOMPARE(db.preferences, std::int64_t(5));
        QCOMPARE(db.failures["timeout"], std::int64_t(2));
        QCOMPARE(db.runs.size(), std::size_t(2));
        // --rejudge asks all nine again; the same answers replace the old ones (still five preferences).
        const auto again = run(args + QStringList{"--rejudge"});
        QCOMPARE(json(again)["pending"].toInt(), 9);
        QCOMPARE(stored(project).preferences, std::int64_t(5));

        // `rankpo runs` lists the judge runs beside training runs.
        const auto runs = run({"runs", QString::fromStdString(project), "--json"});
        QCOMPARE(runs.exitCode, 0);
        const QJsonArray list = QJsonDocument::fromJson(runs.out.toUtf8()).array();
        QCOMPARE(list.size(), 3);
        QCOMPARE(list[0].toObject()["kind"].toString(), QString("judge"));
        QCOMPARE(list[0].toObject()["judged"].toInt(), 5);
        QVERIFY(!runs.out.contains(kKey));
        QVERIFY(run({"runs", QString::fromStdString(project)}).out.contains("judge-1"));
        expectNoKeyIn(project);
    }

    void dryRunSendsNothingAndBadOptionsAreUsageErrors()
    {
        OpenAITestServer server;
        const std::string project = makeProject(m_dir, "dry.rankpo", {"<keyword>Graph theory</keyword>"});
        const auto dry = run(judgeArgs(project, server) + QStringList{"--dry-run"});
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err));
        QVERIFY(dry.out.contains("POST " + QString::fromStdString(server.baseUrl()) + "/chat/completions"));
        QVERIFY(dry.out.contains("\"model\":\"test-judge\""));
        QVERIFY(dry.out.contains("Graph theory"));
        QVERIFY(!dry.out.contains(kKey) && !dry.err.contains(kKey));
        QCOMPARE(server.stats()["requests"].get<int>(), 0);
        QCOMPARE(stored(project).runs.size(), std::size_t(0));

        // A template: another rater (model#hash); a template without a placeholder is refused with its line.
        const std::string prompt = test::writeFile(m_dir, "prompt.txt",
                                                   "[user]\nJob:\n<job_description>\n{job}\n</job_description>\n"
                                                   "<candidate_a>\n{candidate_a}\n</candidate_a>\n"
                                                   "<candidate_b>\n{candidate_b}\n</candidate_b>\nAnswer with Preferred: A or B.\n");
        const auto templated = run(judgeArgs(project, server) + QStringList{"--prompt", QString::fromStdString(prompt)});
        QVERIFY2(templated.exitCode == 0, qPrintable(templated.err));
        QVERIFY(json(templated)["annotator"].toString().startsWith("test-judge#"));
        QCOMPARE(json(templated)["judged"].toInt(), 1);
        const std::string broken = test::writeFile(m_dir, "broken.txt", "[user]\n{job} {candidate_a}\n");
        QCOMPARE(run(judgeArgs(project, server) + QStringList{"--prompt", QString::fromStdString(broken)}).exitCode, 2);

        QCOMPARE(run(judgeArgs(project, server) + QStringList{"--split", "dev"}).exitCode, 2);
        QCOMPARE(run({"judge", QString::fromStdString(project), "--endpoint", "ftp://x/v1", "--judge-model", "m"}).exitCode, 2);
        QCOMPARE(run(judgeArgs(project, server) + QStringList{"--mask-personal-details", "--no-mask-personal-details"}).exitCode, 2);
        const auto missingFile = run(judgeArgs(project, server) + QStringList{"--api-key-file", "/nonexistent/key"});
        QCOMPARE(missingFile.exitCode, 1);
        // Plain http to a host other than loopback warns (a dry run: nothing is sent).
        const auto remote = run({"judge", QString::fromStdString(project), "--endpoint", "http://judge.example.com/v1",
                                 "--judge-model", "m", "--dry-run"});
        QCOMPARE(remote.exitCode, 0);
        QVERIFY2(remote.err.contains("warning"), qPrintable(remote.err));
        QVERIFY(remote.err.contains("masked"));

        // Texts that leave the machine are masked unless told otherwise; on loopback only when asked.
        const std::string personal = makeProject(m_dir, "personal.rankpo",
                                                 {"Jane Doe, jane.doe@example.org, +44 20 7946 0958\n<keyword>Graphs</keyword>"});
        const QStringList remoteArgs{"judge", QString::fromStdString(personal), "--endpoint", "https://judge.example.com/v1",
                                     "--judge-model", "m", "--dry-run"};
        const auto masked = run(remoteArgs);
        QVERIFY2(masked.exitCode == 0, qPrintable(masked.err));
        QVERIFY(masked.out.contains("Graphs"));
        QVERIFY2(!masked.out.contains("jane.doe@example.org"), qPrintable(masked.out));
        const auto unmasked = run(remoteArgs + QStringList{"--no-mask-personal-details"});
        QVERIFY(unmasked.out.contains("jane.doe@example.org"));
        QVERIFY(unmasked.err.contains("sent as they are"));
        QVERIFY(run(judgeArgs(personal, server) + QStringList{"--dry-run"}).out.contains("jane.doe@example.org"));
        QVERIFY(!run(judgeArgs(personal, server) + QStringList{"--dry-run", "--mask-personal-details"})
                     .out.contains("jane.doe@example.org"));
    }

    void cancelKeepsFinishedAnswersAndResumeAsksEachPairOnce()
    {
        OpenAITestServer server({"--delay-ms", "150"});
        std::vector<std::string> texts;
        for (int i = 0; i < 16; ++i)
            texts.push_back("<keyword>Topic number " + std::to_string(i) + "</keyword>");
        const std::string project = makeProject(m_dir, "cancel.rankpo", texts);
        QProcess p;
        p.setProcessEnvironment(environmentWithKey());
        p.start(kRankpo, judgeArgs(project, server) + QStringList{"--concurrency", "2"});
        QVERIFY(p.waitForStarted());
        // Wait for a few answers, then Ctrl+C.
        QElapsedTimer clock;
        clock.start();
        while (server.stats()["answers"].get<int>() < 3 && clock.elapsed() < 20000)
            QTest::qWait(20);
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 130);
        const Stored afterCancel = stored(project);
        QVERIFY(afterCancel.preferences >= 3);
        QVERIFY2(afterCancel.preferences < 16, "the run should have been cancelled before the end");
        QVERIFY(afterCancel.runs.at(0).status == db::RunStatus::Cancelled);
        // Every request that was sent finished (FinishInFlight) and is stored.
        QCOMPARE(std::int64_t(server.stats()["answers"].get<int>()), afterCancel.preferences);

        const auto resumed = run(judgeArgs(project, server) + QStringList{"--concurrency", "4"});
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QCOMPARE(json(resumed)["pending"].toInt(), int(16 - afterCancel.preferences));
        const Stored done = stored(project);
        QCOMPARE(done.preferences, std::int64_t(16));
        QCOMPARE(done.distinctAnswers, std::int64_t(16));
        QCOMPARE(server.stats()["requests"].get<int>(), 16); // no pair asked twice
    }

    void killLosesAtMostTheRequestsInFlight()
    {
        OpenAITestServer server({"--delay-ms", "150"});
        std::vector<std::string> texts;
        for (int i = 0; i < 12; ++i)
            texts.push_back("<keyword>Subject " + std::to_string(i) + "</keyword>");
        const std::string project = makeProject(m_dir, "kill.rankpo", texts);
        QProcess p;
        p.setProcessEnvironment(environmentWithKey());
        p.start(kRankpo, judgeArgs(project, server) + QStringList{"--concurrency", "3"});
        QVERIFY(p.waitForStarted());
        QElapsedTimer clock;
        clock.start();
        while (server.stats()["answers"].get<int>() < 4 && clock.elapsed() < 20000)
            QTest::qWait(20);
        p.kill(); // SIGKILL: no handler runs
        QVERIFY(p.waitForFinished(10000));
        const int answered = server.stats()["answers"].get<int>();
        const Stored killed = stored(project);
        // Every answer but those the process had not yet received or committed is stored (3 in flight at most).
        QVERIFY2(killed.preferences >= answered - 3 && killed.preferences <= answered,
                 qPrintable(QString("%1 stored of %2 answered").arg(killed.preferences).arg(answered)));
        QVERIFY(killed.runs.at(0).status == db::RunStatus::Running); // nobody could record its end
        QCOMPARE(killed.runs.at(0).counts.judged, killed.preferences);
        const auto resumed = run(judgeArgs(project, server));
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QCOMPARE(json(resumed)["pending"].toInt(), int(12 - killed.preferences));
        QCOMPARE(stored(project).preferences, std::int64_t(12));
        QCOMPARE(stored(project).distinctAnswers, std::int64_t(12));
    }

    void bothOrdersFindTheFlipsAndTrainingDropsThem()
    {
        // The paper's sample: 100 pairs with the sample's own AI judgements; the test judge flips some.
        OpenAITestServer server({"--flip-every", "4"});
        const std::string project = m_dir.path().toStdString() + "/sample.rankpo";
        const QString p = QString::fromStdString(project);
        QCOMPARE(run({"import", p, "--create", QString::fromStdString(test::sampleFile("annotated_pair_data-sample.jsonl"))}).exitCode, 0);
        QCOMPARE(run({"split", p}).exitCode, 0);
        const auto judged = run(judgeArgs(project, server) + QStringList{"--both-orders", "--concurrency", "8"});
        QVERIFY2(judged.exitCode == 0, qPrintable(judged.err));
        const QJsonObject s = json(judged);
        const int pairs = s["pending"].toInt() / 2;
        QVERIFY(pairs > 0);
        QCOMPARE(s["judged"].toInt(), 2 * pairs);
        QCOMPARE(s["failed"].toInt(), 0);
        const auto flipped = server.stats()["flipped_pairs"].size();
        QVERIFY(flipped > 0);
        QCOMPARE(s["inconsistent"].toInt(), int(flipped));
        QCOMPARE(stored(project).runs.at(0).counts.inconsistent, std::int64_t(flipped));

        // Export and training leave the flipped pairs of this judge out.
        const QString out = m_dir.path() + "/consistent.csv";
        const auto exported = run({"export", p, out, "--format", "csv", "--source", "ai", "--drop-inconsistent"});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        QVERIFY2(exported.out.contains(QString::number(2 * flipped) + " inconsistent"), qPrintable(exported.out));

        std::size_t expected = 0;
        {
            auto store = db::ProjectStore::open(project, db::ProjectStore::OpenMode::ReadOnly);
            db::PreferenceDataOptions o;
            const auto all = db::loadPreferenceExamples(*store, o).examples.size();
            o.dropInconsistent = true;
            const auto data = db::loadPreferenceExamples(*store, o);
            expected = data.examples.size();
            QVERIFY(data.inconsistentDropped > 0);
            QCOMPARE(all - expected, std::size_t(data.inconsistentDropped));
        }
        const auto trained = run({"train", "rankpo", p, "--drop-inconsistent", "--epochs", "1", "--max-steps", "2",
                                  "--base", RANKPO_SOURCE_DIR "/tests/reference/tiny-cls-bert", "--max-length-job", "16",
                                  "--max-length-candidate", "16", "--batch-size", "4", "--grad-accum", "1",
                                  "--no-epoch-eval", "--no-final-eval", "--json"});
        QVERIFY2(trained.exitCode == 0, qPrintable(trained.err));
        QCOMPARE(std::size_t(json(trained)["examples"].toInt()), expected);
        expectNoKeyIn(project);
    }
};

QTEST_GUILESS_MAIN(TestJudgeCommand)
#include "tst_judge_command.moc"
