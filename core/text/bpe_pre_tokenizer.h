#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rankpo {

// The split regexes that byte-level BPE tokenizers ship, matched by hand (no regex library: the GPU build machine
// has none) with the semantics of tokenizers' Oniguruma engine: at each position the first alternative that
// matches wins, quantifiers are greedy and backtrack, a position no alternative matches is left to the gaps.
enum class SplitPattern {
    // Llama 3's (tiktoken cl100k): (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}|
    //                              ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
    Llama3,
    // Qwen2's: the same with \p{N} one digit at a time.
    Qwen2,
    // GPT-2's (ByteLevel's use_regex): 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
    Gpt2,
};

// The pattern a tokenizer.json Split regex stands for, or false when it is not one we know.
bool recognizeSplitPattern(const std::string& regex, SplitPattern& pattern);
const char* splitPatternRegex(SplitPattern pattern);

// Split's "Isolated" behaviour: the matches of `pattern` in `text` and the gaps between them, as [begin, end)
// code point ranges that cover the text in order.
std::vector<std::pair<std::size_t, std::size_t>> splitPieces(std::u32string_view text, SplitPattern pattern);

} // namespace rankpo
