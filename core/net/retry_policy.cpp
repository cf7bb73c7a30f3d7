#include "core/net/retry_policy.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

namespace rankpo {

double RetryPolicy::delaySeconds(int retry, std::optional<double> retryAfterSeconds, double unit) const
{
    if (retryAfterSeconds)
        return std::clamp(*retryAfterSeconds, 0.0, maxRetryAfterSeconds);
    const double exponential = initialDelaySeconds * std::pow(2.0, std::max(0, retry - 1));
    const double base = std::min(maxDelaySeconds, exponential);
    return base * (0.5 + 0.5 * std::clamp(unit, 0.0, 1.0));
}

std::optional<double> parseRetryAfter(std::string_view value, std::time_t now)
{
    while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front())))
        value.remove_prefix(1);
    while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back())))
        value.remove_suffix(1);
    if (value.empty())
        return std::nullopt;
    if (std::all_of(value.begin(), value.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        double seconds = 0;
        for (char c : value)
            seconds = std::min(seconds * 10 + (c - '0'), 1e9); // a huge value is capped by the policy anyway
        return seconds;
    }
    const std::string date(value);
    const std::time_t when = curl_getdate(date.c_str(), nullptr);
    if (when == -1)
        return std::nullopt;
    return std::max(0.0, std::difftime(when, now));
}

} // namespace rankpo
