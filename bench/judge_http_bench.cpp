// The AI judge's own overhead: judgements per second at concurrency 8 through ChatJudge (prompt, request
// JSON, libcurl multi, reply reading, answer parsing) against `curl --parallel --parallel-max 8` POSTing
// the very same request bodies to the same server. The server is a threaded HTTP/1.1 keep-alive server in
// this process that answers at once, and then after 50 ms per answer. Best of three rounds each; prints
// both and the ratio (goal: >= 0.9).
//
//   judge_http_bench [--requests 2000] [--delayed-requests 400] [--delay-ms 50] [--min-ratio 0]
#include "core/net/chat_judge.h"

#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// A thread per connection, HTTP/1.1 keep-alive, the same judge answer to every POST.
class KeepAliveServer {
public:
    explicit KeepAliveServer(int delayMs) : m_delayMs(delayMs)
    {
        const std::string content = "Comparison: Candidate A works on the job's topic; Candidate B does not.\n\nPreferred: A\nConfidence score: 80";
        const std::string body = nlohmann::json({{"id", "chatcmpl-bench"}, {"object", "chat.completion"}, {"model", "bench"},
                                                 {"choices", {{{"index", 0}, {"message", {{"role", "assistant"}, {"content", content}}}, {"finish_reason", "stop"}}}},
                                                 {"usage", {{"prompt_tokens", 5000}, {"completion_tokens", 25}, {"total_tokens", 5025}}}})
                                     .dump();
        m_response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
        m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::bind(m_listen, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(m_listen, 128) != 0)
            throw std::runtime_error("the bench server cannot listen");
        socklen_t len = sizeof addr;
        ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&addr), &len);
        m_port = ntohs(addr.sin_port);
        m_acceptor = std::thread([this] { acceptLoop(); });
    }

    ~KeepAliveServer()
    {
        m_stopping = true;
        ::shutdown(m_listen, SHUT_RDWR);
        ::close(m_listen);
        m_acceptor.join();
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            for (int fd : m_connections)
                ::shutdown(fd, SHUT_RDWR);
        }
        for (auto& t : m_threads)
            t.join();
    }

    int port() const { return m_port; }
    long requests() const { return m_requests; }
    long connections() const { return m_connectionCount; }

private:
    void acceptLoop()
    {
        while (!m_stopping) {
            const int fd = ::accept(m_listen, nullptr, nullptr);
            if (fd < 0)
                break;
            int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            std::lock_guard<std::mutex> lock(m_mutex);
            ++m_connectionCount;
            m_connections.push_back(fd);
            m_threads.emplace_back([this, fd] { serve(fd); });
        }
    }

    void serve(int fd)
    {
        std::string buffer;
        char chunk[65536];
        for (;;) {
            const std::size_t headerEnd = buffer.find("\r\n\r\n");
            if (headerEnd != std::string::npos) {
                std::size_t length = 0;
                std::string head = buffer.substr(0, headerEnd);
                std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
                if (const auto at = head.find("\r\ncontent-length:"); at != std::string::npos)
                    length = std::strtoul(head.c_str() + at + 17, nullptr, 10);
                if (buffer.size() >= headerEnd + 4 + length) {
                    buffer.erase(0, headerEnd + 4 + length);
                    if (m_delayMs > 0)
                        std::this_thread::sleep_for(std::chrono::milliseconds(m_delayMs));
                    ++m_requests;
                    if (::send(fd, m_response.data(), m_response.size(), MSG_NOSIGNAL) < 0)
                        break;
                    continue;
                }
            }
            const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
            if (n <= 0)
                break;
            buffer.append(chunk, static_cast<std::size_t>(n));
        }
        ::close(fd);
        std::lock_guard<std::mutex> lock(m_mutex);
        m_connections.erase(std::remove(m_connections.begin(), m_connections.end(), fd), m_connections.end());
    }

    int m_delayMs = 0;
    std::string m_response;
    int m_listen = -1;
    int m_port = 0;
    std::atomic<bool> m_stopping{false};
    std::atomic<long> m_requests{0};
    long m_connectionCount = 0;
    std::mutex m_mutex;
    std::vector<int> m_connections;
    std::vector<std::thread> m_threads;
    std::thread m_acceptor;
};

std::vector<rankpo::JudgeTask> sampleTasks(std::size_t count)
{
    const std::string path = std::string(RANKPO_SHARED_DATA_DIR) + "/rankpo-sample/annotated_pair_data-sample.jsonl";
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot open " + path);
    std::vector<rankpo::JudgeTask> base;
    std::string line;
    while (std::getline(in, line)) {
        const auto row = nlohmann::json::parse(line);
        base.push_back({0, row["query"], row["passage1"], row["passage2"]});
    }
    std::vector<rankpo::JudgeTask> out;
    for (std::size_t i = 0; i < count; ++i) {
        rankpo::JudgeTask t = base[i % base.size()];
        t.id = i;
        if (i % 2) // both display orders, as --both-orders sends them
            std::swap(t.candidateA, t.candidateB);
        out.push_back(std::move(t));
    }
    return out;
}

rankpo::ChatJudgeOptions judgeOptions(int port)
{
    rankpo::ChatJudgeOptions o;
    o.endpoint = "http://127.0.0.1:" + std::to_string(port) + "/v1";
    o.request.model = "bench";
    o.http.concurrency = 8;
    o.http.timeoutSeconds = 60;
    return o;
}

// Judgements per second through ChatJudge; the judge is built once (as a run would), the clock covers
// building every request, sending it and reading every answer.
double ours(const std::vector<rankpo::JudgeTask>& tasks, int port)
{
    rankpo::ChatJudge judge(rankpo::JudgePromptTemplate::defaultTemplate(), judgeOptions(port));
    std::size_t next = 0;
    long judged = 0;
    const auto start = Clock::now();
    judge.run([&]() -> std::optional<rankpo::JudgeTask> { return next < tasks.size() ? std::optional(tasks[next++]) : std::nullopt; },
              [&](const rankpo::JudgeTask&, rankpo::JudgeOutcome&& o) { judged += o.ok() ? 1 : 0; });
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (judged != static_cast<long>(tasks.size()))
        throw std::runtime_error("ours: " + std::to_string(judged) + " of " + std::to_string(tasks.size()) + " judged");
    return static_cast<double>(tasks.size()) / seconds;
}

// The same bodies, written to files once, sent by curl's own parallel mode over keep-alive connections.
double peer(const std::vector<std::string>& bodies, int port, const std::filesystem::path& dir, const KeepAliveServer& server)
{
    const std::filesystem::path config = dir / "curl.config";
    {
        std::ofstream out(config);
        for (std::size_t i = 0; i < bodies.size(); ++i) {
            out << "url = \"http://127.0.0.1:" << port << "/v1/chat/completions\"\n"
                << "data-binary = \"@" << (dir / ("body" + std::to_string(i) + ".json")).string() << "\"\n"
                << "header = \"Content-Type: application/json\"\nheader = \"Accept: application/json\"\nheader = \"Expect:\"\n"
                << "output = \"/dev/null\"\nsilent\nshow-error\n";
            if (i + 1 < bodies.size())
                out << "next\n";
        }
    }
    const long before = server.requests();
    const std::string command = "curl --parallel --parallel-max 8 --no-progress-meter --http1.1 --noproxy '*' -s -S --fail -K " + config.string();
    const auto start = Clock::now();
    const int rc = std::system(command.c_str());
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (rc != 0 || server.requests() - before != static_cast<long>(bodies.size()))
        throw std::runtime_error("curl failed (exit " + std::to_string(rc) + ", " + std::to_string(server.requests() - before) + " requests)");
    return static_cast<double>(bodies.size()) / seconds;
}

bool compare(const char* label, std::size_t count, int delayMs, double minRatio)
{
    KeepAliveServer server(delayMs);
    const std::vector<rankpo::JudgeTask> tasks = sampleTasks(count);
    const rankpo::ChatJudge builder(rankpo::JudgePromptTemplate::defaultTemplate(), judgeOptions(server.port()));
    std::vector<std::string> bodies;
    std::size_t bytes = 0;
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("judge-http-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    for (const auto& t : tasks) {
        bodies.push_back(builder.request(t).body());
        bytes += bodies.back().size();
        std::ofstream(dir / ("body" + std::to_string(bodies.size() - 1) + ".json"), std::ios::binary) << bodies.back();
    }
    double bestOurs = 0, bestPeer = 0;
    for (int round = 0; round < 3; ++round) { // alternate, so that a busy moment does not favour one side
        bestOurs = std::max(bestOurs, ours(tasks, server.port()));
        bestPeer = std::max(bestPeer, peer(bodies, server.port(), dir, server));
    }
    std::filesystem::remove_all(dir);
    const double ratio = bestOurs / bestPeer;
    std::printf("%-24s %5zu requests (%.1f KB each): ours %8.1f judgements/s, curl --parallel-max 8 %8.1f requests/s, ratio %.2f  "
                "(server: %ld connections)\n",
                label, count, static_cast<double>(bytes) / count / 1024, bestOurs, bestPeer, ratio, server.connections());
    return ratio >= minRatio;
}

} // namespace

int main(int argc, char** argv)
{
    std::size_t requests = 2000, delayed = 400;
    int delayMs = 50;
    double minRatio = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--requests")
            requests = std::stoul(argv[i + 1]);
        else if (flag == "--delayed-requests")
            delayed = std::stoul(argv[i + 1]);
        else if (flag == "--delay-ms")
            delayMs = std::stoi(argv[i + 1]);
        else if (flag == "--min-ratio")
            minRatio = std::stod(argv[i + 1]);
        else {
            std::cerr << "unknown option " << flag << "\n";
            return 2;
        }
    }
    try {
        bool ok = compare("answers at once", requests, 0, minRatio);
        ok = compare(("answers after " + std::to_string(delayMs) + " ms").c_str(), delayed, delayMs, minRatio) && ok;
        if (!ok) {
            std::printf("ratio below %.2f\n", minRatio);
            return 1;
        }
    } catch (const std::exception& e) {
        std::cerr << "judge_http_bench: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
