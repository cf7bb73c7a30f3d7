#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rankpo {

// Why a request to the judge produced no preference. The names (toString) are stable: they are stored
// with each failure in the project and shown in run summaries ("failed by kind").
enum class JudgeFailureKind {
    HttpStatus,      // "http_status": the server answered with an error status (after the retries, for 429/5xx)
    ApiError,        // "api_error": a 2xx reply that carries an {"error": ...} object instead of an answer
    Timeout,         // "timeout": no complete answer within the per-request timeout (after the retries)
    Network,         // "network": no connection, a dropped connection, an unresolvable host
    Tls,             // "tls": the TLS handshake or the certificate check failed
    MalformedReply,  // "malformed_reply": not JSON, or JSON without choices[0].message.content
    CutOff,          // "cut_off": finish_reason "length", the answer was cut off at max tokens
    NoPreferredLine, // "no_preferred_line": an answer without a "Preferred: A|B" line (think blocks aside)
    Cancelled,       // "cancelled": the run was cancelled before the request had an answer
};

inline constexpr int kJudgeFailureKindCount = 9;

std::string_view toString(JudgeFailureKind kind);
std::optional<JudgeFailureKind> judgeFailureKindFromString(std::string_view name);
// A short phrase for summaries and dialogs, e.g. "cut off at max tokens".
std::string_view describe(JudgeFailureKind kind);

struct JudgeFailure {
    JudgeFailureKind kind = JudgeFailureKind::MalformedReply;
    std::string message; // what happened, for the failure record; never contains a key
};

} // namespace rankpo
