// The AI judge end to end against the loopback test server: every injected fault ends as its own
// kind with exact counts, retries honour Retry-After, both display orders expose the scripted flips,
// cancel-and-resume asks each task once, and the key never shows in a message, a raw response or a count.
#include "core/net/chat_judge.h"
#include "core/util/error.h"

#include "tests/support/openai_test_server.h"

#include <QtTest>

#include <chrono>
#include <deque>
#include <map>
#include <set>

using namespace rankpo;

namespace {

const std::string kKey = "sk-test-9f8e7d6c5b4a3210-SECRET";
const std::string kJob = "Postdoctoral researcher in graph neural networks for molecular property prediction, message passing and chemistry.";
const std::string kGood = "<keyword>Graph neural networks<sep>Message passing<sep>Molecular property prediction</keyword>";
const std::string kMid = "<keyword>Graph theory<sep>Networks</keyword>";
const std::string kBad = "<keyword>Medieval history<sep>Archival research</keyword>";

ChatJudgeOptions judgeOptions(const test::OpenAITestServer& server)
{
    ChatJudgeOptions o;
    o.endpoint = server.baseUrl();
    o.request.model = "test-judge";
    o.http.concurrency = 3;
    o.http.timeoutSeconds = 10;
    o.http.maxRetries = 3;
    o.http.retry.initialDelaySeconds = 0.05;
    o.http.retry.maxDelaySeconds = 0.2;
    o.http.jitterSeed = 7;
    o.http.bearerToken = kKey;
    return o;
}

struct Run {
    JudgeRunStats stats;
    std::map<std::uint64_t, JudgeOutcome> outcomes;
    double seconds = 0;
};

Run judge(ChatJudge& judge, std::vector<JudgeTask> tasks, const std::atomic<bool>* cancel = nullptr,
          CancelMode mode = CancelMode::FinishInFlight, const std::function<void(const JudgeOutcome&)>& seen = {})
{
    Run run;
    std::deque<JudgeTask> queue(tasks.begin(), tasks.end());
    const auto start = std::chrono::steady_clock::now();
    run.stats = judge.run(
        [&]() -> std::optional<JudgeTask> {
            if (queue.empty())
                return std::nullopt;
            JudgeTask t = std::move(queue.front());
            queue.pop_front();
            return t;
        },
        [&](const JudgeTask& task, JudgeOutcome&& outcome) {
            if (seen)
                seen(outcome);
            QVERIFY(run.outcomes.count(task.id) == 0);
            run.outcomes.emplace(task.id, std::move(outcome));
        },
        cancel, mode);
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return run;
}

// Every string the judge hands back.
void expectNoKey(const Run& run)
{
    for (const auto& [id, o] : run.outcomes) {
        QVERIFY(o.answer.rawResponse.find(kKey) == std::string::npos);
        if (o.answer.failure)
            QVERIFY(o.answer.failure->message.find(kKey) == std::string::npos);
        if (o.answer.verdict)
            QVERIFY(o.answer.verdict->rationale.find(kKey) == std::string::npos);
    }
}

} // namespace

class TestChatJudge : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void answersInBothOrders()
    {
        test::OpenAITestServer server;
        ChatJudge j(JudgePromptTemplate::defaultTemplate(), judgeOptions(server));
        QCOMPARE(j.annotator(), std::string("test-judge"));
        QCOMPARE(j.endpoint().chatCompletionsUrl(), server.baseUrl() + "/chat/completions");
        // Three pairs, each in both orders (ids 10*pair + order); the third is position-biased.
        const std::string flipped = kMid + " [[fault:first]]";
        const std::vector<std::pair<std::string, std::string>> pairs = {{kGood, kBad}, {kMid, kGood}, {flipped, kGood}};
        std::vector<JudgeTask> tasks;
        for (std::size_t p = 0; p < pairs.size(); ++p) {
            tasks.push_back({10 * p, kJob, pairs[p].first, pairs[p].second});
            tasks.push_back({10 * p + 1, kJob, pairs[p].second, pairs[p].first});
        }
        const Run run = judge(j, tasks);
        QCOMPARE(run.stats.requested, std::int64_t(6));
        QCOMPARE(run.stats.judged, std::int64_t(6));
        QCOMPARE(run.stats.failed, std::int64_t(0));
        QCOMPARE(run.stats.retried, std::int64_t(0));
        const auto winner = [&](std::uint64_t id) {
            const JudgeOutcome& o = run.outcomes.at(id);
            const JudgeTask& t = tasks[id % 10 + 2 * (id / 10)];
            return o.answer.verdict->choice == Choice::First ? t.candidateA : t.candidateB;
        };
        QCOMPARE(winner(0), kGood);
        QCOMPARE(winner(1), kGood); // consistent across orders
        QCOMPARE(winner(10), kGood);
        QCOMPARE(winner(11), kGood);
        QCOMPARE(winner(20), flipped); // shown first, wins
        QCOMPARE(winner(21), kGood);   // shown first, wins: the two orders disagree
        const JudgeOutcome& first = run.outcomes.at(0);
        QCOMPARE(*first.answer.verdict->confidence, 90); // 50 + 5 * (8 - 0) shared terms
        QCOMPARE(first.answer.verdict->rationale,
                 std::string("Candidate A shares 8 of the job's terms and Candidate B 0; Candidate A's research is closer to the job's topic."));
        QCOMPARE(first.answer.model, std::string("test-judge"));
        QCOMPARE(first.attempts, 1);
        QCOMPARE(first.httpStatus, 200L);

        const auto stats = server.stats();
        QCOMPARE(stats["requests"].get<int>(), 6);
        for (const auto& auth : stats["authorization"])
            QCOMPARE(auth.get<std::string>(), "Bearer " + kKey);
        // Tokens as the server reported them, summed.
        QCOMPARE(run.stats.promptTokens, stats["tokens"]["prompt"].get<std::int64_t>());
        QCOMPARE(run.stats.completionTokens, stats["tokens"]["completion"].get<std::int64_t>());
        QCOMPARE(run.stats.totalTokens, stats["tokens"]["total"].get<std::int64_t>());
        QVERIFY(run.stats.totalTokens > 0);
        QVERIFY(run.stats.connectionsOpened <= 3);
        expectNoKey(run);
    }

    void flipEveryPairFromTheCommandLine()
    {
        test::OpenAITestServer server({"--flip-every", "1"});
        ChatJudge j(JudgePromptTemplate::defaultTemplate(), judgeOptions(server));
        const Run run = judge(j, {{0, kJob, kGood, kBad}, {1, kJob, kBad, kGood}});
        QVERIFY(run.outcomes.at(0).answer.verdict->choice == Choice::First);
        QVERIFY(run.outcomes.at(1).answer.verdict->choice == Choice::First);
        QCOMPARE(server.stats()["flipped_pairs"].size(), std::size_t(1));
    }

    void noKeyNoAuthorizationHeader()
    {
        test::OpenAITestServer server;
        ChatJudgeOptions o = judgeOptions(server);
        o.http.bearerToken.reset();
        ChatJudge j(JudgePromptTemplate::defaultTemplate(), o);
        const Run run = judge(j, {{1, kJob, kGood, kBad}, {2, kJob, kBad, kGood}});
        QCOMPARE(run.stats.judged, std::int64_t(2));
        const auto stats = server.stats();
        QCOMPARE(stats["authorization"].size(), std::size_t(2));
        for (const auto& auth : stats["authorization"])
            QVERIFY(auth.is_null());
    }

    void faults_data()
    {
        QTest::addColumn<QString>("marker");
        QTest::addColumn<double>("timeout");
        QTest::addColumn<int>("maxRetries");
        QTest::addColumn<QString>("kind");       // empty: judged
        QTest::addColumn<int>("attempts");
        QTest::addColumn<QString>("message");    // empty: not checked
        QTest::newRow("429 then an answer") << "429:times=2:retry_after=1" << 10.0 << 3 << "" << 3 << "";
        QTest::newRow("429 with a date") << "429:times=1:retry_after=2:date=1" << 10.0 << 3 << "" << 2 << "";
        QTest::newRow("429 beyond the retries") << "429:times=9:retry_after=0" << 10.0 << 2 << "http_status" << 3
                                                << "HTTP 429: rate limited (after 3 attempts)";
        QTest::newRow("500 once") << "500" << 10.0 << 3 << "" << 2 << "";
        QTest::newRow("500 always") << "500:times=always" << 10.0 << 2 << "http_status" << 3 << "HTTP 500: internal error (after 3 attempts)";
        QTest::newRow("slower than the timeout") << "slow:seconds=3" << 0.7 << 1 << "timeout" << 2 << "";
        QTest::newRow("slow once") << "slow:seconds=3:times=1" << 0.7 << 2 << "" << 2 << "";
        QTest::newRow("dropped connection") << "drop" << 10.0 << 3 << "" << 2 << "";
        QTest::newRow("malformed JSON") << "malformed" << 10.0 << 3 << "malformed_reply" << 1
                                        << "the reply is not JSON: {\"id\": \"chatcmpl-x\", \"choices\": [{\"message\": {\"content\": \"Compar";
        QTest::newRow("no Preferred line") << "no_preferred" << 10.0 << 3 << "no_preferred_line" << 1 << "the answer has no \"Preferred: A|B\" line";
        QTest::newRow("cut off") << "cut_off" << 10.0 << 3 << "cut_off" << 1
                                 << "the answer was cut off at max tokens (finish_reason \"length\"; raise --max-tokens)";
        QTest::newRow("think block") << "think" << 10.0 << 3 << "" << 1 << "";
        QTest::newRow("reasoning_content") << "reasoning_content" << 10.0 << 3 << "" << 1 << "";
        QTest::newRow("error object") << "error_object" << 10.0 << 3 << "api_error" << 1 << "the server replied with an error: the model is overloaded";
        QTest::newRow("key echoed back") << "echo_auth" << 10.0 << 3 << "http_status" << 1 << "HTTP 401: invalid key: Bearer [redacted]";
    }
    void faults()
    {
        QFETCH(QString, marker);
        QFETCH(double, timeout);
        QFETCH(int, maxRetries);
        QFETCH(QString, kind);
        QFETCH(int, attempts);
        QFETCH(QString, message);
        test::OpenAITestServer server;
        ChatJudgeOptions o = judgeOptions(server);
        o.http.timeoutSeconds = timeout;
        o.http.maxRetries = maxRetries;
        o.http.retry.initialDelaySeconds = 10; // long: a quick retry after a 429 must be the server's Retry-After
        o.http.retry.maxDelaySeconds = 10;
        if (marker.startsWith("slow") || marker == "drop" || marker.startsWith("500")) {
            o.http.retry.initialDelaySeconds = 0.05;
            o.http.retry.maxDelaySeconds = 0.2;
        }
        ChatJudge j(JudgePromptTemplate::defaultTemplate(), o);
        // The faulty task and a plain one beside it, in one run.
        const std::string faulty = kBad + " [[fault:" + marker.toStdString() + "]]";
        const Run run = judge(j, {{1, kJob, kGood, faulty}, {2, kJob, kMid, kBad}});
        QCOMPARE(run.outcomes.size(), std::size_t(2));
        const JudgeOutcome& plain = run.outcomes.at(2);
        QVERIFY(plain.ok());
        QCOMPARE(plain.attempts, 1);
        const JudgeOutcome& f = run.outcomes.at(1);
        QCOMPARE(f.attempts, attempts);
        QCOMPARE(run.stats.requested, std::int64_t(2));
        QCOMPARE(run.stats.retried, std::int64_t(attempts - 1));
        const auto stats = server.stats();
        QCOMPARE(stats["requests"].get<int>(), attempts + 1);
        if (kind.isEmpty()) {
            QVERIFY2(f.ok(), f.answer.failure ? f.answer.failure->message.c_str() : "");
            QVERIFY(f.answer.verdict->choice == Choice::First); // kGood, shown first
            QCOMPARE(run.stats.judged, std::int64_t(2));
            QCOMPARE(run.stats.failed, std::int64_t(0));
        } else {
            QVERIFY(!f.ok());
            QCOMPARE(QString::fromUtf8(toString(f.answer.failure->kind).data()), kind);
            if (!message.isEmpty())
                QCOMPARE(QString::fromStdString(f.answer.failure->message), message);
            QCOMPARE(run.stats.judged, std::int64_t(1));
            QCOMPARE(run.stats.failed, std::int64_t(1));
            QCOMPARE(run.stats.failures(*judgeFailureKindFromString(kind.toStdString())), std::int64_t(1));
        }
        if (marker.startsWith("429")) {
            // The server asked for 1 s twice or an HTTP date 2 s ahead (1-2 s at its one-second precision),
            // well below the 10 s back-off: Retry-After was honoured.
            if (marker == "429:times=2:retry_after=1")
                QVERIFY2(run.seconds >= 1.9 && run.seconds < 6, qPrintable(QString::number(run.seconds)));
            if (marker.contains("date"))
                QVERIFY2(run.seconds >= 0.9 && run.seconds < 6, qPrintable(QString::number(run.seconds)));
        }
        if (marker == "slow:seconds=3")
            QVERIFY2(run.seconds < 2.9, qPrintable(QString::number(run.seconds))); // two timeouts of 0.7 s, not the answer
        if (marker == "think" || marker == "reasoning_content") {
            // The think block says B; the answer after it says A, and A it is. The raw response keeps both.
            QVERIFY(f.answer.rawResponse.rfind("<think>", 0) == 0);
            QVERIFY(f.answer.rawResponse.find("Preferred: B") != std::string::npos);
        }
        if (marker == "malformed")
            QCOMPARE(f.answer.rawResponse, std::string("{\"id\": \"chatcmpl-x\", \"choices\": [{\"message\": {\"content\": \"Compar"));
        if (marker == "no_preferred" || marker == "cut_off") {
            QVERIFY(f.answer.usage.present); // an answer that fails still used tokens
            QCOMPARE(run.stats.totalTokens, stats["tokens"]["total"].get<std::int64_t>());
            QVERIFY(f.answer.rawResponse.rfind("Comparison:", 0) == 0);
        }
        if (marker == "echo_auth") {
            QVERIFY(f.answer.rawResponse.find("[redacted]") != std::string::npos);
            QCOMPARE(stats["authorization"][0].get<std::string>(), "Bearer " + kKey); // it was sent
        }
        expectNoKey(run);
    }

    void cancelAndResumeAskEachTaskOnce()
    {
        test::OpenAITestServer server({"--delay-ms", "50"});
        ChatJudgeOptions o = judgeOptions(server);
        o.http.concurrency = 2;
        ChatJudge j(JudgePromptTemplate::defaultTemplate(), o);
        std::vector<JudgeTask> tasks;
        for (std::uint64_t i = 0; i < 10; ++i)
            tasks.push_back({i, kJob + " #" + std::to_string(i), kGood, kBad});
        std::deque<JudgeTask> pending(tasks.begin(), tasks.end());
        std::multiset<std::uint64_t> answered;
        std::atomic<bool> cancel{false};
        const auto source = [&]() -> std::optional<JudgeTask> {
            if (pending.empty())
                return std::nullopt;
            JudgeTask t = pending.front();
            pending.pop_front();
            return t;
        };
        const auto commit = [&](const JudgeTask& t, JudgeOutcome&& out) {
            QVERIFY(out.ok());
            answered.insert(t.id);
            if (answered.size() == 3)
                cancel = true; // Ctrl+C after three answers
        };
        const JudgeRunStats first = j.run(source, commit, &cancel, CancelMode::FinishInFlight);
        QVERIFY(first.judged >= 3 && first.judged <= 4); // the one in flight beside the third finishes too
        QCOMPARE(first.cancelled, std::int64_t(0));
        QCOMPARE(std::size_t(first.judged) + pending.size(), tasks.size()); // nothing asked and lost
        cancel = false;
        const JudgeRunStats second = j.run(source, commit, &cancel);
        QCOMPARE(first.judged + second.judged, std::int64_t(10));
        QCOMPARE(answered.size(), std::size_t(10));
        for (const auto& t : tasks)
            QCOMPARE(answered.count(t.id), std::size_t(1));
        QCOMPARE(server.stats()["requests"].get<int>(), 10);
    }

    void masksWhenAskedAndDryRunShowsTheBody()
    {
        test::OpenAITestServer server;
        ChatJudgeOptions o = judgeOptions(server);
        o.request.maskPersonalDetails = true;
        o.request.budget.candidateTokens = 4;
        ChatJudge j(JudgePromptTemplate::defaultTemplate(), o);
        const JudgeTask task{5, "Enquiries: jane.doe@uni.ac.uk", "A profile that is rather long", "B"};
        const JudgeRequest r = j.request(task);
        QCOMPARE(r.truncatedTexts, 1);
        const auto body = nlohmann::json::parse(r.body());
        const std::string user = body["messages"][1]["content"].get<std::string>();
        QVERIFY(user.find("Enquiries: [email]") != std::string::npos);
        QVERIFY(user.find("A profile that i [\xE2\x80\xA6 truncated: 13 more characters]") != std::string::npos);
        QVERIFY(user.find("jane.doe") == std::string::npos);
        const Run run = judge(j, {task});
        QCOMPARE(run.stats.truncatedTexts, std::int64_t(1));
        QCOMPARE(run.outcomes.at(5).truncatedTexts, 1);
    }

    void badEndpoint()
    {
        ChatJudgeOptions o;
        o.endpoint = "localhost:8080/v1";
        o.request.model = "m";
        QVERIFY_THROWS_EXCEPTION(Error, ChatJudge(JudgePromptTemplate::defaultTemplate(), o));
    }
};

QTEST_GUILESS_MAIN(TestChatJudge)
#include "tst_chat_judge.moc"
