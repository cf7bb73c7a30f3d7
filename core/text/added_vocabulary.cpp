#include "core/text/added_vocabulary.h"

#include "core/text/bpe_unicode_tables.h"
#include "core/text/unicode_tables.h"
#include "core/text/utf8_codec.h"

namespace rankpo {
namespace {

// The code point that ends text[0, end) (or starts text[begin, ...)); U+FFFD for a broken sequence.
char32_t lastCodePoint(std::string_view text, std::size_t end)
{
    std::size_t start = end;
    while (start > 0 && (static_cast<unsigned char>(text[start - 1]) & 0xC0) == 0x80 && end - start < 3)
        --start;
    if (start > 0)
        --start;
    const std::u32string cps = decodeUtf8Lossy(text.substr(start, end - start));
    return cps.empty() ? 0 : cps.back();
}

char32_t firstCodePoint(std::string_view text, std::size_t begin)
{
    std::size_t len = 1;
    while (begin + len < text.size() && len < 4 && (static_cast<unsigned char>(text[begin + len]) & 0xC0) == 0x80)
        ++len;
    const std::u32string cps = decodeUtf8Lossy(text.substr(begin, len));
    return cps.empty() ? 0 : cps.front();
}

// Rust regex's \w (letters, marks, digits, connector punctuation), closely enough for single_word.
bool wordCharacter(char32_t c)
{
    return c == U'_' || (bpe_unicode::classOf(c) & (bpe_unicode::Letter | bpe_unicode::Number)) ||
           (unicode_facts::flags(c) & unicode_facts::Mark);
}

// Rust's White_Space, for lstrip and rstrip.
bool whiteSpace(char32_t c)
{
    return (unicode_facts::flags(c) & unicode_facts::SplitSpace) != 0;
}

std::size_t utf8Width(char32_t c)
{
    return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

} // namespace

AddedVocabulary::AddedVocabulary(const std::vector<AddedTokenSpec>& tokens) : m_tokens(tokens)
{
    m_trie.emplace_back();
    for (std::size_t t = 0; t < m_tokens.size(); ++t) {
        const std::string& content = m_tokens[t].content;
        if (content.empty())
            continue; // tokenizers never matches an empty token
        int node = 0;
        for (unsigned char byte : content) {
            int next = child(node, byte);
            if (next < 0) {
                next = int(m_trie.size());
                m_trie[std::size_t(node)].next.emplace_back(byte, next);
                m_trie.emplace_back();
            }
            node = next;
        }
        // A content listed twice keeps its first entry.
        if (m_trie[std::size_t(node)].token < 0)
            m_trie[std::size_t(node)].token = int(t);
    }
}

int AddedVocabulary::child(int node, unsigned char byte) const
{
    for (const auto& [b, n] : m_trie[std::size_t(node)].next)
        if (b == byte)
            return n;
    return -1;
}

std::vector<AddedVocabulary::Segment> AddedVocabulary::split(std::string_view text) const
{
    std::vector<Segment> out;
    if (text.empty())
        return out;
    std::size_t done = 0; // end of the last segment
    std::size_t i = 0;
    while (i < text.size()) {
        // The longest token starting at i.
        int node = 0, best = -1;
        std::size_t bestEnd = 0;
        for (std::size_t k = i; k < text.size(); ++k) {
            node = child(node, static_cast<unsigned char>(text[k]));
            if (node < 0)
                break;
            if (m_trie[std::size_t(node)].token >= 0) {
                best = m_trie[std::size_t(node)].token;
                bestEnd = k + 1;
            }
        }
        if (best < 0) {
            ++i;
            continue;
        }
        const AddedTokenSpec& token = m_tokens[std::size_t(best)];
        std::size_t start = i, stop = bestEnd;
        i = bestEnd; // the search goes on after the match, as Aho-Corasick's iterator does
        if (token.singleWord) {
            const bool startSpace = start == 0 || !wordCharacter(lastCodePoint(text, start));
            const bool stopSpace = stop == text.size() || !wordCharacter(firstCodePoint(text, stop));
            if (!startSpace || !stopSpace)
                continue;
        }
        if (token.lstrip) {
            std::size_t s = start;
            while (s > done) {
                const char32_t c = lastCodePoint(text, s);
                if (!whiteSpace(c))
                    break;
                s -= std::min(s - done, utf8Width(c));
            }
            start = s;
        }
        if (token.rstrip) {
            while (stop < text.size()) {
                const char32_t c = firstCodePoint(text, stop);
                if (!whiteSpace(c))
                    break;
                stop = std::min(text.size(), stop + utf8Width(c));
            }
            i = std::max(i, stop);
        }
        start = std::max(start, done);
        if (done < start)
            out.push_back({done, start, -1});
        out.push_back({start, stop, token.id});
        done = stop;
    }
    if (done < text.size())
        out.push_back({done, text.size(), -1});
    return out;
}

} // namespace rankpo
