#pragma once

#include "core/judge/judge_failure.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rankpo {

struct ChatUsage {
    bool present = false; // the reply had a "usage" object
    std::int64_t promptTokens = 0;
    std::int64_t completionTokens = 0;
    std::int64_t totalTokens = 0; // prompt + completion when the server leaves it out
};

// What an OpenAI Chat Completions reply says, read leniently: unknown fields are ignored, missing
// optional ones stay empty. `failure` is set when the reply carries no answer:
//   - an HTTP status outside 2xx: http_status, with the server's error.message when it sent one;
//   - a 2xx with {"error": {...}} (or "error": "text"): api_error;
//   - a body that is not JSON, or JSON without a string at choices[0].message.content: malformed_reply.
// finish_reason "length" is not a failure here (the content is still read); JudgeAnswer decides.
struct ChatCompletionReply {
    std::string content;      // choices[0].message.content
    std::string reasoning;    // choices[0].message.reasoning_content or .reasoning, where a server splits it out
    std::string finishReason; // choices[0].finish_reason; empty when null or absent
    std::string model;        // the model the server says answered
    ChatUsage usage;
    std::optional<JudgeFailure> failure;
};

// Never throws on any body.
ChatCompletionReply readChatCompletionReply(long httpStatus, std::string_view body);

// At most maxBytes of a body for a message, cut at a UTF-8 boundary, with "…" when cut.
std::string excerpt(std::string_view body, std::size_t maxBytes = 300);

} // namespace rankpo
