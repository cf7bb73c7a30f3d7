#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rankpo {

// The one UTF-8 decoder. Overlong forms, surrogates and code points above U+10FFFF are invalid.

// The byte offset of the first invalid UTF-8 sequence, or npos when the text is valid.
std::size_t findInvalidUtf8(std::string_view text);
inline bool isValidUtf8(std::string_view text) { return findInvalidUtf8(text) == std::string_view::npos; }

// Decodes UTF-8 into code points. Each invalid or truncated sequence becomes U+FFFD (which BERT's clean-up then
// drops), so that any byte string can be tokenised without reading past its end.
std::u32string decodeUtf8Lossy(std::string_view text);
void appendUtf8(std::string& out, char32_t c);
std::string encodeUtf8(std::u32string_view text);

} // namespace rankpo
