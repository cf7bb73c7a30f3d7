#include "core/judge/judge_answer.h"

#include "core/formats/judge_response.h"

#include <cctype>

namespace rankpo {
namespace {

// Case-insensitive search for "<think>"/"<thinking>" (open) or "</think>"/"</thinking>" (close) from
// `from`; sets `length` to the tag's length.
std::size_t findTag(std::string_view text, std::size_t from, bool closing, std::size_t& length)
{
    const std::string_view prefix = closing ? "</think" : "<think";
    for (std::size_t i = text.find('<', from); i != std::string_view::npos; i = text.find('<', i + 1)) {
        if (text.size() - i < prefix.size())
            return std::string_view::npos;
        bool match = true;
        for (std::size_t k = 1; k < prefix.size() && match; ++k)
            match = std::tolower(static_cast<unsigned char>(text[i + k])) == prefix[k];
        if (!match)
            continue;
        std::size_t j = i + prefix.size();
        if (text.size() - j >= 3 && std::tolower(static_cast<unsigned char>(text[j])) == 'i' &&
            std::tolower(static_cast<unsigned char>(text[j + 1])) == 'n' && std::tolower(static_cast<unsigned char>(text[j + 2])) == 'g')
            j += 3;
        if (j < text.size() && text[j] == '>') {
            length = j + 1 - i;
            return i;
        }
    }
    return std::string_view::npos;
}

// "Preferred: Candidate A" is a Preferred line the parser does not accept; the message says so.
std::optional<std::string_view> preferredLineValue(std::string_view text)
{
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos)
            eol = text.size();
        std::string_view line = text.substr(pos, eol - pos);
        while (!line.empty() && std::isspace(static_cast<unsigned char>(line.front())))
            line.remove_prefix(1);
        constexpr std::string_view key = "preferred:";
        bool match = line.size() >= key.size();
        for (std::size_t k = 0; k < key.size() && match; ++k)
            match = std::tolower(static_cast<unsigned char>(line[k])) == key[k];
        if (match) {
            std::string_view value = line.substr(key.size());
            while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front())))
                value.remove_prefix(1);
            while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back())))
                value.remove_suffix(1);
            return value;
        }
        pos = eol + 1;
    }
    return std::nullopt;
}

} // namespace

std::string stripThinkBlocks(std::string_view content)
{
    std::size_t openLength = 0, closeLength = 0;
    std::size_t pos = 0;
    const std::size_t firstClose = findTag(content, 0, true, closeLength);
    const std::size_t firstOpen = findTag(content, 0, false, openLength);
    if (firstClose != std::string_view::npos && (firstOpen == std::string_view::npos || firstClose < firstOpen))
        pos = firstClose + closeLength;
    std::string out;
    while (pos < content.size()) {
        const std::size_t open = findTag(content, pos, false, openLength);
        if (open == std::string_view::npos) {
            out += content.substr(pos);
            break;
        }
        out += content.substr(pos, open - pos);
        const std::size_t close = findTag(content, open + openLength, true, closeLength);
        if (close == std::string_view::npos)
            break;
        pos = close + closeLength;
    }
    return out;
}

JudgeAnswer readJudgeAnswer(long httpStatus, std::string_view body)
{
    ChatCompletionReply reply = readChatCompletionReply(httpStatus, body);
    JudgeAnswer out;
    out.usage = reply.usage;
    out.finishReason = reply.finishReason;
    out.model = reply.model;
    if (reply.failure) {
        out.failure = std::move(reply.failure);
        out.rawResponse = std::string(body);
        return out;
    }
    out.rawResponse = reply.reasoning.empty() ? reply.content : "<think>" + reply.reasoning + "</think>\n" + reply.content;
    if (reply.finishReason == "length") {
        out.failure = JudgeFailure{JudgeFailureKind::CutOff,
                                   "the answer was cut off at max tokens (finish_reason \"length\"; raise --max-tokens)"};
        return out;
    }
    const std::string answer = stripThinkBlocks(reply.content);
    const JudgeResponse parsed = parseJudgeResponse(answer);
    if (!parsed.preferred) {
        std::string why;
        if (const auto value = preferredLineValue(answer))
            why = "the Preferred line reads \"" + excerpt(*value, 60) + "\", not A or B";
        else if (answer.find_first_not_of(" \t\r\n") == std::string::npos)
            why = reply.content.empty() ? "the answer is empty" : "the answer holds only a think block";
        else
            why = "the answer has no \"Preferred: A|B\" line";
        out.failure = JudgeFailure{JudgeFailureKind::NoPreferredLine, why};
        return out;
    }
    JudgeVerdict verdict;
    verdict.choice = (*parsed.preferred == "A" || *parsed.preferred == "a") ? Choice::First : Choice::Second;
    verdict.confidence = parsed.confidence;
    verdict.rationale = std::string(parsed.comparison);
    out.verdict = std::move(verdict);
    return out;
}

} // namespace rankpo
