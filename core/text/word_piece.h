#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rankpo {

using TokenId = std::int32_t;

// A WordPiece vocabulary and HF's greedy longest-match-first segmentation of one word: the longest vocabulary
// entry that starts the word, then the longest `##`-prefixed entry that continues it, and so on; a word that
// cannot be segmented, or is longer than maxInputCharsPerWord code points, becomes the unknown token.
class WordPiece {
public:
    WordPiece(std::unordered_map<std::string, TokenId> vocab, const std::string& unkToken,
              std::string continuingPrefix = "##", std::size_t maxInputCharsPerWord = 100);

    void tokenize(std::u32string_view word, std::vector<TokenId>& out) const;

    std::size_t size() const { return m_vocab.size(); }
    TokenId unkId() const { return m_unkId; }
    // The id of a token, or -1.
    TokenId idOf(const std::string& token) const;
    // Tokens by id (ids are dense from 0); empty strings where a vocabulary has gaps.
    std::vector<std::string> tokensById() const;

private:
    std::unordered_map<std::string, TokenId> m_vocab;
    TokenId m_unkId;
    std::string m_prefix;
    std::size_t m_maxInputChars;
    std::size_t m_longestToken = 0; // in bytes, prefix included: bounds the search
};

} // namespace rankpo
