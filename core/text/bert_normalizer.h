#pragma once

#include <string>
#include <string_view>

namespace rankpo {

// The options of Hugging Face's BertNormalizer, as tokenizer.json or tokenizer_config.json give them.
struct BertNormalizerOptions {
    bool cleanText = true;          // drop control characters, turn whitespace into ' '
    bool handleChineseChars = true; // surround CJK ideographs with spaces
    bool stripAccents = true;       // NFD, then drop non-spacing marks (HF: unset means "same as lowercase")
    bool lowercase = true;
};

// BERT's text clean-up, applied in HF's order: clean, CJK padding, accent stripping, lower-casing.
class BertNormalizer {
public:
    explicit BertNormalizer(BertNormalizerOptions options = {}) : m_options(options) {}
    const BertNormalizerOptions& options() const { return m_options; }

    std::u32string normalize(std::u32string_view text) const;

private:
    BertNormalizerOptions m_options;
};

} // namespace rankpo
