#pragma once

#include "core/text/word_piece.h" // TokenId

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rankpo {

// One of tokenizer.json's added_tokens, with the matching options that Hugging Face tokenizers honours.
struct AddedTokenSpec {
    std::string content;
    TokenId id = -1;
    bool special = false;
    bool lstrip = false;     // the match takes the white space before it
    bool rstrip = false;     // the match takes the white space after it
    bool normalized = false; // matched in the normalised text (else in the raw text, before normalisation)
    bool singleWord = false; // matched only where no word character touches it
};

// Finds added tokens in a text as tokenizers' AddedVocabulary does: leftmost-longest matches (its Aho-Corasick
// MatchKind::LeftmostLongest), then single_word / lstrip / rstrip applied to each match in order.
class AddedVocabulary {
public:
    AddedVocabulary() = default;
    explicit AddedVocabulary(const std::vector<AddedTokenSpec>& tokens);

    struct Segment {
        std::size_t begin = 0; // byte range in the text
        std::size_t end = 0;
        TokenId id = -1;       // the added token, or -1 for text between tokens
    };
    // Segments covering `text` in order; empty when the text is.
    std::vector<Segment> split(std::string_view text) const;
    bool empty() const { return m_tokens.empty(); }

private:
    struct Node {
        std::vector<std::pair<unsigned char, int>> next; // few children per node
        int token = -1;                                   // index into m_tokens
    };
    int child(int node, unsigned char byte) const;

    std::vector<AddedTokenSpec> m_tokens;
    std::vector<Node> m_trie;
};

} // namespace rankpo
