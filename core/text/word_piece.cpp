#include "core/text/word_piece.h"

#include "core/text/utf8_codec.h"
#include "core/util/error.h"

#include <algorithm>

namespace rankpo {

WordPiece::WordPiece(std::unordered_map<std::string, TokenId> vocab, const std::string& unkToken,
                     std::string continuingPrefix, std::size_t maxInputCharsPerWord)
    : m_vocab(std::move(vocab)), m_prefix(std::move(continuingPrefix)), m_maxInputChars(maxInputCharsPerWord)
{
    const auto unk = m_vocab.find(unkToken);
    if (unk == m_vocab.end())
        throw dataError("the vocabulary has no unknown token '" + unkToken + "'");
    m_unkId = unk->second;
    for (const auto& [token, id] : m_vocab) {
        m_longestToken = std::max(m_longestToken, token.size());
        if (id < 0)
            throw dataError("the vocabulary gives token '" + token + "' a negative id");
    }
}

TokenId WordPiece::idOf(const std::string& token) const
{
    const auto it = m_vocab.find(token);
    return it == m_vocab.end() ? -1 : it->second;
}

std::vector<std::string> WordPiece::tokensById() const
{
    TokenId maxId = -1;
    for (const auto& entry : m_vocab)
        maxId = std::max(maxId, entry.second);
    std::vector<std::string> tokens(std::size_t(maxId + 1));
    for (const auto& [token, id] : m_vocab)
        tokens[std::size_t(id)] = token;
    return tokens;
}

void WordPiece::tokenize(std::u32string_view word, std::vector<TokenId>& out) const
{
    if (word.empty())
        return;
    if (word.size() > m_maxInputChars) {
        out.push_back(m_unkId);
        return;
    }
    // Byte offsets of each code point boundary in the UTF-8 form, so candidates end on character boundaries.
    const std::string utf8 = encodeUtf8(word);
    std::vector<std::size_t> bounds;
    bounds.reserve(word.size() + 1);
    std::size_t pos = 0;
    for (char32_t c : word) {
        bounds.push_back(pos);
        pos += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    bounds.push_back(pos);

    const std::size_t mark = out.size();
    std::string candidate;
    std::size_t startIdx = 0;
    while (startIdx < word.size()) {
        const std::size_t start = bounds[startIdx];
        const std::size_t prefixLen = startIdx > 0 ? m_prefix.size() : 0;
        std::size_t endIdx = word.size();
        // Nothing longer than the longest vocabulary entry can match: skip those candidates.
        while (endIdx > startIdx && bounds[endIdx] - start + prefixLen > m_longestToken)
            --endIdx;
        TokenId found = -1;
        for (; endIdx > startIdx; --endIdx) {
            candidate.assign(startIdx > 0 ? m_prefix : std::string());
            candidate.append(utf8, start, bounds[endIdx] - start);
            const auto it = m_vocab.find(candidate);
            if (it != m_vocab.end()) {
                found = it->second;
                break;
            }
        }
        if (found < 0) {
            out.resize(mark);
            out.push_back(m_unkId);
            return;
        }
        out.push_back(found);
        startIdx = endIdx;
    }
}

} // namespace rankpo
