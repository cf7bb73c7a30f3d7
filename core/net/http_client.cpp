#include "core/net/http_client.h"

#include "core/net/secret_redactor.h"
#include "core/training/split_mix64.h"
#include "core/util/error.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <fstream>
#include <random>
#include <thread>
#include <unordered_map>

namespace rankpo {
namespace {

using Clock = std::chrono::steady_clock;

void initialiseCurl()
{
    // Once per process, before any handle; thread-safe as a function-local static.
    static const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT);
    if (code != CURLE_OK)
        throw ioError(std::string("libcurl does not initialise: ") + curl_easy_strerror(code));
}

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

// The password of "scheme://user:password@host", which the redactor must know.
std::string urlPassword(std::string_view url)
{
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos)
        return {};
    const std::string_view rest = url.substr(scheme + 3);
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    const auto at = authority.rfind('@');
    if (at == std::string_view::npos)
        return {};
    const std::string_view userInfo = authority.substr(0, at);
    const auto colon = userInfo.find(':');
    return colon == std::string_view::npos ? std::string(userInfo) : std::string(userInfo.substr(colon + 1));
}

bool isTransientNetworkError(CURLcode code)
{
    // A kept-alive connection that the server closed, a reset, a reply cut short: worth another try.
    return code == CURLE_GOT_NOTHING || code == CURLE_SEND_ERROR || code == CURLE_RECV_ERROR || code == CURLE_PARTIAL_FILE;
}

bool isTlsError(CURLcode code)
{
    return code == CURLE_SSL_CONNECT_ERROR || code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CERTPROBLEM ||
           code == CURLE_SSL_CIPHER || code == CURLE_SSL_CACERT_BADFILE || code == CURLE_SSL_ISSUER_ERROR ||
           code == CURLE_SSL_PINNEDPUBKEYNOTMATCH || code == CURLE_SSL_INVALIDCERTSTATUS || code == CURLE_SSL_CRL_BADFILE ||
           code == CURLE_SSL_ENGINE_NOTFOUND || code == CURLE_SSL_ENGINE_SETFAILED || code == CURLE_SSL_SHUTDOWN_FAILED ||
           code == CURLE_USE_SSL_FAILED;
}

bool isRetryableStatus(long status)
{
    return status == 429 || status == 408 || (status >= 500 && status <= 599);
}

struct Transfer {
    HttpRequest request;
    CURL* easy = nullptr;
    int attempts = 0;
    Clock::time_point firstStart;
    Clock::time_point due;
    std::string response;
    std::optional<std::string> retryAfter;
    bool oversized = false;
    std::size_t maxBytes = 0;
    char errorBuffer[CURL_ERROR_SIZE] = {};
    // The last attempt's result, reported when no retry follows.
    long status = 0;
    TransferError error = TransferError::None;
    std::string message;
};

std::size_t writeBody(char* data, std::size_t size, std::size_t count, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    const std::size_t n = size * count;
    if (t->response.size() + n > t->maxBytes) {
        t->oversized = true;
        return 0; // aborts the transfer with CURLE_WRITE_ERROR
    }
    t->response.append(data, n);
    return n;
}

std::size_t readHeader(char* data, std::size_t size, std::size_t count, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    const std::string_view line(data, size * count);
    if (line.size() >= 5 && line.substr(0, 5) == "HTTP/") {
        t->retryAfter.reset(); // a new response (after a 100 Continue, say): its own headers
    } else if (const auto colon = line.find(':'); colon != std::string_view::npos && lower(trim(line.substr(0, colon))) == "retry-after") {
        t->retryAfter = std::string(trim(line.substr(colon + 1)));
    }
    return size * count;
}

} // namespace

struct HttpClient::Impl {
    HttpClientOptions options;
    SecretRedactor redactor;
    CURLM* multi = nullptr;
    curl_slist* headers = nullptr;
    std::vector<CURL*> idle;
    SplitMix64 jitter{1};
    std::string noProxy;

    ~Impl()
    {
        for (CURL* e : idle)
            curl_easy_cleanup(e);
        if (multi)
            curl_multi_cleanup(multi);
        curl_slist_free_all(headers);
    }

    CURL* acquire()
    {
        if (!idle.empty()) {
            CURL* e = idle.back();
            idle.pop_back();
            return e;
        }
        CURL* e = curl_easy_init();
        if (!e)
            throw ioError("libcurl cannot create a transfer");
        curl_easy_setopt(e, CURLOPT_URL, options.url.c_str());
        curl_easy_setopt(e, CURLOPT_POST, 1L);
        curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
        curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
        curl_easy_setopt(e, CURLOPT_TCP_NODELAY, 1L);
        curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(std::llround(options.timeoutSeconds * 1000)));
        curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                         static_cast<long>(std::llround(std::min(options.connectTimeoutSeconds, options.timeoutSeconds) * 1000)));
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
        if (!options.caBundle.empty())
            curl_easy_setopt(e, CURLOPT_CAINFO, options.caBundle.c_str());
        curl_easy_setopt(e, CURLOPT_NOPROXY, noProxy.c_str());
        curl_easy_setopt(e, CURLOPT_USERAGENT, "rankpo-studio");
        curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, writeBody);
        curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, readHeader);
        return e;
    }

    void start(Transfer& t)
    {
        if (!t.easy)
            t.easy = acquire();
        ++t.attempts;
        t.response.clear();
        t.retryAfter.reset();
        t.oversized = false;
        t.errorBuffer[0] = '\0';
        curl_easy_setopt(t.easy, CURLOPT_POSTFIELDS, t.request.body.data());
        curl_easy_setopt(t.easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(t.request.body.size()));
        curl_easy_setopt(t.easy, CURLOPT_WRITEDATA, &t);
        curl_easy_setopt(t.easy, CURLOPT_HEADERDATA, &t);
        curl_easy_setopt(t.easy, CURLOPT_ERRORBUFFER, t.errorBuffer);
        curl_easy_setopt(t.easy, CURLOPT_PRIVATE, &t);
        const CURLMcode rc = curl_multi_add_handle(multi, t.easy);
        if (rc != CURLM_OK)
            throw ioError(std::string("libcurl cannot start a transfer: ") + curl_multi_strerror(rc));
    }

    void release(Transfer& t)
    {
        if (t.easy) {
            idle.push_back(t.easy);
            t.easy = nullptr;
        }
    }

    // Reads the finished attempt into t.status/error/message; true when it is worth retrying.
    bool classify(Transfer& t, CURLcode code)
    {
        long status = 0;
        curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
        t.status = code == CURLE_OK ? status : 0;
        if (code == CURLE_OK) {
            t.error = TransferError::None;
            t.message.clear();
            return isRetryableStatus(status);
        }
        const std::string detail = t.errorBuffer[0] ? std::string(t.errorBuffer) : std::string(curl_easy_strerror(code));
        if (code == CURLE_OPERATION_TIMEDOUT) {
            t.error = TransferError::Timeout;
            t.message = "no answer within the timeout of " + std::to_string(std::llround(options.timeoutSeconds)) + " s (" + detail + ")";
            return true;
        }
        if (t.oversized) {
            t.error = TransferError::Network;
            t.message = "the reply is larger than " + std::to_string(options.maxResponseBytes) + " bytes";
            return false;
        }
        if (isTlsError(code)) {
            t.error = TransferError::Tls;
            t.message = "TLS: " + detail;
            return false;
        }
        t.error = TransferError::Network;
        t.message = detail;
        return isTransientNetworkError(code);
    }
};

HttpClient::HttpClient(HttpClientOptions options) : m_impl(std::make_unique<Impl>())
{
    initialiseCurl();
    Impl& m = *m_impl;
    m.options = std::move(options);
    const HttpClientOptions& o = m.options;
    if (o.url.empty())
        throw usageError("the HTTP client has no URL");
    if (o.concurrency < 1 || o.concurrency > 256)
        throw usageError("--concurrency must be from 1 to 256, got " + std::to_string(o.concurrency));
    if (!(o.timeoutSeconds > 0) || !(o.connectTimeoutSeconds > 0))
        throw usageError("--timeout must be more than 0 seconds");
    if (o.maxRetries < 0 || o.maxRetries > 100)
        throw usageError("--max-retries must be from 0 to 100, got " + std::to_string(o.maxRetries));
    if (!(o.retry.initialDelaySeconds >= 0) || !(o.retry.maxDelaySeconds >= 0) || !(o.retry.maxRetryAfterSeconds >= 0))
        throw usageError("retry delays must not be negative");
    if (!o.caBundle.empty() && !std::ifstream(o.caBundle))
        throw ioError("cannot read the CA bundle " + o.caBundle);

    // Our headers; one of the caller's with the same name replaces ours. "Expect:" keeps libcurl from
    // waiting for a "100 Continue" before sending a body over 1 KB, a round trip per request.
    std::vector<std::pair<std::string, std::string>> headers = {
        {"Content-Type", "application/json"}, {"Accept", "application/json"}, {"Expect", ""}};
    if (o.bearerToken) {
        for (unsigned char c : *o.bearerToken)
            if (c < 0x20 || c == 0x7f)
                throw usageError("the API key contains a control character or a line break");
        headers.emplace_back("Authorization", "Bearer " + *o.bearerToken);
        m.redactor.add(*o.bearerToken);
    }
    for (const std::string& h : o.headers) {
        const auto colon = h.find(':');
        const std::string name(trim(std::string_view(h).substr(0, colon == std::string::npos ? h.size() : colon)));
        if (colon == std::string::npos || name.empty())
            throw usageError("--header '" + name + "': expected 'Name: value'");
        for (unsigned char c : name)
            if (!(std::isalnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos))
                throw usageError("--header '" + name + "': the name may hold letters, digits and !#$%&'*+-.^_`|~ only");
        const std::string value(trim(std::string_view(h).substr(colon + 1)));
        for (unsigned char c : value)
            if ((c < 0x20 && c != '\t') || c == 0x7f)
                throw usageError("--header '" + name + "': the value contains a control character or a line break");
        if (SecretRedactor::isSecretHeader(name))
            m.redactor.add(value);
        headers.erase(std::remove_if(headers.begin(), headers.end(), [&](const auto& ours) { return lower(ours.first) == lower(name); }),
                      headers.end());
        headers.emplace_back(name, value);
    }
    for (const auto& [name, value] : headers) {
        // "Name;" is libcurl's way to send a header with an empty value; "Name:" removes one.
        const std::string line = value.empty() ? (name == "Expect" ? name + ":" : name + ";") : name + ": " + value;
        curl_slist* grown = curl_slist_append(m.headers, line.c_str());
        if (!grown)
            throw ioError("libcurl cannot hold the request headers");
        m.headers = grown;
    }
    m.redactor.add(urlPassword(o.url));

    // Loopback never goes through a proxy; the environment's no_proxy list still applies.
    m.noProxy = "localhost,127.0.0.1,::1";
    for (const char* variable : {"no_proxy", "NO_PROXY"})
        if (const char* v = std::getenv(variable); v && *v) {
            m.noProxy = std::string(v) + "," + m.noProxy;
            break;
        }

    std::uint64_t seed = o.jitterSeed;
    if (seed == 0)
        seed = (static_cast<std::uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}();
    m.jitter = SplitMix64(seed);

    m.multi = curl_multi_init();
    if (!m.multi)
        throw ioError("libcurl cannot create a multi handle");
    curl_multi_setopt(m.multi, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(o.concurrency));
    curl_multi_setopt(m.multi, CURLMOPT_MAXCONNECTS, static_cast<long>(o.concurrency));
    curl_multi_setopt(m.multi, CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_NOTHING));
}

HttpClient::~HttpClient() = default;

const HttpClientOptions& HttpClient::options() const
{
    return m_impl->options;
}

HttpRunStats HttpClient::run(const Source& next, const Callback& done, const std::atomic<bool>* cancel, CancelMode mode)
{
    Impl& m = *m_impl;
    const HttpClientOptions& o = m.options;
    HttpRunStats stats;
    const auto runStart = Clock::now();
    std::unordered_map<CURL*, std::unique_ptr<Transfer>> active;
    std::vector<std::unique_ptr<Transfer>> waiting; // for a retry, by due time at the front
    bool sourceDone = false;
    bool stopped = false;

    // However run() ends (an exception from the caller's callbacks included), no handle stays in the multi.
    struct Cleanup {
        Impl& m;
        std::unordered_map<CURL*, std::unique_ptr<Transfer>>& active;
        ~Cleanup()
        {
            for (auto& [easy, t] : active) {
                curl_multi_remove_handle(m.multi, easy);
                m.release(*t);
            }
        }
    } cleanup{m, active};

    const auto finish = [&](std::unique_ptr<Transfer> t) {
        HttpOutcome out;
        out.id = t->request.id;
        out.status = t->status;
        out.body = m.redactor.empty() ? std::move(t->response) : m.redactor.redact(t->response);
        out.error = t->error;
        out.message = m.redactor.empty() ? std::move(t->message) : m.redactor.redact(t->message);
        out.attempts = t->attempts;
        out.seconds = std::chrono::duration<double>(Clock::now() - t->firstStart).count();
        if (out.error == TransferError::Cancelled)
            ++stats.cancelled;
        else if (out.ok())
            ++stats.succeeded;
        else
            ++stats.failed;
        m.release(*t);
        done(std::move(out));
    };
    const auto cancelRequested = [&] { return cancel && cancel->load(std::memory_order_relaxed); };
    const auto launch = [&](std::unique_ptr<Transfer> t) {
        m.start(*t);
        ++stats.attempts;
        CURL* easy = t->easy;
        active.emplace(easy, std::move(t));
    };

    for (;;) {
        if (!stopped && cancelRequested()) {
            stopped = true;
            sourceDone = true;
            auto pending = std::move(waiting);
            waiting.clear();
            for (auto& t : pending) {
                t->message = "cancelled while waiting to retry (" + (t->error == TransferError::None ? "HTTP " + std::to_string(t->status) : t->message) + ")";
                t->error = TransferError::Cancelled;
                finish(std::move(t));
            }
            if (mode == CancelMode::AbandonInFlight) {
                auto inFlight = std::move(active);
                active.clear();
                for (auto& [easy, t] : inFlight) {
                    curl_multi_remove_handle(m.multi, easy);
                    t->status = 0;
                    t->error = TransferError::Cancelled;
                    t->message = "cancelled in flight";
                    t->response.clear();
                    finish(std::move(t));
                }
            }
        }
        // Retries whose time has come, then new requests, while there is room.
        const auto now = Clock::now();
        while (!waiting.empty() && waiting.front()->due <= now) {
            auto t = std::move(waiting.front());
            waiting.erase(waiting.begin());
            launch(std::move(t));
        }
        while (!sourceDone && active.size() + waiting.size() < static_cast<std::size_t>(o.concurrency)) {
            std::optional<HttpRequest> request = next();
            if (!request) {
                sourceDone = true;
                break;
            }
            auto t = std::make_unique<Transfer>();
            t->request = std::move(*request);
            t->maxBytes = o.maxResponseBytes;
            t->firstStart = Clock::now();
            ++stats.requests;
            launch(std::move(t));
        }
        if (active.empty() && waiting.empty() && sourceDone)
            break;

        int running = 0;
        curl_multi_perform(m.multi, &running);
        bool finishedAny = false;
        int queued = 0;
        while (CURLMsg* msg = curl_multi_info_read(m.multi, &queued)) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            CURL* easy = msg->easy_handle;
            const CURLcode code = msg->data.result;
            auto it = active.find(easy);
            if (it == active.end())
                continue;
            std::unique_ptr<Transfer> t = std::move(it->second);
            active.erase(it);
            long connects = 0;
            curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &connects);
            stats.connectionsOpened += connects;
            const bool retryable = m.classify(*t, code);
            curl_multi_remove_handle(m.multi, easy);
            finishedAny = true;
            if (retryable && t->attempts <= o.maxRetries && !cancelRequested()) {
                std::optional<double> retryAfter;
                if (t->error == TransferError::None && t->retryAfter)
                    retryAfter = parseRetryAfter(*t->retryAfter, std::time(nullptr));
                const double delay = o.retry.delaySeconds(t->attempts, retryAfter, m.jitter.nextDouble());
                t->due = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(delay));
                m.release(*t);
                ++stats.retries;
                const auto at = std::upper_bound(waiting.begin(), waiting.end(), t->due,
                                                 [](Clock::time_point due, const std::unique_ptr<Transfer>& w) { return due < w->due; });
                waiting.insert(at, std::move(t));
                continue;
            }
            if (retryable && t->attempts <= o.maxRetries) { // a retry was due, but the run is cancelled
                t->message = "cancelled before a retry (" + (t->error == TransferError::None ? "HTTP " + std::to_string(t->status) : t->message) + ")";
                t->error = TransferError::Cancelled;
            }
            finish(std::move(t));
        }
        if (finishedAny)
            continue; // room for more: fill it before waiting
        int timeoutMs = 50;
        if (!waiting.empty()) {
            const auto untilDue = std::chrono::duration_cast<std::chrono::milliseconds>(waiting.front()->due - Clock::now()).count();
            timeoutMs = static_cast<int>(std::clamp<long long>(untilDue, 0, timeoutMs));
        }
        if (!active.empty())
            curl_multi_poll(m.multi, nullptr, 0, timeoutMs, nullptr);
        else if (timeoutMs > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(timeoutMs));
    }
    stats.seconds = std::chrono::duration<double>(Clock::now() - runStart).count();
    return stats;
}

} // namespace rankpo
