#include "core/judge/token_budget.h"

namespace rankpo {
namespace {

bool isContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::size_t countCharacters(std::string_view text)
{
    std::size_t n = 0;
    for (char c : text)
        n += isContinuationByte(c) ? 0 : 1;
    return n;
}

} // namespace

std::size_t approximateTokens(std::string_view text)
{
    return (countCharacters(text) + kCharactersPerToken - 1) / kCharactersPerToken;
}

TruncatedText truncateToTokens(std::string_view text, std::size_t maxTokens)
{
    const std::size_t total = countCharacters(text);
    if (maxTokens == 0 || total <= maxTokens * kCharactersPerToken)
        return {std::string(text), 0};
    const std::size_t keepCharacters = maxTokens * kCharactersPerToken;
    // The byte offset just past the first keepCharacters characters.
    std::size_t end = 0;
    for (std::size_t seen = 0; end < text.size(); ++end) {
        if (!isContinuationByte(text[end])) {
            if (seen == keepCharacters)
                break;
            ++seen;
        }
    }
    // A break at a word or tag boundary reads better than half a word, if one is near.
    auto isBreak = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '<'; };
    if (!isBreak(text[end])) {
        const std::size_t window = end / 10;
        for (std::size_t i = end; i > end - window; --i) {
            if (isBreak(text[i - 1])) {
                end = i - 1;
                break;
            }
        }
    }
    std::string_view kept = text.substr(0, end);
    while (!kept.empty() && (kept.back() == ' ' || kept.back() == '\n' || kept.back() == '\t'))
        kept.remove_suffix(1);
    const std::size_t removed = total - countCharacters(kept);
    TruncatedText out;
    out.text.reserve(kept.size() + 48);
    out.text += kept;
    out.text += " [\xE2\x80\xA6 truncated: " + std::to_string(removed) + " more characters]";
    out.removedCharacters = removed;
    return out;
}

} // namespace rankpo
