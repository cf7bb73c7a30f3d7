#pragma once

#include <string_view>
#include <vector>

namespace rankpo {

// HF's BertPreTokenizer: splits normalised text on whitespace and isolates each punctuation character
// (ASCII punctuation or a Unicode P* category) as a word of its own. The views point into `text`.
std::vector<std::u32string_view> splitBertWords(std::u32string_view text);

} // namespace rankpo
