// The judge's HTTP layer on its own: back-off and Retry-After, secrets kept out, option checks, and the
// transport against the loopback test server: keep-alive reuse, dropped connections, refused
// connections, TLS failures, both cancel modes.
#include "core/net/http_client.h"
#include "core/net/retry_policy.h"
#include "core/net/secret_redactor.h"
#include "core/util/error.h"

#include "tests/support/openai_test_server.h"

#include <QtTest>

#include <chrono>
#include <thread>

using namespace rankpo;

namespace {

std::string body(const std::string& content)
{
    return nlohmann::json({{"model", "m"}, {"messages", {{{"role", "user"}, {"content", content}}}}}).dump();
}

HttpClient::Source requests(int count, const std::string& content = "hello")
{
    auto n = std::make_shared<int>(0);
    return [n, count, content]() -> std::optional<HttpRequest> {
        if (*n >= count)
            return std::nullopt;
        const int i = (*n)++;
        return HttpRequest{static_cast<std::uint64_t>(i), body(content + " " + std::to_string(i))};
    };
}

HttpClientOptions options(const std::string& url)
{
    HttpClientOptions o;
    o.url = url;
    o.timeoutSeconds = 10;
    o.retry.initialDelaySeconds = 0.05;
    o.retry.maxDelaySeconds = 0.2;
    o.jitterSeed = 42;
    return o;
}

template <typename F>
std::string errorOf(F&& f, ErrorKind kind)
{
    try {
        f();
    } catch (const Error& e) {
        return e.kind() == kind ? e.what() : "wrong kind: " + std::string(e.what());
    }
    return "no error";
}

} // namespace

class TestHttpClient : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void backOff()
    {
        RetryPolicy p;
        p.initialDelaySeconds = 1;
        p.maxDelaySeconds = 30;
        p.maxRetryAfterSeconds = 120;
        // Equal jitter: half the exponential step plus up to half again.
        QCOMPARE(p.delaySeconds(1, std::nullopt, 0.0), 0.5);
        QCOMPARE(p.delaySeconds(1, std::nullopt, 0.5), 0.75);
        QCOMPARE(p.delaySeconds(3, std::nullopt, 0.0), 2.0);
        QCOMPARE(p.delaySeconds(6, std::nullopt, 0.0), 15.0);   // 32 capped at 30
        QCOMPARE(p.delaySeconds(60, std::nullopt, 0.0), 15.0);  // no overflow far out
        // Retry-After is the wait, capped.
        QCOMPARE(p.delaySeconds(1, 7.0, 0.9), 7.0);
        QCOMPARE(p.delaySeconds(4, 0.0, 0.9), 0.0);
        QCOMPARE(p.delaySeconds(1, 3600.0, 0.0), 120.0);
    }

    void retryAfterValues()
    {
        const std::time_t now = 1445412480; // Wed, 21 Oct 2015 07:28:00 GMT
        QCOMPARE(*parseRetryAfter("120", now), 120.0);
        QCOMPARE(*parseRetryAfter("  5 ", now), 5.0);
        QCOMPARE(*parseRetryAfter("0", now), 0.0);
        QCOMPARE(*parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now), 30.0);
        QCOMPARE(*parseRetryAfter("Wednesday, 21-Oct-15 07:29:00 GMT", now), 60.0); // RFC 850
        QCOMPARE(*parseRetryAfter("Wed Oct 21 07:28:10 2015", now), 10.0);          // asctime
        QCOMPARE(*parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now), 0.0);      // past
        QVERIFY(!parseRetryAfter("", now));
        QVERIFY(!parseRetryAfter("soon", now));
        QVERIFY(!parseRetryAfter("-5", now));
    }

    void redactor()
    {
        SecretRedactor r;
        r.add("abc"); // too short to redact
        r.add("sk-live-123456");
        r.add("sk-live-123456-extended");
        QCOMPARE(r.redact("key sk-live-123456-extended and sk-live-123456, abc"),
                 std::string("key [redacted] and [redacted], abc"));
        QVERIFY(SecretRedactor::isSecretHeader("Authorization"));
        QVERIFY(SecretRedactor::isSecretHeader("x-api-key"));
        QVERIFY(SecretRedactor::isSecretHeader("X-Auth-Token"));
        QVERIFY(SecretRedactor::isSecretHeader("api-key"));
        QVERIFY(!SecretRedactor::isSecretHeader("OpenAI-Organization"));
        QVERIFY(!SecretRedactor::isSecretHeader("X-Request-Id"));
    }

    void optionChecks()
    {
        HttpClientOptions o = options("http://127.0.0.1:9/v1/chat/completions");
        o.headers = {"X-Api-Key sk-secret-value"};
        QCOMPARE(errorOf([&] { HttpClient c(o); }, ErrorKind::Usage), std::string("--header 'X-Api-Key sk-secret-value': expected 'Name: value'"));
        o.headers = {"X Key: sk-secret-value"};
        QCOMPARE(errorOf([&] { HttpClient c(o); }, ErrorKind::Usage),
                 std::string("--header 'X Key': the name may hold letters, digits and !#$%&'*+-.^_`|~ only"));
        o.headers = {"X-Key: sk-secret\r\nInjected: 1"};
        QCOMPARE(errorOf([&] { HttpClient c(o); }, ErrorKind::Usage),
                 std::string("--header 'X-Key': the value contains a control character or a line break"));
        o.headers.clear();
        o.concurrency = 0;
        QCOMPARE(errorOf([&] { HttpClient c(o); }, ErrorKind::Usage), std::string("--concurrency must be from 1 to 256, got 0"));
        o.concurrency = 2;
        o.caBundle = "/nonexistent/ca.pem";
        QCOMPARE(errorOf([&] { HttpClient c(o); }, ErrorKind::Io), std::string("cannot read the CA bundle /nonexistent/ca.pem"));
    }

    void keepAliveAcrossRequestsAndRuns()
    {
        test::OpenAITestServer server;
        HttpClientOptions o = options(server.baseUrl() + "/chat/completions");
        o.concurrency = 3;
        HttpClient client(o);
        std::vector<std::uint64_t> ids;
        const auto collect = [&](HttpOutcome&& out) {
            QVERIFY(out.ok());
            QCOMPARE(out.attempts, 1);
            ids.push_back(out.id);
        };
        const HttpRunStats first = client.run(requests(12), collect);
        const HttpRunStats second = client.run(requests(12, "again"), collect);
        QCOMPARE(ids.size(), std::size_t(24));
        QCOMPARE(first.requests, std::int64_t(12));
        QCOMPARE(first.succeeded, std::int64_t(12));
        QCOMPARE(first.attempts, std::int64_t(12));
        QVERIFY(first.connectionsOpened >= 1 && first.connectionsOpened <= 3);
        QCOMPARE(second.connectionsOpened, std::int64_t(0)); // the first run's connections carry on
        const auto stats = server.stats();
        QCOMPARE(stats["requests"].get<int>(), 24);
        // The server saw as many connections as we opened, plus the one that asked for the stats.
        QCOMPARE(stats["connections"].get<std::int64_t>(), first.connectionsOpened + 1);
    }

    void droppedConnectionIsRetried()
    {
        test::OpenAITestServer server;
        HttpClient client(options(server.baseUrl() + "/chat/completions"));
        std::vector<HttpOutcome> outcomes;
        const HttpRunStats s = client.run(requests(1, "[[fault:drop:times=2]]"), [&](HttpOutcome&& o) { outcomes.push_back(std::move(o)); });
        QCOMPARE(outcomes.size(), std::size_t(1));
        QVERIFY(outcomes[0].ok());
        QCOMPARE(outcomes[0].attempts, 3);
        QCOMPARE(s.retries, std::int64_t(2));
        QCOMPARE(server.stats()["requests"].get<int>(), 3);
    }

    void refusedConnectionIsNotRetried()
    {
        int port = 0;
        {
            test::OpenAITestServer gone;
            port = gone.port();
        } // nothing listens there now
        HttpClientOptions o = options("http://127.0.0.1:" + std::to_string(port) + "/v1/chat/completions");
        o.bearerToken = "sk-test-refused-0123456789";
        HttpClient client(o);
        std::vector<HttpOutcome> outcomes;
        const HttpRunStats s = client.run(requests(2), [&](HttpOutcome&& out) { outcomes.push_back(std::move(out)); });
        QCOMPARE(outcomes.size(), std::size_t(2));
        for (const auto& out : outcomes) {
            QVERIFY(out.error == TransferError::Network);
            QCOMPARE(out.attempts, 1);
            QCOMPARE(out.status, 0L);
            QVERIFY2(out.message.find("onnect") != std::string::npos, out.message.c_str());
            QVERIFY(out.message.find("sk-test-refused") == std::string::npos);
        }
        QCOMPARE(s.failed, std::int64_t(2));
        QCOMPARE(s.retries, std::int64_t(0));
    }

    void tlsFailureIsItsOwnKind()
    {
        test::OpenAITestServer server; // speaks plain HTTP: the handshake fails
        HttpClient client(options("https://127.0.0.1:" + std::to_string(server.port()) + "/v1/chat/completions"));
        std::vector<HttpOutcome> outcomes;
        client.run(requests(1), [&](HttpOutcome&& out) { outcomes.push_back(std::move(out)); });
        QCOMPARE(outcomes.size(), std::size_t(1));
        QVERIFY2(outcomes[0].error == TransferError::Tls, outcomes[0].message.c_str());
        QCOMPARE(outcomes[0].attempts, 1);
        QVERIFY(outcomes[0].message.rfind("TLS: ", 0) == 0);
    }

    void cancelFinishesInFlight()
    {
        test::OpenAITestServer server({"--delay-ms", "300"});
        HttpClientOptions o = options(server.baseUrl() + "/chat/completions");
        o.concurrency = 4;
        HttpClient client(o);
        std::atomic<bool> cancel{false};
        std::vector<HttpOutcome> outcomes;
        // The first answer cancels the run (a callback may); the other three in flight still come back.
        const HttpRunStats s = client.run(requests(20), [&](HttpOutcome&& out) {
            outcomes.push_back(std::move(out));
            cancel = true;
        }, &cancel, CancelMode::FinishInFlight);
        QCOMPARE(s.requests, std::int64_t(4));
        QCOMPARE(outcomes.size(), std::size_t(4));
        for (const auto& out : outcomes)
            QVERIFY(out.ok());
        QCOMPARE(s.succeeded, std::int64_t(4));
        QCOMPARE(s.cancelled, std::int64_t(0));
        QCOMPARE(server.stats()["requests"].get<int>(), 4);
    }

    void cancelAbandonsInFlight()
    {
        test::OpenAITestServer server({"--delay-ms", "3000"});
        HttpClientOptions o = options(server.baseUrl() + "/chat/completions");
        o.concurrency = 4;
        HttpClient client(o);
        std::atomic<bool> cancel{false};
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            cancel = true;
        });
        std::vector<HttpOutcome> outcomes;
        const auto start = std::chrono::steady_clock::now();
        const HttpRunStats s = client.run(requests(8), [&](HttpOutcome&& out) { outcomes.push_back(std::move(out)); }, &cancel,
                                          CancelMode::AbandonInFlight);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        canceller.join();
        QVERIFY2(seconds < 2.0, qPrintable(QString::number(seconds)));
        QCOMPARE(s.requests, std::int64_t(4));
        QCOMPARE(s.cancelled, std::int64_t(4));
        QCOMPARE(outcomes.size(), std::size_t(4));
        for (const auto& out : outcomes) {
            QVERIFY(out.error == TransferError::Cancelled);
            QCOMPARE(out.message, std::string("cancelled in flight"));
        }
    }

    void cancelDropsWaitingRetries()
    {
        test::OpenAITestServer server;
        HttpClientOptions o = options(server.baseUrl() + "/chat/completions");
        o.retry.initialDelaySeconds = 30; // the retry would wait long; the cancel must not
        o.retry.maxDelaySeconds = 30;
        HttpClient client(o);
        std::atomic<bool> cancel{false};
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
            cancel = true;
        });
        std::vector<HttpOutcome> outcomes;
        const auto start = std::chrono::steady_clock::now();
        client.run(requests(1, "[[fault:500:times=always]]"), [&](HttpOutcome&& out) { outcomes.push_back(std::move(out)); }, &cancel);
        canceller.join();
        QVERIFY(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < 5);
        QCOMPARE(outcomes.size(), std::size_t(1));
        QVERIFY(outcomes[0].error == TransferError::Cancelled);
        QCOMPARE(outcomes[0].message, std::string("cancelled while waiting to retry (HTTP 500)"));
        QCOMPARE(outcomes[0].attempts, 1);
    }

    void callbackExceptionPropagates()
    {
        test::OpenAITestServer server({"--delay-ms", "100"});
        HttpClientOptions o = options(server.baseUrl() + "/chat/completions");
        o.concurrency = 3;
        HttpClient client(o);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, client.run(requests(6), [](HttpOutcome&&) { throw std::runtime_error("commit failed"); }));
        // The client is still usable afterwards.
        int ok = 0;
        client.run(requests(2), [&](HttpOutcome&& out) { ok += out.ok() ? 1 : 0; });
        QCOMPARE(ok, 2);
    }
};

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_http_client.moc"
