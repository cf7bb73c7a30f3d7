#pragma once

#include <string>
#include <string_view>

namespace rankpo {

// Decodes UTF-8 into code points. Each invalid or truncated sequence becomes U+FFFD (which BERT's clean-up then
// drops), so that any byte string can be tokenised without reading past its end.
std::u32string decodeUtf8Lossy(std::string_view text);
void appendUtf8(std::string& out, char32_t c);
std::string encodeUtf8(std::u32string_view text);

} // namespace rankpo
