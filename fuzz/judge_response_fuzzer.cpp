// Any text as a judge's answer: think blocks are stripped without reading outside the text, the paper's
// format parser returns views inside what it was given, and a verdict is A or B with a confidence in 0..100.
#include "core/formats/judge_response.h"
#include "core/judge/judge_answer.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::string stripped = rankpo::stripThinkBlocks(text);
    if (stripped.size() > text.size())
        std::abort();
    const rankpo::JudgeResponse r = rankpo::parseJudgeResponse(stripped);
    const char* begin = stripped.data();
    const char* end = begin + stripped.size();
    if (!r.comparison.empty() && (r.comparison.data() < begin || r.comparison.data() + r.comparison.size() > end))
        std::abort();
    if (r.confidence && (*r.confidence < 0 || *r.confidence > 100))
        std::abort();

    // The same text as a reply's content (invalid UTF-8 replaced, as a server's JSON writer would).
    const nlohmann::json reply = {{"choices", {{{"message", {{"content", text}}}, {"finish_reason", size % 2 ? "stop" : "length"}}}}};
    const rankpo::JudgeAnswer a = rankpo::readJudgeAnswer(200, reply.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    if (a.ok() == a.failure.has_value())
        std::abort();
    if (a.verdict && a.verdict->choice == rankpo::Choice::Tie)
        std::abort();
    return 0;
}
