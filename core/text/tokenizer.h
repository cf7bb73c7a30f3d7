#pragma once

#include "core/text/word_piece.h" // TokenId

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rankpo {

// What the encoder needs of a tokenizer, whatever its model: WordPiece (BertTokenizer) for BERT-family encoders,
// byte-level BPE (BpeTokenizer) for decoder LLMs. Both equal Hugging Face `tokenizers` on the same files.
class Tokenizer {
public:
    virtual ~Tokenizer() = default;

    // The ids with the post-processor's special tokens ([CLS] A [SEP], <|begin_of_text|> A, or none), the text's
    // tokens cut from the right so that everything fits maxLength, as `tokenizer(text, max_length=n,
    // truncation=True)` does. maxLength must leave room for one token besides the specials.
    virtual std::vector<TokenId> encode(std::string_view text, std::size_t maxLength) const = 0;
    // The tokens alone: no special tokens from the template, no truncation.
    virtual std::vector<TokenId> tokenize(std::string_view text) const = 0;

    // The id that right-pads a batch (its embedding never reaches a real token's state).
    virtual TokenId padId() const = 0;
    // One more than the largest id the tokenizer can produce: the embedding rows it needs.
    virtual std::size_t idLimit() const = 0;
    // How many special tokens encode() adds around the text.
    virtual std::size_t specialTokensAdded() const = 0;
    // "wordpiece" or "bpe".
    virtual const char* kind() const = 0;

    // The tokenizer of a Hugging Face folder: tokenizer.json's model.type decides (WordPiece or BPE); a folder
    // with only vocab.txt is a BERT WordPiece. Errors name the file and the field.
    static std::unique_ptr<Tokenizer> fromFolder(const std::filesystem::path& folder);
};

} // namespace rankpo
