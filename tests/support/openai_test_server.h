#pragma once

// Starts tests/support/openai_test_server.py on a free loopback port for one test and stops it at the
// end, pass or fail (the destructor; and the server exits by itself when this process's end closes its
// stdin). stats() and reset() talk to its /stats and /reset routes through libcurl (link CURL::libcurl).
#include <nlohmann/json.hpp>

#include <QProcess>
#include <QString>
#include <QStringList>

#include <curl/curl.h>

#include <stdexcept>
#include <string>

namespace rankpo::test {

class OpenAITestServer {
public:
    explicit OpenAITestServer(const QStringList& arguments = {})
    {
        m_process.setProgram(QStringLiteral("/usr/bin/python3"));
        m_process.setArguments(QStringList{QStringLiteral(RANKPO_SOURCE_DIR "/tests/support/openai_test_server.py"),
                                           QStringLiteral("--watch-stdin")} +
                               arguments);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
        if (!m_process.waitForStarted(10000))
            throw std::runtime_error("the test server does not start: " + m_process.errorString().toStdString());
        while (!m_process.canReadLine()) {
            if (!m_process.waitForReadyRead(10000))
                throw std::runtime_error("the test server printed no port");
        }
        bool ok = false;
        m_port = QString::fromUtf8(m_process.readLine()).trimmed().toInt(&ok);
        if (!ok || m_port <= 0)
            throw std::runtime_error("the test server printed no port");
    }

    ~OpenAITestServer()
    {
        m_process.closeWriteChannel(); // --watch-stdin: the server shuts down
        if (!m_process.waitForFinished(3000)) {
            m_process.kill();
            m_process.waitForFinished(3000);
        }
    }

    OpenAITestServer(const OpenAITestServer&) = delete;
    OpenAITestServer& operator=(const OpenAITestServer&) = delete;

    int port() const { return m_port; }
    std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/v1"; }

    nlohmann::json stats() const { return nlohmann::json::parse(call("/stats", false)); }
    void reset() const { call("/reset", true); }

private:
    static std::size_t append(char* data, std::size_t size, std::size_t count, void* user)
    {
        static_cast<std::string*>(user)->append(data, size * count);
        return size * count;
    }

    std::string call(const char* path, bool post) const
    {
        CURL* easy = curl_easy_init();
        std::string body;
        const std::string url = "http://127.0.0.1:" + std::to_string(m_port) + path;
        curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
        curl_easy_setopt(easy, CURLOPT_NOPROXY, "*");
        curl_easy_setopt(easy, CURLOPT_TIMEOUT, 10L);
        if (post)
            curl_easy_setopt(easy, CURLOPT_POSTFIELDS, "");
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, append);
        curl_easy_setopt(easy, CURLOPT_WRITEDATA, &body);
        const CURLcode rc = curl_easy_perform(easy);
        curl_easy_cleanup(easy);
        if (rc != CURLE_OK)
            throw std::runtime_error(std::string("the test server does not answer ") + path + ": " + curl_easy_strerror(rc));
        return body;
    }

    QProcess m_process;
    int m_port = 0;
};

} // namespace rankpo::test
