// Reading a judge's Chat Completions reply: the answer in the paper's format, think blocks, usage, and
// each way a reply can fail to hold a preference.
#include "core/judge/chat_completion_reply.h"
#include "core/judge/judge_answer.h"
#include "core/judge/judge_failure.h"

#include "tests/support/test_files.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <fstream>

using namespace rankpo;

namespace {

std::string replyBody(const nlohmann::json& content, const std::string& finish = "stop", const nlohmann::json& usage = nullptr)
{
    nlohmann::json message = {{"role", "assistant"}, {"content", content}};
    nlohmann::json body = {{"id", "chatcmpl-1"}, {"object", "chat.completion"}, {"model", "judge-1"},
                           {"choices", {{{"index", 0}, {"message", message}, {"finish_reason", finish}}}}};
    if (!usage.is_null())
        body["usage"] = usage;
    return body.dump();
}

} // namespace

class TestJudgeAnswer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void failureKindNamesAreStable()
    {
        const char* names[] = {"http_status", "api_error", "timeout", "network", "tls", "malformed_reply", "cut_off",
                               "no_preferred_line", "cancelled"};
        for (int i = 0; i < kJudgeFailureKindCount; ++i) {
            const auto kind = static_cast<JudgeFailureKind>(i);
            QCOMPARE(std::string(toString(kind)), std::string(names[i]));
            QVERIFY(judgeFailureKindFromString(names[i]) == kind);
        }
        QVERIFY(!judgeFailureKindFromString("bogus"));
        QCOMPARE(std::string(describe(JudgeFailureKind::CutOff)), std::string("cut off at max tokens"));
    }

    void everySampleAnswerParses()
    {
        std::ifstream in(test::sampleFile("annotated_pair_data-sample.jsonl"));
        QVERIFY(in.good());
        std::string line;
        int rows = 0;
        while (std::getline(in, line)) {
            const auto row = nlohmann::json::parse(line);
            const std::string body = replyBody(row["response"], "stop", row["usage"]);
            const JudgeAnswer a = readJudgeAnswer(200, body);
            QVERIFY2(a.ok(), a.failure ? a.failure->message.c_str() : "");
            QCOMPARE(a.verdict->choice == Choice::First ? std::string("A") : std::string("B"), row["preferred"].get<std::string>());
            QCOMPARE(*a.verdict->confidence, row["confidence_score"].get<int>());
            // The sample's own field keeps trailing spaces in one row; the parser trims.
            std::string comparison = row["comparison"].get<std::string>();
            comparison.erase(comparison.find_last_not_of(" \n") + 1);
            QCOMPARE(a.verdict->rationale, comparison);
            QCOMPARE(a.rawResponse, row["response"].get<std::string>());
            QCOMPARE(a.usage.promptTokens, row["usage"]["prompt_tokens"].get<std::int64_t>());
            QCOMPARE(a.usage.completionTokens, row["usage"]["completion_tokens"].get<std::int64_t>());
            QCOMPARE(a.usage.totalTokens, row["usage"]["total_tokens"].get<std::int64_t>());
            ++rows;
        }
        QCOMPARE(rows, 100);
    }

    void replyFields()
    {
        const std::string body = replyBody("Comparison: x\nPreferred: B\nConfidence score: 70", "stop",
                                           {{"prompt_tokens", 120}, {"completion_tokens", 30}});
        const ChatCompletionReply r = readChatCompletionReply(200, body);
        QVERIFY(!r.failure);
        QCOMPARE(r.model, std::string("judge-1"));
        QCOMPARE(r.finishReason, std::string("stop"));
        QVERIFY(r.usage.present);
        QCOMPARE(r.usage.promptTokens, std::int64_t(120));
        QCOMPARE(r.usage.completionTokens, std::int64_t(30));
        QCOMPARE(r.usage.totalTokens, std::int64_t(150)); // the sum when the server leaves it out
        const JudgeAnswer a = readJudgeAnswer(200, body);
        QVERIFY(a.ok());
        QVERIFY(a.verdict->choice == Choice::Second);
        QCOMPARE(*a.verdict->confidence, 70);
        QCOMPARE(a.verdict->rationale, std::string("x"));
        // No usage object: zeros, not present.
        QVERIFY(!readChatCompletionReply(200, replyBody("Preferred: A")).usage.present);
        // A lower-case choice and no confidence are still an answer.
        const JudgeAnswer lower = readJudgeAnswer(200, replyBody("Comparison: y\nPreferred: a"));
        QVERIFY(lower.ok());
        QVERIFY(lower.verdict->choice == Choice::First);
        QVERIFY(!lower.verdict->confidence);
    }

    void failures_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("cut off") << 200 << QByteArray::fromStdString(replyBody("Comparison: A is a better fit because", "length"))
                                 << "cut_off" << "the answer was cut off at max tokens (finish_reason \"length\"; raise --max-tokens)";
        QTest::newRow("cut off after Preferred") << 200 << QByteArray::fromStdString(replyBody("Comparison: ok\nPreferred: A\nConfidence score: 6", "length"))
                                                 << "cut_off" << "the answer was cut off at max tokens (finish_reason \"length\"; raise --max-tokens)";
        QTest::newRow("cut off while thinking") << 200 << QByteArray::fromStdString(replyBody(nullptr, "length"))
                                                << "cut_off" << "the answer was cut off at max tokens (finish_reason \"length\"; raise --max-tokens)";
        QTest::newRow("no Preferred line") << 200 << QByteArray::fromStdString(replyBody("Comparison: both are strong.\nConfidence score: 50"))
                                           << "no_preferred_line" << "the answer has no \"Preferred: A|B\" line";
        QTest::newRow("Preferred line not A or B") << 200 << QByteArray::fromStdString(replyBody("Comparison: z\nPreferred: Candidate A\n"))
                                                   << "no_preferred_line" << "the Preferred line reads \"Candidate A\", not A or B";
        QTest::newRow("empty answer") << 200 << QByteArray::fromStdString(replyBody("")) << "no_preferred_line" << "the answer is empty";
        QTest::newRow("only thinking") << 200 << QByteArray::fromStdString(replyBody("<think>Preferred: A maybe"))
                                       << "no_preferred_line" << "the answer holds only a think block";
        QTest::newRow("error object in a 200") << 200 << QByteArray(R"({"error":{"message":"model not loaded","type":"server_error"}})")
                                               << "api_error" << "the server replied with an error: model not loaded";
        QTest::newRow("error string in a 200") << 200 << QByteArray(R"({"error":"busy"})") << "api_error" << "the server replied with an error: busy";
        QTest::newRow("429 with error object") << 429 << QByteArray(R"({"error":{"message":"Rate limit reached","code":"rate_limit"}})")
                                               << "http_status" << "HTTP 429: Rate limit reached";
        QTest::newRow("500 html") << 500 << QByteArray("<html>Internal Server Error</html>") << "http_status" << "HTTP 500: <html>Internal Server Error</html>";
        QTest::newRow("422 detail") << 422 << QByteArray(R"({"detail":"max_tokens too large"})") << "http_status" << "HTTP 422: max_tokens too large";
        QTest::newRow("404 empty") << 404 << QByteArray() << "http_status" << "HTTP 404: (empty body)";
        QTest::newRow("not JSON") << 200 << QByteArray(R"({"choices": [{"message": {"content": "Preferred: A")") << "malformed_reply"
                                  << R"(the reply is not JSON: {"choices": [{"message": {"content": "Preferred: A")";
        QTest::newRow("empty") << 200 << QByteArray() << "malformed_reply" << "the reply is empty";
        QTest::newRow("array") << 200 << QByteArray("[1,2]") << "malformed_reply" << "the reply is JSON but not an object";
        QTest::newRow("no choices") << 200 << QByteArray(R"({"choices":[]})") << "malformed_reply" << "the reply has no choices[0]";
        QTest::newRow("no message") << 200 << QByteArray(R"({"choices":[{"text":"Preferred: A"}]})") << "malformed_reply"
                                    << "the reply has no choices[0].message";
        QTest::newRow("content not a string") << 200 << QByteArray(R"({"choices":[{"message":{"content":42},"finish_reason":"stop"}]})")
                                              << "malformed_reply" << "the reply has no string at choices[0].message.content";
        QTest::newRow("invalid UTF-8") << 200 << QByteArray("{\"choices\":[{\"message\":{\"content\":\"Preferred: A \xFF\"}}]}")
                                       << "malformed_reply" << QString();
    }
    void failures()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, kind);
        QFETCH(QString, message);
        const std::string text = body.toStdString();
        const JudgeAnswer a = readJudgeAnswer(status, text);
        QVERIFY(!a.ok());
        QVERIFY(a.failure);
        QCOMPARE(QString::fromUtf8(toString(a.failure->kind).data()), kind);
        if (!message.isNull())
            QCOMPARE(QString::fromStdString(a.failure->message), message);
        // What is stored: the answer's text when there is one, else the body as received.
        const ChatCompletionReply r = readChatCompletionReply(status, text);
        QCOMPARE(a.rawResponse, r.failure ? text : r.content);
    }

    void longErrorBodiesAreExcerpted()
    {
        const std::string body(5000, 'e');
        const JudgeAnswer a = readJudgeAnswer(502, body);
        QCOMPARE(a.failure->message, "HTTP 502: " + std::string(300, 'e') + "\xE2\x80\xA6");
        QCOMPARE(a.rawResponse.size(), std::size_t(5000)); // the record keeps it all
        QCOMPARE(excerpt("\xCE\xB1\xCE\xB2", 3), std::string("\xCE\xB1\xE2\x80\xA6")); // never half a character
    }

    void thinkBlocksAreKeptButIgnored()
    {
        const std::string content = "<think>\nMaybe A.\nPreferred: A\n</think>\nComparison: B's work is on the topic.\nPreferred: B\nConfidence score: 80";
        const JudgeAnswer a = readJudgeAnswer(200, replyBody(content));
        QVERIFY(a.ok());
        QVERIFY(a.verdict->choice == Choice::Second);
        QCOMPARE(*a.verdict->confidence, 80);
        QCOMPARE(a.verdict->rationale, std::string("B's work is on the topic."));
        QCOMPARE(a.rawResponse, content);

        // Reasoning returned apart (vLLM, DeepSeek: reasoning_content) comes back as a leading think block.
        const std::string split = R"({"choices":[{"message":{"content":"Comparison: c\nPreferred: A","reasoning_content":"Preferred: B?"},"finish_reason":"stop"}]})";
        const JudgeAnswer s = readJudgeAnswer(200, split);
        QVERIFY(s.ok());
        QVERIFY(s.verdict->choice == Choice::First);
        QCOMPARE(s.rawResponse, std::string("<think>Preferred: B?</think>\nComparison: c\nPreferred: A"));
    }

    void stripThink_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("none") << "Preferred: A" << "Preferred: A";
        QTest::newRow("one block") << "<think>x</think>Preferred: A" << "Preferred: A";
        QTest::newRow("upper case") << "<THINK>x</Think>rest" << "rest";
        QTest::newRow("thinking tags, two blocks") << "<thinking>a</thinking>b<think>c</think>d" << "bd";
        QTest::newRow("opened by the chat template") << "reasoning...\nPreferred: B\n</think>\nPreferred: A" << "\nPreferred: A";
        QTest::newRow("unclosed") << "answer<think>still thinking" << "answer";
        QTest::newRow("not a think tag") << "a<thinker>b</thinkers>" << "a<thinker>b</thinkers>";
        QTest::newRow("stray open bracket at the end") << "x <thin" << "x <thin";
    }
    void stripThink()
    {
        QFETCH(QString, content);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(stripThinkBlocks(content.toStdString())), expected);
    }
};

QTEST_GUILESS_MAIN(TestJudgeAnswer)
#include "tst_judge_answer.moc"
