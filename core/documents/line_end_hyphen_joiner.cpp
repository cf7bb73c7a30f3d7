#include "core/documents/line_end_hyphen_joiner.h"

#include "core/text/unicode_tables.h"

#include <string_view>

namespace rankpo {
namespace {

// Decodes the code point that starts at `pos` (assumed valid UTF-8: the extractor's lines are).
char32_t codePointAt(std::string_view s, std::size_t pos, std::size_t* length = nullptr)
{
    const auto c = static_cast<unsigned char>(s[pos]);
    std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (pos + n > s.size())
        n = 1;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[pos + k]) & 0x3F);
    if (length)
        *length = n;
    return cp;
}

// The start of the code point that ends just before `end`.
std::size_t previousStart(std::string_view s, std::size_t end)
{
    std::size_t i = end - 1;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
        --i;
    return i;
}

bool isDigit(char32_t c) { return c >= '0' && c <= '9'; }

bool isLetter(char32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (c < 0xC0 || c == 0xD7 || c == 0xF7)
        return false; // Latin-1 signs and symbols
    if (c >= 0x2000 && c < 0x2C00)
        return false; // punctuation, super- and subscripts, currency, arrows, maths, shapes, dingbats
    using namespace unicode_facts;
    return (flags(c) & (Punctuation | Whitespace | Control | SplitSpace)) == 0;
}

bool isUpper(char32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    std::u32string lowered;
    unicode_facts::appendLowered(c, lowered);
    return !(lowered.size() == 1 && lowered[0] == c);
}

// Lower case in the cased scripts (Latin, Greek, Cyrillic, Armenian); caseless scripts are not "lower".
bool isLower(char32_t c)
{
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    return isLetter(c) && c < 0x590 && !isUpper(c);
}

bool isHyphenSpace(char c) { return c == ' ' || c == '\t'; }

} // namespace

std::vector<std::string> joinLineEndHyphens(std::vector<std::string> lines)
{
    std::vector<std::string> out;
    out.reserve(lines.size());
    std::vector<char> consumed(lines.size(), 0); // lines appended to an earlier one
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (consumed[i])
            continue;
        std::string current = std::move(lines[i]);
        for (;;) {
            if (current.size() < 2)
                break;
            const std::size_t hyphenAt = previousStart(current, current.size());
            const char32_t hyphen = codePointAt(current, hyphenAt);
            if ((hyphen != '-' && hyphen != 0x2010 && hyphen != 0xAD) || hyphenAt == 0)
                break;
            const char32_t before = codePointAt(current, previousStart(current, hyphenAt));
            if (!isLetter(before) && !isDigit(before))
                break;
            std::size_t next = i + 1;
            while (next < lines.size() && (consumed[next] || lines[next].empty()))
                ++next;
            if (next == lines.size())
                break;
            const std::string& following = lines[next];
            std::size_t start = 0;
            while (start < following.size() && isHyphenSpace(following[start]))
                ++start;
            if (start == following.size())
                break;
            const char32_t first = codePointAt(following, start);
            if (!isLetter(first) && !isDigit(first))
                break;
            bool drop = hyphen == 0xAD;
            if (!drop && isLetter(before) && isLower(first)) {
                std::size_t wordStart = hyphenAt;
                while (wordStart > 0 && !isHyphenSpace(current[wordStart - 1]))
                    --wordStart;
                const std::string_view word(current.data() + wordStart, hyphenAt - wordStart);
                drop = word.find('-') == std::string_view::npos && word.find("\xE2\x80\x90") == std::string_view::npos;
            }
            if (drop)
                current.resize(hyphenAt);
            // Blank lines between the two parts (a column or page break) stay, after the joined line.
            current.append(following, start, std::string::npos);
            consumed[next] = 1;
        }
        out.push_back(std::move(current));
    }
    return out;
}

} // namespace rankpo
