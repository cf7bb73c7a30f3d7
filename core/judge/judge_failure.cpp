#include "core/judge/judge_failure.h"

#include <array>

namespace rankpo {
namespace {

struct KindName {
    JudgeFailureKind kind;
    std::string_view name;
    std::string_view description;
};

constexpr std::array<KindName, kJudgeFailureKindCount> kKinds = {{
    {JudgeFailureKind::HttpStatus, "http_status", "HTTP error status"},
    {JudgeFailureKind::ApiError, "api_error", "error object in the reply"},
    {JudgeFailureKind::Timeout, "timeout", "timed out"},
    {JudgeFailureKind::Network, "network", "network error"},
    {JudgeFailureKind::Tls, "tls", "TLS or certificate error"},
    {JudgeFailureKind::MalformedReply, "malformed_reply", "malformed reply"},
    {JudgeFailureKind::CutOff, "cut_off", "cut off at max tokens"},
    {JudgeFailureKind::NoPreferredLine, "no_preferred_line", "no Preferred line"},
    {JudgeFailureKind::Cancelled, "cancelled", "cancelled"},
}};

} // namespace

std::string_view toString(JudgeFailureKind kind)
{
    return kKinds[static_cast<std::size_t>(kind)].name;
}

std::optional<JudgeFailureKind> judgeFailureKindFromString(std::string_view name)
{
    for (const auto& k : kKinds)
        if (k.name == name)
            return k.kind;
    return std::nullopt;
}

std::string_view describe(JudgeFailureKind kind)
{
    return kKinds[static_cast<std::size_t>(kind)].description;
}

} // namespace rankpo
