// Where the judge's requests go: loopback or not (masking, warnings), the POST URL, and the API key.
#include "core/judge/api_key.h"
#include "core/judge/endpoint_address.h"
#include "core/util/error.h"

#include "tests/support/test_files.h"

#include <QtTest>

#include <cstdlib>

using namespace rankpo;

class TestEndpointAddress : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void loopbackHosts_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("127.0.0.1") << "127.0.0.1" << true;
        QTest::newRow("127.255.3.4") << "127.255.3.4" << true;
        QTest::newRow("localhost") << "localhost" << true;
        QTest::newRow("LOCALHOST.") << "LOCALHOST." << true;
        QTest::newRow("api.localhost") << "api.localhost" << true;
        QTest::newRow("::1") << "::1" << true;
        QTest::newRow("[::1]") << "[::1]" << true;
        QTest::newRow("long ::1") << "0:0:0:0:0:0:0:1" << true;
        QTest::newRow("v4-mapped loopback") << "::ffff:127.0.0.1" << true;
        QTest::newRow("128.0.0.1") << "128.0.0.1" << false;
        QTest::newRow("10.0.0.5") << "10.0.0.5" << false;
        QTest::newRow("0.0.0.0") << "0.0.0.0" << false;
        QTest::newRow("::") << "::" << false;
        QTest::newRow("v4-mapped other") << "::ffff:10.0.0.1" << false;
        QTest::newRow("localhost.example.com") << "localhost.example.com" << false;
        QTest::newRow("mylocalhost") << "mylocalhost" << false;
        QTest::newRow("127.0.0.1.nip.io") << "127.0.0.1.nip.io" << false;
        QTest::newRow("api.openai.com") << "api.openai.com" << false;
    }
    void loopbackHosts()
    {
        QFETCH(QString, host);
        QFETCH(bool, loopback);
        QCOMPARE(isLoopbackHost(host.toStdString()), loopback);
    }

    void parsesEndpoints()
    {
        const auto local = EndpointAddress::parse("http://127.0.0.1:8080/v1/");
        QCOMPARE(local.scheme, std::string("http"));
        QCOMPARE(local.host, std::string("127.0.0.1"));
        QCOMPARE(*local.port, 8080);
        QCOMPARE(local.path, std::string("/v1"));
        QVERIFY(local.isLoopback());
        QVERIFY(!local.isPlainHttpToRemoteHost());
        QVERIFY(!local.masksPersonalDetailsByDefault());
        QCOMPARE(local.chatCompletionsUrl(), std::string("http://127.0.0.1:8080/v1/chat/completions"));
        QVERIFY(endpointWarnings(local).empty());

        const auto hosted = EndpointAddress::parse("HTTPS://API.OpenAI.com/v1");
        QCOMPARE(hosted.scheme, std::string("https"));
        QCOMPARE(hosted.host, std::string("api.openai.com"));
        QVERIFY(!hosted.port);
        QVERIFY(hosted.masksPersonalDetailsByDefault());
        QCOMPARE(hosted.chatCompletionsUrl(), std::string("https://api.openai.com/v1/chat/completions"));
        QVERIFY(endpointWarnings(hosted).empty());

        const auto v6 = EndpointAddress::parse("http://[::1]:11434/v1");
        QCOMPARE(v6.host, std::string("::1"));
        QVERIFY(v6.isLoopback());
        QCOMPARE(v6.chatCompletionsUrl(), std::string("http://[::1]:11434/v1/chat/completions"));
        QCOMPARE(v6.display(), std::string("http://[::1]:11434/v1"));

        // A URL that already names the route is kept; user info and query go into the request, never into display().
        const auto full = EndpointAddress::parse("https://user:s3cret@gw.example.org/openai/v1/chat/completions?api-version=2024&key=k123#frag");
        QVERIFY(full.hasUserInfo);
        QCOMPARE(full.chatCompletionsUrl(), std::string("https://user:s3cret@gw.example.org/openai/v1/chat/completions?api-version=2024&key=k123"));
        QCOMPARE(full.display(), std::string("https://gw.example.org/openai/v1/chat/completions"));
    }

    void warnings()
    {
        const auto plain = EndpointAddress::parse("http://gpu-box.lan:8000/v1");
        QVERIFY(plain.isPlainHttpToRemoteHost());
        const auto w = endpointWarnings(plain);
        QCOMPARE(w.size(), std::size_t(1));
        QCOMPARE(w[0], std::string("plain http:// to gpu-box.lan, which is not this machine: the texts and the API key travel unencrypted (use https://)"));
        const auto noV1 = endpointWarnings(EndpointAddress::parse("https://example.org/api"));
        QCOMPARE(noV1.size(), std::size_t(1));
        QCOMPARE(noV1[0], std::string("the endpoint's path '/api' does not end in /v1, where OpenAI-compatible servers serve the API"));
        QCOMPARE(endpointWarnings(EndpointAddress::parse("http://10.1.1.1")).size(), std::size_t(2));
    }

    void badEndpoints_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("message");
        QTest::newRow("no scheme") << "127.0.0.1:8080/v1"
                                   << "endpoint '127.0.0.1:8080/v1': expected a URL that starts with http:// or https:// (e.g. http://127.0.0.1:8080/v1)";
        QTest::newRow("ftp") << "ftp://x/v1" << "endpoint 'ftp://x/v1': the scheme must be http or https, not ftp";
        QTest::newRow("no host") << "http:///v1" << "endpoint 'http:///v1': the URL has no host";
        QTest::newRow("bad port") << "http://h:99999/v1" << "endpoint 'http://h:99999/v1': the port must be a number from 1 to 65535";
        QTest::newRow("port 0") << "http://h:0/v1" << "endpoint 'http://h:0/v1': the port must be a number from 1 to 65535";
        QTest::newRow("space") << "http://h/v 1" << "endpoint 'http://h/v 1': the URL contains a space or a control character";
        // The message never shows user info or a query (where keys hide).
        QTest::newRow("secret kept out") << "gopher://me:hunter2@h/v1?key=abc" << "endpoint 'gopher://h/v1': the scheme must be http or https, not gopher";
    }
    void badEndpoints()
    {
        QFETCH(QString, url);
        QFETCH(QString, message);
        try {
            EndpointAddress::parse(url.toStdString());
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::Usage);
            QCOMPARE(QString::fromStdString(e.what()), message);
        }
    }

    void apiKeys()
    {
        QTemporaryDir dir;
        const std::string key = "sk-test-0123456789abcdef";
        const std::string file = test::writeFile(dir, "key.txt", "  " + key + "\n");
        qputenv("RANKPO_TEST_KEY", QByteArray::fromStdString(key));
        ApiKeySource source;
        source.environmentVariable = "RANKPO_TEST_KEY";
        QCOMPARE(*loadApiKey(source), key);
        // The file wins over the variable.
        qputenv("RANKPO_TEST_KEY", "other");
        source.keyFile = file;
        QCOMPARE(*loadApiKey(source), key);
        // Unset or empty: no key (no Authorization header).
        source.keyFile.clear();
        qputenv("RANKPO_TEST_KEY", "   ");
        QVERIFY(!loadApiKey(source));
        qunsetenv("RANKPO_TEST_KEY");
        QVERIFY(!loadApiKey(source));

        const std::string missing = dir.path().toStdString() + "/missing.txt";
        source.keyFile = missing;
        try {
            loadApiKey(source);
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::Io);
            QCOMPARE(std::string(e.what()), "cannot read the API key file " + missing);
        }
        source.keyFile = test::writeFile(dir, "empty.txt", "\n\n");
        try {
            loadApiKey(source);
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::Usage);
            QCOMPARE(std::string(e.what()), "the API key file " + source.keyFile + " is empty");
        }
        // A key with a line break inside would break the header; the message does not quote it.
        source.keyFile = test::writeFile(dir, "two.txt", "sk-first-secret\nsk-second-secret\n");
        try {
            loadApiKey(source);
            QFAIL("no error");
        } catch (const Error& e) {
            const std::string message = e.what();
            QCOMPARE(message, "the API key from the file " + source.keyFile + " contains a control character or a line break");
            QVERIFY(message.find("sk-first") == std::string::npos);
        }
    }
};

QTEST_GUILESS_MAIN(TestEndpointAddress)
#include "tst_endpoint_address.moc"
