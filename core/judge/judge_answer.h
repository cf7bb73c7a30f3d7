#pragma once

#include "core/domain/preference.h"
#include "core/judge/chat_completion_reply.h"
#include "core/judge/judge_failure.h"

#include <optional>
#include <string>
#include <string_view>

namespace rankpo {

// A judge's decision in the shown order: First is candidate A.
struct JudgeVerdict {
    Choice choice = Choice::First;
    std::optional<int> confidence; // 0..100 when the answer states one
    std::string rationale;         // the "Comparison:" text
};

// One reply read to the end: a verdict or a failure, and what to store either way.
struct JudgeAnswer {
    std::optional<JudgeVerdict> verdict;  // set exactly when `failure` is not
    std::optional<JudgeFailure> failure;
    // What the failure or preference record keeps: the answer's text with its think blocks (reasoning
    // that the server returned apart, as reasoning_content, comes first as a <think> block), or the body
    // as received when the reply holds no answer.
    std::string rawResponse;
    ChatUsage usage;
    std::string finishReason;
    std::string model;

    bool ok() const { return verdict.has_value(); }
};

// The answer without reasoning models' think blocks (<think>...</think>, also <thinking>, any case):
// a closing tag with no opening one drops everything before it (chat templates that open the block in
// the prompt), an unclosed block drops everything after its opening tag.
std::string stripThinkBlocks(std::string_view content);

// Reads the reply (readChatCompletionReply), then: finish_reason "length" is a cut_off failure even when
// a Preferred line survived (its confidence may be cut short); otherwise the think blocks are stripped
// and the rest parsed in the paper's format (parseJudgeResponse); no "Preferred: A|B" line is a
// no_preferred_line failure. Never throws.
JudgeAnswer readJudgeAnswer(long httpStatus, std::string_view body);

} // namespace rankpo
