#pragma once

#include "core/text/word_piece.h" // TokenId

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace rankpo {

struct BpeModelOptions {
    bool byteLevel = true;      // symbols are bytes, vocabulary entries in GPT-2's byte-to-character alphabet
    bool ignoreMerges = false;  // a piece that is a vocabulary entry as a whole is that token (Llama 3)
    std::optional<std::string> unkToken;
    bool fuseUnk = false;       // consecutive unknown symbols become one unknown token
    bool byteFallback = false;  // an unknown character becomes its bytes' <0xXX> tokens
};

// Hugging Face tokenizers' BPE model: a piece starts as one symbol per byte (byte-level) or per character, and
// the pair of neighbours with the lowest merge rank (the leftmost among equals) is merged until no pair has a
// merge, exactly as tokenizers' Word::merge_all does.
class BpeModel {
public:
    // vocab: token -> id as tokenizer.json writes them; merges in rank order. A merge whose parts or result are
    // not in the vocabulary is an error naming it (`where` names the file).
    BpeModel(std::unordered_map<std::string, TokenId> vocab, const std::vector<std::pair<std::string, std::string>>& merges,
             BpeModelOptions options, const std::string& where);

    // Appends the tokens of one pre-tokenized piece (its UTF-8 bytes, before any byte-to-character mapping).
    void tokenize(std::string_view piece, std::vector<TokenId>& out) const;

    // The id of a token in the vocabulary's own spelling, or -1.
    TokenId idOf(const std::string& token) const;
    std::size_t idLimit() const { return std::size_t(m_maxId + 1); }
    const std::unordered_map<std::string, TokenId>& vocab() const { return m_vocab; }
    const BpeModelOptions& options() const { return m_options; }

    // GPT-2's reversible map from a byte to a printable character (bytes_to_unicode).
    static char32_t byteToChar(unsigned char b);

private:
    struct MergeTarget {
        std::int32_t rank;
        TokenId id;
    };
    static std::uint64_t pairKey(TokenId a, TokenId b) { return (std::uint64_t(std::uint32_t(a)) << 32) | std::uint32_t(b); }
    void mergeAll(std::vector<TokenId>& symbols) const;

    std::unordered_map<std::string, TokenId> m_vocab; // as written (byte-level: in the character alphabet)
    std::unordered_map<std::string, TokenId> m_raw;   // by the bytes a token stands for
    std::unordered_map<std::uint64_t, MergeTarget> m_merges;
    TokenId m_byteIds[256];
    BpeModelOptions m_options;
    TokenId m_unkId = -1;
    TokenId m_maxId = -1;
};

} // namespace rankpo
