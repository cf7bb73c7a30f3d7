#pragma once

#include "core/text/bert_normalizer.h"
#include "core/text/tokenizer.h"
#include "core/text/word_piece.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace rankpo {

// Special tokens matched verbatim in the raw text (HF's "added tokens" with normalized=false), e.g. "[SEP]".
struct AddedToken {
    std::string content;
    TokenId id;
};

struct BertSpecialTokens {
    TokenId cls = -1;
    TokenId sep = -1;
    TokenId pad = 0;
    std::vector<AddedToken> verbatim;
};

// BERT's tokenizer, equal to Hugging Face's fast BertTokenizer (tokenizers' BertNormalizer, BertPreTokenizer,
// WordPiece and the [CLS] A [SEP] template): the ids match tests/reference/golden_token_ids.jsonl.
class BertTokenizer : public Tokenizer {
public:
    BertTokenizer(WordPiece wordPiece, BertNormalizerOptions normalizer, BertSpecialTokens specials);

    // Reads tokenizer.json when the folder has one (what sentence-transformers uses), else vocab.txt with
    // tokenizer_config.json's options. Settings we do not implement are an error naming the field.
    static BertTokenizer fromFolder(const std::filesystem::path& folder);

    // [CLS] tokens [SEP], the tokens cut to fit maxLength (>= 2) in all.
    std::vector<TokenId> encode(std::string_view text, std::size_t maxLength) const override;
    // The tokens alone: no [CLS]/[SEP], no truncation.
    std::vector<TokenId> tokenize(std::string_view text) const override;

    TokenId clsId() const { return m_specials.cls; }
    TokenId sepId() const { return m_specials.sep; }
    TokenId padId() const override { return m_specials.pad; }
    std::size_t idLimit() const override { return m_wordPiece.tokensById().size(); }
    std::size_t specialTokensAdded() const override { return 2; }
    const char* kind() const override { return "wordpiece"; }
    std::size_t vocabSize() const { return m_wordPiece.size(); }
    const WordPiece& wordPiece() const { return m_wordPiece; }
    const BertNormalizerOptions& normalizerOptions() const { return m_normalizer.options(); }

private:
    void tokenizeSegment(std::string_view segment, std::vector<TokenId>& out) const;

    WordPiece m_wordPiece;
    BertNormalizer m_normalizer;
    BertSpecialTokens m_specials;
};

} // namespace rankpo
