#include "core/documents/text_file_decoder.h"

#include "core/documents/cp1252_codec.h"
#include "core/documents/document_error.h"
#include "core/documents/text_cleanup.h"
#include "core/text/utf8_codec.h"
#include "core/text/utf8_codec.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace rankpo {
namespace {

std::string hexByte(unsigned char b)
{
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "0x%02X", b);
    return buffer;
}

[[noreturn]] void encodingError(const std::string& name, const std::string& reason)
{
    throw DocumentError(DocumentProblem::Encoding, name, reason);
}

// A NUL in text means a binary file, or UTF-16 saved without a byte-order mark (every other byte NUL).
void refuseNul(std::string_view bytes, std::size_t base, const std::string& name)
{
    const void* nul = std::memchr(bytes.data(), 0, bytes.size());
    if (!nul)
        return;
    const auto at = static_cast<std::size_t>(static_cast<const char*>(nul) - bytes.data());
    // ASCII text in UTF-16 has a NUL beside every letter, all on the same side.
    std::size_t nuls[2] = {0, 0};
    const std::size_t probe = std::min<std::size_t>(bytes.size(), 512);
    for (std::size_t i = 0; i < probe; ++i)
        if (bytes[i] == 0)
            ++nuls[i % 2];
    if (probe >= 4 && (nuls[0] == 0 || nuls[1] == 0) && (nuls[0] + nuls[1]) * 4 >= probe)
        encodingError(name, "looks like UTF-16 without a byte-order mark (NUL bytes between the letters); save it as UTF-8");
    encodingError(name, "a NUL byte at offset " + std::to_string(base + at) + ": a binary file, not text");
}

std::string decodeUtf16(std::string_view bytes, bool bigEndian, const std::string& name)
{
    constexpr std::size_t kBom = 2;
    if (bytes.size() % 2 != 0)
        encodingError(name, "UTF-16 text with an odd number of bytes (" + std::to_string(bytes.size() + kBom)
                                + "): the file is cut off or not UTF-16");
    std::string out;
    out.reserve(bytes.size());
    auto unit = [&](std::size_t i) -> char16_t {
        const auto a = static_cast<unsigned char>(bytes[i]);
        const auto b = static_cast<unsigned char>(bytes[i + 1]);
        return static_cast<char16_t>(bigEndian ? (a << 8) | b : (b << 8) | a);
    };
    for (std::size_t i = 0; i < bytes.size(); i += 2) {
        char32_t c = unit(i);
        const std::size_t offset = i + kBom;
        if (c == 0)
            encodingError(name, "a NUL character at offset " + std::to_string(offset) + ": a binary file, not text");
        if (c >= 0xD800 && c <= 0xDBFF) {
            if (i + 3 >= bytes.size() || unit(i + 2) < 0xDC00 || unit(i + 2) > 0xDFFF)
                encodingError(name, "invalid UTF-16 at offset " + std::to_string(offset) + " (an unpaired surrogate)");
            c = 0x10000 + ((c - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
            i += 2;
        } else if (c >= 0xDC00 && c <= 0xDFFF) {
            encodingError(name, "invalid UTF-16 at offset " + std::to_string(offset) + " (an unpaired surrogate)");
        }
        appendUtf8(out, c);
    }
    return out;
}

} // namespace

std::string decodeTextFile(std::string_view bytes, TextEncoding fallback, const std::string& name)
{
    std::string text;
    if (bytes.size() >= 2 && (static_cast<unsigned char>(bytes[0]) == 0xFF || static_cast<unsigned char>(bytes[0]) == 0xFE)
        && static_cast<unsigned char>(bytes[0]) + static_cast<unsigned char>(bytes[1]) == 0xFF + 0xFE) {
        text = decodeUtf16(bytes.substr(2), static_cast<unsigned char>(bytes[0]) == 0xFE, name);
    } else {
        std::size_t base = 0;
        if (bytes.size() >= 3 && std::memcmp(bytes.data(), "\xEF\xBB\xBF", 3) == 0) {
            bytes.remove_prefix(3);
            base = 3;
        }
        refuseNul(bytes, base, name);
        const std::size_t bad = findInvalidUtf8(bytes);
        if (bad == std::string_view::npos) {
            text.assign(bytes);
        } else if (fallback == TextEncoding::Cp1252 && base == 0) {
            const std::size_t undefined = findUndefinedCp1252(bytes);
            if (undefined != std::string_view::npos)
                encodingError(name, "neither UTF-8 nor Windows-1252 text: byte " + hexByte(static_cast<unsigned char>(bytes[undefined]))
                                        + " at offset " + std::to_string(undefined) + " is not a Windows-1252 character");
            text = cp1252ToUtf8(bytes);
        } else {
            encodingError(name, "not UTF-8 text: byte " + hexByte(static_cast<unsigned char>(bytes[bad])) + " at offset "
                                    + std::to_string(base + bad)
                                    + (base == 0 ? " (if the file is Windows-1252 text, read it as cp1252)" : " (after a UTF-8 byte-order mark)"));
        }
    }
    normalizeLineEnds(text);
    if (isBlankText(text))
        throw DocumentError(DocumentProblem::Empty, name, "empty document");
    return text;
}

} // namespace rankpo
