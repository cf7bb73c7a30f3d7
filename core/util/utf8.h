#pragma once

#include <cstddef>
#include <string_view>

namespace rankpo {

// Returns the byte offset of the first invalid UTF-8 sequence, or npos when the text is valid.
// Overlong forms, surrogates and code points above U+10FFFF are invalid.
std::size_t findInvalidUtf8(std::string_view text);
inline bool isValidUtf8(std::string_view text) { return findInvalidUtf8(text) == std::string_view::npos; }

} // namespace rankpo
