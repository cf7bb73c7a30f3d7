#pragma once

#include "core/text/added_vocabulary.h"
#include "core/text/bpe_model.h"
#include "core/text/bpe_pre_tokenizer.h"
#include "core/text/tokenizer.h"

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace rankpo {

// A byte-level BPE tokenizer from a tokenizer.json (Llama 3, Qwen2/3, GPT-2 style), equal to Hugging Face
// `tokenizers` on it: added tokens found first (raw text, then the normalised text for normalized=true ones),
// the normaliser (none or NFC), the pre-tokenizer (Split with a known pattern, ByteLevel), the BPE model, and the
// post-processor's single-sequence template (TemplateProcessing, RobertaProcessing, BertProcessing, ByteLevel,
// or a Sequence of them). Anything else in the file is an error naming the field.
class BpeTokenizer : public Tokenizer {
public:
    // `where` names the file in errors. tokenizerConfig (tokenizer_config.json, may be null) gives the pad and
    // end-of-sequence tokens when the file has no padding.
    static BpeTokenizer fromJson(const nlohmann::json& doc, const nlohmann::json& tokenizerConfig, const std::string& where);
    // tokenizer.json (and tokenizer_config.json when present) of a folder.
    static BpeTokenizer fromFolder(const std::filesystem::path& folder);

    std::vector<TokenId> encode(std::string_view text, std::size_t maxLength) const override;
    std::vector<TokenId> tokenize(std::string_view text) const override;
    TokenId padId() const override { return m_pad; }
    std::size_t idLimit() const override;
    std::size_t specialTokensAdded() const override { return m_prefix.size() + m_suffix.size(); }
    const char* kind() const override { return "bpe"; }

    // The id of a vocabulary or added token, or -1; and the other way round ("" for an unknown id).
    TokenId idOf(const std::string& token) const;
    std::string contentOf(TokenId id) const;
    const std::vector<AddedTokenSpec>& addedTokens() const { return m_added; }
    // Adds special tokens (matched in raw text, as tokenizers' add_special_tokens does) that the tokenizer lacks,
    // with ids from idLimit() on; returns the id of each token given, new or not.
    std::vector<TokenId> addSpecialTokens(const std::vector<std::string>& contents);
    const std::vector<TokenId>& templatePrefix() const { return m_prefix; }
    const std::vector<TokenId>& templateSuffix() const { return m_suffix; }

private:
    struct PreTokenizerStep {
        enum Kind { Split, ByteLevel } kind;
        SplitPattern pattern = SplitPattern::Gpt2;
        bool addPrefixSpace = false;
        bool useRegex = false;
    };
    BpeTokenizer(BpeModel model, std::vector<AddedTokenSpec> added, bool nfc, std::vector<PreTokenizerStep> steps,
                 std::vector<TokenId> prefix, std::vector<TokenId> suffix);
    void rebuildAddedVocabulary();
    void tokenizeNormalized(std::u32string_view text, std::vector<TokenId>& out) const;
    void tokenizeText(std::string_view segment, std::vector<TokenId>& out) const;

    BpeModel m_model;
    std::vector<AddedTokenSpec> m_added;
    AddedVocabulary m_raw;        // normalized=false tokens
    AddedVocabulary m_normalized; // normalized=true tokens, their content normalised
    bool m_nfc = false;
    std::vector<PreTokenizerStep> m_steps;
    std::vector<TokenId> m_prefix, m_suffix;
    TokenId m_pad = 0;
};

} // namespace rankpo
