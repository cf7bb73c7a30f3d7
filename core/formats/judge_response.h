#pragma once

#include <optional>
#include <string_view>

namespace rankpo {

// The parts of an LLM judge's free-text answer in the paper's prompt format:
//   "Comparison: <rationale>\n\nPreferred: A\nConfidence score: 90"
struct JudgeResponse {
    std::string_view comparison;          // the rationale, trimmed; empty when absent
    std::optional<std::string_view> preferred; // "A" or "B" as written
    std::optional<int> confidence;        // 0..100
};

JudgeResponse parseJudgeResponse(std::string_view response);

} // namespace rankpo
