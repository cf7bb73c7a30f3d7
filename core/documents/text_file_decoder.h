#pragma once

#include <string>
#include <string_view>

namespace rankpo {

// What a text file without a byte-order mark may be in.
enum class TextEncoding {
    Utf8,   // UTF-8 only: other bytes are an error naming the first one's offset
    Cp1252, // UTF-8 when the bytes are valid UTF-8, else Windows-1252 (a folder may mix both; real 1252 text
            // with accents is practically never valid UTF-8, and ASCII reads the same either way)
};

// Decodes the bytes of a .txt/.md file to UTF-8 with "\n" line ends:
//   a UTF-8 BOM (EF BB BF): UTF-8, the BOM dropped;  FF FE / FE FF: UTF-16 LE / BE, surrogate pairs joined;
//   no BOM: UTF-8, or Windows-1252 as `fallback` allows.
// Throws DocumentError naming `name`: Encoding for bytes that are not text (with the byte offset in the file),
// a NUL byte (a binary file; UTF-16 without a BOM says so) or broken UTF-16; Empty for a file with nothing but
// white space.
std::string decodeTextFile(std::string_view bytes, TextEncoding fallback, const std::string& name);

} // namespace rankpo
