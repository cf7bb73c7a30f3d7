#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rankpo {

// The judge's tokenizer is unknown (any OpenAI-compatible server, any model), so budgets count
// approximate tokens: one token per kCharactersPerToken Unicode characters, OpenAI's rule of thumb for
// English. It errs on the safe side for the sample's texts: their first pair (24,041 characters of job
// and profiles) is 6,010 tokens by the rule and was 5,090 prompt tokens for deepseek-chat.
inline constexpr std::size_t kCharactersPerToken = 4;

std::size_t approximateTokens(std::string_view text);

// How much of each text a judge request may carry. Per text rather than per prompt so that both display
// orders of a pair show the judge exactly the same texts. 0 means no limit.
struct TokenBudget {
    std::size_t jobTokens = 4000;
    std::size_t candidateTokens = 4000;
};

struct TruncatedText {
    std::string text;
    std::size_t removedCharacters = 0; // Unicode characters cut off; 0 when the text fits
    bool truncated() const { return removedCharacters > 0; }
};

// The text when it fits in maxTokens; otherwise its first maxTokens * kCharactersPerToken characters,
// shortened to the last space or tag start ("<") within the last 10% when there is one, followed by a
// visible marker " [… truncated: N more characters]" (the marker itself is not counted). Never cuts
// inside a UTF-8 sequence.
TruncatedText truncateToTokens(std::string_view text, std::size_t maxTokens);

} // namespace rankpo
