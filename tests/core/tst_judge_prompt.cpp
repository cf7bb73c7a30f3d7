// The judge's prompt: the template format and its errors, the hash that names the rater, the token
// budget and its marker, and the Chat Completions body built from them.
#include "core/judge/judge_prompt_template.h"
#include "core/judge/judge_request_builder.h"
#include "core/judge/token_budget.h"
#include "core/util/error.h"
#include "core/util/sha256.h"

#include <nlohmann/json.hpp>

#include <QtTest>

using namespace rankpo;

namespace {

std::string usageMessage(const std::function<void()>& f)
{
    try {
        f();
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::Usage)
            return "wrong kind: " + std::string(e.what());
        return e.what();
    }
    return "no error";
}

const char* kMinimal = "[system]\nJudge.\n[user]\nJob: {job}\nA: {candidate_a}\nB: {candidate_b}\n";

} // namespace

class TestJudgePrompt : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sha256Vectors()
    {
        // FIPS 180-4 examples and the one-million-'a' vector.
        QCOMPARE(Sha256::hexOf(""), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(Sha256::hexOf("abc"), std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(Sha256::hexOf("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                 std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
        Sha256 chunked;
        const std::string thousand(1000, 'a');
        for (int i = 0; i < 1000; ++i)
            chunked.update(thousand);
        const auto digest = chunked.finish();
        QCOMPARE(int(digest[0]), 0xcd);
        QCOMPARE(int(digest[31]), 0xd0);
        QCOMPARE(Sha256::hexOf(std::string(1000000, 'a')), std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
        // Every length around the padding boundary, one update against byte-wise updates.
        for (std::size_t n = 50; n < 140; ++n) {
            const std::string text(n, 'x');
            Sha256 bytewise;
            for (char c : text)
                bytewise.update(std::string_view(&c, 1));
            QVERIFY(bytewise.finish() == Sha256::of(text));
        }
    }

    void rendersPlaceholdersAndEscapes()
    {
        const auto t = JudgePromptTemplate::parse("[system]\nUse {{JSON}} braces: {{\"a\": 1}}.\n[user]\n{job}|{candidate_a}|{candidate_b}|{job}\n");
        const JudgeMessages m = t.render("J {candidate_a}", "A", "B");
        QCOMPARE(m.system, std::string("Use {JSON} braces: {\"a\": 1}."));
        // Texts are not parsed again: a brace in a text stays as it is.
        QCOMPARE(m.user, std::string("J {candidate_a}|A|B|J {candidate_a}"));
    }

    void userOnlyTemplate()
    {
        const auto t = JudgePromptTemplate::parse("\n\nCompare {candidate_a} and {candidate_b} for {job}.\n\n");
        const JudgeMessages m = t.render("j", "a", "b");
        QCOMPARE(m.system, std::string());
        QCOMPARE(m.user, std::string("Compare a and b for j."));
        QCOMPARE(t.canonicalText(), std::string("[user]\nCompare {candidate_a} and {candidate_b} for {job}.\n"));
        // The same prompt written with its header is the same rater.
        QCOMPARE(JudgePromptTemplate::parse("[user]\nCompare {candidate_a} and {candidate_b} for {job}.").hash(), t.hash());
    }

    void errorsNameTheLine_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown placeholder") << "[user]\n{job}\n{candidate_a} {candidate_b} {name}"
                                             << "p.txt:3: unknown placeholder {name}: the placeholders are {job}, {candidate_a} and {candidate_b} (write {{ and }} for literal braces)";
        QTest::newRow("lone open brace") << "[system]\nx\n\n{ oops\n[user]\n{job}{candidate_a}{candidate_b}"
                                         << "p.txt:4: '{' without a closing '}' on its line (write {{ for a literal brace)";
        QTest::newRow("lone close brace") << "{job}{candidate_a}{candidate_b} }" << "p.txt:1: '}' without an opening '{' (write }} for a literal brace)";
        QTest::newRow("missing candidate_b") << "{job} {candidate_a}"
                                             << "p.txt: the template has no {candidate_b}; it needs {job}, {candidate_a} and {candidate_b}";
        QTest::newRow("missing job, escaped") << "{{job}} {candidate_a} {candidate_b}"
                                              << "p.txt: the template has no {job}; it needs {job}, {candidate_a} and {candidate_b}";
        QTest::newRow("two user sections") << "[user]\n{job}\n[user]\n{candidate_a}{candidate_b}" << "p.txt:3: a second [user] section";
        QTest::newRow("no user section") << "[system]\n{job}{candidate_a}{candidate_b}"
                                         << "p.txt: no [user] section (the user message holds the job and the candidates)";
        QTest::newRow("text before a header") << "hello\n[user]\n{job}{candidate_a}{candidate_b}"
                                              << "p.txt:1: text before the first section header ([user])";
        QTest::newRow("empty") << "\n\n" << "p.txt: the user message is empty";
    }
    void errorsNameTheLine()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const std::string source = text.toStdString();
        QCOMPARE(QString::fromStdString(usageMessage([&] { JudgePromptTemplate::parse(source, "p.txt"); })), expected);
    }

    void hashIsSha256OfCanonicalText()
    {
        const auto t = JudgePromptTemplate::parse(kMinimal);
        QCOMPARE(t.canonicalText(), std::string(kMinimal));
        QCOMPARE(t.hash(), Sha256::hexOf(kMinimal));
        QCOMPARE(t.hash().size(), std::size_t(64));
        QCOMPARE(t.shortHash(), t.hash().substr(0, 8));
        // CRLF line endings and blank lines around the sections do not make a new rater.
        const auto crlf = JudgePromptTemplate::parse("\r\n[system]\r\n\r\nJudge.\r\n\r\n[user]\r\nJob: {job}\r\nA: {candidate_a}\r\nB: {candidate_b}\r\n\r\n");
        QCOMPARE(crlf.hash(), t.hash());
        QCOMPARE(crlf.render("j", "a", "b").user, std::string("Job: j\nA: a\nB: b"));
        // One word changed is another rater.
        QVERIFY(JudgePromptTemplate::parse("[system]\nJudge!\n[user]\nJob: {job}\nA: {candidate_a}\nB: {candidate_b}\n").hash() != t.hash());
    }

    void defaultPromptAndAnnotator()
    {
        const JudgePromptTemplate& d = JudgePromptTemplate::defaultTemplate();
        QVERIFY(d.isDefault());
        const JudgeMessages m = d.render("JOB TEXT", "PROFILE A", "PROFILE B");
        QVERIFY(m.system.find("research area") != std::string::npos);
        QVERIFY(m.system.find("seniority") != std::string::npos);
        QVERIFY(m.system.find("location") != std::string::npos);
        QVERIFY(m.system.find("Comparison: <") != std::string::npos);
        QVERIFY(m.system.find("\nPreferred: <A or B>\nConfidence score: <an integer from 0 to 100>") != std::string::npos);
        // The two candidates in the order shown.
        const auto job = m.user.find("<job_description>\nJOB TEXT\n</job_description>");
        const auto a = m.user.find("<candidate_a>\nPROFILE A\n</candidate_a>");
        const auto b = m.user.find("<candidate_b>\nPROFILE B\n</candidate_b>");
        QVERIFY(job != std::string::npos && a != std::string::npos && b != std::string::npos);
        QVERIFY(job < a && a < b);
        QCOMPARE(judgeAnnotator("deepseek-chat", d), std::string("deepseek-chat"));
        // The default saved to a file and read back is still the default.
        QVERIFY(JudgePromptTemplate::parse(d.canonicalText()).isDefault());
        const auto edited = JudgePromptTemplate::parse(kMinimal);
        QVERIFY(!edited.isDefault());
        QCOMPARE(judgeAnnotator("deepseek-chat", edited), "deepseek-chat#" + edited.shortHash());
    }

    void tokenBudget()
    {
        QCOMPARE(approximateTokens(""), std::size_t(0));
        QCOMPARE(approximateTokens("abcd"), std::size_t(1));
        QCOMPARE(approximateTokens("abcde"), std::size_t(2));
        QCOMPARE(approximateTokens("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"), std::size_t(1)); // four characters, eight bytes

        QCOMPARE(truncateToTokens("short text", 10).text, std::string("short text"));
        QVERIFY(!truncateToTokens("short text", 10).truncated());
        QCOMPARE(truncateToTokens(std::string(10000, 'x'), 0).text.size(), std::size_t(10000)); // 0: no limit

        // 3 tokens = 12 characters; no space or tag within the last 10%: the cut is at the limit.
        const TruncatedText cut = truncateToTokens("aaaaaaaaaaaaaaaaaaaa bbbb", 3);
        QCOMPARE(cut.text, std::string("aaaaaaaaaaaa [\xE2\x80\xA6 truncated: 13 more characters]"));
        QCOMPARE(cut.removedCharacters, std::size_t(13));
        // A space near the limit is the break.
        const std::string words = "one two three four five six seven eight nine ten eleven twelve thirteen";
        const TruncatedText w = truncateToTokens(words, 13); // 52 characters: "...nine ten ele"
        QCOMPARE(w.text, std::string("one two three four five six seven eight nine ten [\xE2\x80\xA6 truncated: 23 more characters]"));
        QCOMPARE(w.removedCharacters, words.size() - std::string("one two three four five six seven eight nine ten").size());
        // A tag start is a break too; multi-byte characters are never split.
        const std::string profile = "<keyword>Graph neural networks<sep>Message passing</keyword><title>Deep learning on graphs</title>";
        const TruncatedText p = truncateToTokens(profile, 16); // 64 characters: inside "<title>"
        QCOMPARE(p.text.substr(0, p.text.find(" [")), std::string("<keyword>Graph neural networks<sep>Message passing</keyword>"));
        const std::string greek = "\xCE\xB1\xCE\xB2\xCE\xB3\xCE\xB4\xCE\xB5"; // five characters
        const TruncatedText g = truncateToTokens(greek, 1);
        QCOMPARE(g.text, std::string("\xCE\xB1\xCE\xB2\xCE\xB3\xCE\xB4 [\xE2\x80\xA6 truncated: 1 more characters]"));
    }

    void requestBody()
    {
        JudgeRequestOptions options;
        options.model = "qwen2.5-7b-instruct";
        options.temperature = 0.0;
        options.maxTokens = 512;
        options.budget.jobTokens = 6;       // 24 characters
        options.budget.candidateTokens = 0; // unlimited
        const JudgeRequestBuilder builder(JudgePromptTemplate::parse(kMinimal), options);
        const JudgeRequest r = builder.build("A job description that is long", "cand \"A\"", "cand B \xFF");
        QCOMPARE(r.truncatedTexts, 1);
        const auto body = nlohmann::json::parse(r.body());
        QCOMPARE(body["model"].get<std::string>(), options.model);
        QCOMPARE(body["temperature"].get<double>(), 0.0);
        QCOMPARE(body["max_tokens"].get<int>(), 512);
        QCOMPARE(body["messages"].size(), std::size_t(2));
        QCOMPARE(body["messages"][0]["role"].get<std::string>(), std::string("system"));
        QCOMPARE(body["messages"][0]["content"].get<std::string>(), std::string("Judge."));
        QCOMPARE(body["messages"][1]["role"].get<std::string>(), std::string("user"));
        // The invalid byte becomes U+FFFD; the quotes are escaped by the JSON writer.
        QCOMPARE(body["messages"][1]["content"].get<std::string>(),
                 std::string("Job: A job description that [\xE2\x80\xA6 truncated: 8 more characters]\nA: cand \"A\"\nB: cand B \xEF\xBF\xBD"));
        QCOMPARE(builder.annotator(), "qwen2.5-7b-instruct#" + builder.prompt().shortHash());

        // Without a system message there is one message.
        const JudgeRequestBuilder userOnly(JudgePromptTemplate::parse("{job}{candidate_a}{candidate_b}"), options);
        QCOMPARE(nlohmann::json::parse(userOnly.build("j", "a", "b").body())["messages"].size(), std::size_t(1));
    }

    void requestJsonMatchesNlohmann()
    {
        // Our run-wise writer against nlohmann's: the same document for every character class.
        std::string all;
        for (int c = 1; c < 128; ++c)
            all += static_cast<char>(c);
        all += "\xC3\xA9 \xE2\x80\xA6 \xF0\x9F\x93\x9E \xE2\x80\xA8";
        ChatCompletionRequest r;
        r.model = "m\"odel\\";
        r.messages = {{"system", all}, {"user", std::string("nul\0inside", 11)}};
        r.temperature = 0.7;
        r.maxTokens = 77;
        const nlohmann::json expected = {{"model", r.model},
                                         {"messages", {{{"role", "system"}, {"content", all}}, {{"role", "user"}, {"content", r.messages[1].content}}}},
                                         {"temperature", 0.7},
                                         {"max_tokens", 77}};
        QCOMPARE(nlohmann::json::parse(r.toJson()), expected);
        QVERIFY(r.toJson().find("\"temperature\":0.7,") != std::string::npos);
        // Invalid bytes become U+FFFD, one per byte.
        r.messages = {{"user", "a\xFF\xC3(b\xE2\x82"}};
        QCOMPARE(nlohmann::json::parse(r.toJson())["messages"][0]["content"].get<std::string>(),
                 std::string("a\xEF\xBF\xBD\xEF\xBF\xBD(b\xEF\xBF\xBD\xEF\xBF\xBD"));
    }

    void requestMasksWhenAsked()
    {
        JudgeRequestOptions options;
        options.model = "m";
        options.maskPersonalDetails = true;
        const JudgeRequestBuilder builder(JudgePromptTemplate::parse(kMinimal), options);
        const JudgeRequest r = builder.build("For enquiries please contact Dr Maria Keller (m.keller@uni-bern.ch).", "see https://x.org/a", "Call 0161 275 4000.");
        QCOMPARE(r.request.messages[1].content,
                 std::string("Job: For enquiries please contact [name] ([email]).\nA: see [link]\nB: Call [phone]."));
    }

    void builderRejectsBadOptions()
    {
        JudgeRequestOptions options;
        QCOMPARE(usageMessage([&] { JudgeRequestBuilder(JudgePromptTemplate::defaultTemplate(), options); }),
                 std::string("the judge model's name is empty (--judge-model)"));
        options.model = "m";
        options.maxTokens = 0;
        QCOMPARE(usageMessage([&] { JudgeRequestBuilder(JudgePromptTemplate::defaultTemplate(), options); }),
                 std::string("--max-tokens must be at least 1, got 0"));
        options.maxTokens = 10;
        options.temperature = 2.5;
        QCOMPARE(usageMessage([&] { JudgeRequestBuilder(JudgePromptTemplate::defaultTemplate(), options); }),
                 std::string("--temperature must be from 0 to 2"));
    }
};

QTEST_GUILESS_MAIN(TestJudgePrompt)
#include "tst_judge_prompt.moc"
