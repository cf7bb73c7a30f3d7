#pragma once

#include "core/net/retry_policy.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rankpo {

// What cancelling does to requests already sent: wait for their answers (and report them as usual), or
// drop them at once (reported as cancelled). Either way no new request starts and none is retried.
enum class CancelMode { FinishInFlight, AbandonInFlight };

struct HttpClientOptions {
    std::string url;                        // where every request is POSTed
    std::vector<std::string> headers;       // extra "Name: value" headers (gateways); one with our name replaces ours
    std::optional<std::string> bearerToken; // "Authorization: Bearer ..."; none: no Authorization header
    std::string caBundle;                   // a PEM file of CA certificates used instead of the system's (a private CA)
    int concurrency = 4;                    // requests in flight (and waiting to be retried), 1..256
    double timeoutSeconds = 120;            // per attempt, connecting included
    double connectTimeoutSeconds = 30;
    int maxRetries = 5;                     // retries after the first attempt, 0..100
    RetryPolicy retry;
    std::uint64_t jitterSeed = 0;           // 0: a random seed
    std::size_t maxResponseBytes = 16u << 20; // a reply larger than this is a network error
};

struct HttpRequest {
    std::uint64_t id = 0;
    std::string body; // JSON
};

enum class TransferError {
    None,     // a complete HTTP response (any status)
    Timeout,  // the attempt ran out of time
    Network,  // no connection, a dropped connection, an unresolvable host, an oversized reply
    Tls,      // the TLS handshake or the certificate check failed
    Cancelled,
};

// How one request ended, after its retries. Body and message never contain a secret (SecretRedactor).
struct HttpOutcome {
    std::uint64_t id = 0;
    long status = 0;                 // the last attempt's HTTP status; 0 without a response
    std::string body;                // the last attempt's response body
    TransferError error = TransferError::None;
    std::string message;             // what went wrong, for errors other than None
    int attempts = 0;
    double seconds = 0;              // from the first attempt's start to the end, back-off included
    bool ok() const { return error == TransferError::None && status >= 200 && status < 300; }
};

struct HttpRunStats {
    std::int64_t requests = 0;       // taken from the source
    std::int64_t attempts = 0;
    std::int64_t retries = 0;        // attempts after the first
    std::int64_t succeeded = 0;      // 2xx
    std::int64_t failed = 0;         // neither 2xx nor cancelled
    std::int64_t cancelled = 0;
    std::int64_t connectionsOpened = 0; // new connections; fewer than attempts when they are kept alive
    double seconds = 0;
};

// POSTs JSON bodies over HTTP/1.1 keep-alive with libcurl's multi interface: up to `concurrency`
// requests in flight, all driven by the thread that calls run(). 429, 408 and 5xx answers, timeouts and
// dropped connections are retried (RetryPolicy, Retry-After honoured) up to maxRetries; other answers
// are final. TLS peers are always verified. Connections stay open between runs of the same client.
class HttpClient {
public:
    // Throws a usage error on bad options (the message names a bad header by its name only) and an io
    // error when the CA bundle cannot be read.
    explicit HttpClient(HttpClientOptions options);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    using Source = std::function<std::optional<HttpRequest>()>;
    using Callback = std::function<void(HttpOutcome&&)>;

    // Takes requests from `next` until it returns nullopt and calls `done` once per request, on this
    // thread, as each finishes, so the caller can commit each answer at once. `cancel` is read between
    // steps (at least every 50 ms); `done` may set it itself. An exception from `next` or `done`
    // abandons the requests in flight and propagates.
    HttpRunStats run(const Source& next, const Callback& done, const std::atomic<bool>* cancel = nullptr,
                     CancelMode mode = CancelMode::FinishInFlight);

    const HttpClientOptions& options() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace rankpo
