#pragma once

#include <ctime>
#include <optional>
#include <string_view>

namespace rankpo {

// When to try a request again after a 429, a 5xx, a timeout or a dropped connection.
struct RetryPolicy {
    double initialDelaySeconds = 1.0; // the first back-off
    double maxDelaySeconds = 30.0;    // the back-off doubles up to this
    double maxRetryAfterSeconds = 120.0; // a server's Retry-After is honoured up to this

    // The wait before retry number `retry` (1 for the first retry). With the server's Retry-After it is
    // exactly that (the server knows when it will have room), capped at maxRetryAfterSeconds. Otherwise
    // exponential back-off, min(maxDelay, initial * 2^(retry-1)), scaled by a jitter factor in [0.5, 1)
    // from `unit` in [0, 1) ("equal jitter"), so that clients that failed together do not retry together.
    double delaySeconds(int retry, std::optional<double> retryAfterSeconds, double unit) const;
};

// A Retry-After header's value in seconds from `now`: delta-seconds ("120") or an HTTP date
// ("Wed, 21 Oct 2015 07:28:00 GMT", also the obsolete RFC 850 and asctime forms). A date in the past is
// 0 seconds; anything else unreadable is nullopt.
std::optional<double> parseRetryAfter(std::string_view value, std::time_t now);

} // namespace rankpo
