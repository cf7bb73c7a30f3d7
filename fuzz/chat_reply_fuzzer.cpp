// Any bytes as a Chat Completions reply body, under any HTTP status: the reader never throws or crashes,
// and every reply ends as exactly one of a verdict or a failure with a message.
#include "core/judge/judge_answer.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    long status = 200;
    if (size >= 2) { // the first two bytes pick the status: mostly 200, sometimes an error
        const unsigned pick = (data[0] << 8 | data[1]) % 8;
        static const long statuses[8] = {200, 200, 200, 200, 201, 429, 500, 404};
        status = statuses[pick];
        data += 2;
        size -= 2;
    }
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    const rankpo::JudgeAnswer a = rankpo::readJudgeAnswer(status, body);
    if (a.ok() == a.failure.has_value())
        std::abort();
    if (a.failure && a.failure->message.empty())
        std::abort();
    if (a.usage.promptTokens < 0 || a.usage.completionTokens < 0 || a.usage.totalTokens < 0)
        std::abort();
    return 0;
}
