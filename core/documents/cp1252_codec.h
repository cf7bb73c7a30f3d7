#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rankpo {

// Windows-1252 ("ANSI" on western Windows, what Notepad and older Office save), the full table: ASCII, the
// printable characters Microsoft put in 0x80-0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ) and
// Latin-1 from 0xA0. Five bytes are left undefined by Microsoft: 0x81 0x8D 0x8F 0x90 0x9D. We refuse them
// rather than map them to C1 control characters (as the WHATWG decoder does) or U+FFFD: a file that contains
// one is almost always in another code page (0x81 and 0x90 are letters in Windows-1251 and -1250), so
// decoding it as 1252 would store wrong letters without a word said.

// The offset of the first undefined byte, or npos.
std::size_t findUndefinedCp1252(std::string_view bytes);
// Decodes to UTF-8; undefined bytes become U+FFFD (callers that must refuse them check first).
std::string cp1252ToUtf8(std::string_view bytes);
// Encodes UTF-8 as Windows-1252; code points it lacks (and invalid UTF-8) become `replacement`.
std::string utf8ToCp1252(std::string_view utf8, char replacement = '?');

} // namespace rankpo
