#include "core/text/bpe_pre_tokenizer.h"

#include "core/text/bpe_unicode_tables.h"

namespace rankpo {
namespace {

namespace bu = bpe_unicode;

constexpr const char* kLlama3 = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| "
                                "?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
constexpr const char* kQwen2 = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| "
                               "?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
constexpr const char* kGpt2 = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

class Matcher {
public:
    Matcher(std::u32string_view text, SplitPattern pattern) : m_s(text), m_n(text.size()), m_pattern(pattern) {}

    // The length of the match at i, 0 when no alternative matches there.
    std::size_t at(std::size_t i) const
    {
        if (std::size_t len = contraction(i))
            return len;
        if (m_pattern == SplitPattern::Gpt2)
            return gpt2(i);
        return cl100k(i);
    }

private:
    bool letter(std::size_t i) const { return i < m_n && (bu::classOf(m_s[i]) & bu::Letter); }
    bool number(std::size_t i) const { return i < m_n && (bu::classOf(m_s[i]) & bu::Number); }
    bool space(std::size_t i) const { return i < m_n && (bu::classOf(m_s[i]) & bu::Space); }
    // [^\s\p{L}\p{N}]
    bool other(std::size_t i) const { return i < m_n && !(bu::classOf(m_s[i]) & (bu::Space | bu::Letter | bu::Number)); }
    bool newline(std::size_t i) const { return i < m_n && (m_s[i] == U'\r' || m_s[i] == U'\n'); }

    std::size_t run(std::size_t i, bool (Matcher::*is)(std::size_t) const) const
    {
        std::size_t j = i;
        while ((this->*is)(j))
            ++j;
        return j - i;
    }

    // 's|'t|'re|'ve|'m|'ll|'d, case-insensitively for Llama 3 and Qwen2.
    std::size_t contraction(std::size_t i) const
    {
        if (m_s[i] != U'\'' || i + 1 >= m_n)
            return 0;
        const bool fold = m_pattern != SplitPattern::Gpt2;
        auto is = [&](std::size_t k, char32_t lower) {
            if (k >= m_n)
                return false;
            return fold ? bu::contractionLetter(m_s[k]) == lower : m_s[k] == lower;
        };
        if (is(i + 1, U's') || is(i + 1, U't') || is(i + 1, U'm') || is(i + 1, U'd'))
            return 2;
        if ((is(i + 1, U'r') || is(i + 1, U'v')) && is(i + 2, U'e'))
            return 3;
        if (is(i + 1, U'l') && is(i + 2, U'l'))
            return 3;
        return 0;
    }

    // \s+(?!\S) then \s+: a run of white space, less its last character when a non-space follows (that one
    // starts the next piece, e.g. " word").
    std::size_t whitespace(std::size_t i) const
    {
        const std::size_t len = run(i, &Matcher::space);
        if (len == 0)
            return 0;
        if (i + len == m_n || len == 1)
            return len; // (?!\S) holds at the end; a single space falls through to \s+
        return len - 1;
    }

    std::size_t cl100k(std::size_t i) const
    {
        // [^\r\n\p{L}\p{N}]?\p{L}+
        if (letter(i))
            return run(i, &Matcher::letter);
        if (!newline(i) && !letter(i) && !number(i) && letter(i + 1))
            return 1 + run(i + 1, &Matcher::letter);
        // \p{N}{1,3} or \p{N}
        if (number(i)) {
            const std::size_t digits = run(i, &Matcher::number);
            const std::size_t most = m_pattern == SplitPattern::Llama3 ? 3 : 1;
            return digits < most ? digits : most;
        }
        // ` ?[^\s\p{L}\p{N}]+[\r\n]*`
        {
            const std::size_t start = (m_s[i] == U' ' && other(i + 1)) ? i + 1 : i;
            if (other(start)) {
                std::size_t j = start + run(start, &Matcher::other);
                j += run(j, &Matcher::newline);
                return j - i;
            }
        }
        // \s*[\r\n]+ : the white space up to and including its last line break
        {
            const std::size_t len = run(i, &Matcher::space);
            for (std::size_t k = i + len; k > i; --k)
                if (newline(k - 1))
                    return k - i;
        }
        return whitespace(i);
    }

    std::size_t gpt2(std::size_t i) const
    {
        const std::size_t start = m_s[i] == U' ' ? i + 1 : i;
        // ` ?\p{L}+`, ` ?\p{N}+`, ` ?[^\s\p{L}\p{N}]+`: with the space when the class follows it, else without
        // (a lone ' ' is white space, which none of the three takes).
        for (bool (Matcher::*is)(std::size_t) const : {&Matcher::letter, &Matcher::number, &Matcher::other}) {
            if ((this->*is)(start))
                return start - i + run(start, is);
        }
        return whitespace(i);
    }

    std::u32string_view m_s;
    std::size_t m_n;
    SplitPattern m_pattern;
};

} // namespace

bool recognizeSplitPattern(const std::string& regex, SplitPattern& pattern)
{
    for (SplitPattern p : {SplitPattern::Llama3, SplitPattern::Qwen2, SplitPattern::Gpt2}) {
        if (regex == splitPatternRegex(p)) {
            pattern = p;
            return true;
        }
    }
    return false;
}

const char* splitPatternRegex(SplitPattern pattern)
{
    switch (pattern) {
    case SplitPattern::Llama3: return kLlama3;
    case SplitPattern::Qwen2: return kQwen2;
    case SplitPattern::Gpt2: return kGpt2;
    }
    return "";
}

std::vector<std::pair<std::size_t, std::size_t>> splitPieces(std::u32string_view text, SplitPattern pattern)
{
    const Matcher matcher(text, pattern);
    std::vector<std::pair<std::size_t, std::size_t>> pieces;
    std::size_t gapStart = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t len = matcher.at(i);
        if (len == 0) {
            ++i;
            continue;
        }
        if (gapStart < i)
            pieces.emplace_back(gapStart, i);
        pieces.emplace_back(i, i + len);
        i += len;
        gapStart = i;
    }
    if (gapStart < text.size())
        pieces.emplace_back(gapStart, text.size());
    return pieces;
}

} // namespace rankpo
