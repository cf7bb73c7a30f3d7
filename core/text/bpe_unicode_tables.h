#pragma once

#include <string>
#include <string_view>

namespace rankpo {

// Per-code-point facts for the byte-level BPE tokenizers, exactly as Hugging Face `tokenizers` sees them (probed
// from it by tests/reference/make_bpe_unicode_tables.py): the classes of its Oniguruma regex engine, for the
// hand-written split patterns (bpe_pre_tokenizer.h), and Unicode NFC as its NFC normaliser computes it.
namespace bpe_unicode {

enum Class : unsigned {
    Letter = 1, // \p{L}
    Number = 2, // \p{N}
    Space = 4,  // \s
};

unsigned classOf(char32_t c);
// The ASCII lower-case letter that c matches under (?i:...) among the contractions' letters s t r e v m l d,
// or 0 (U+017F LONG S matches s).
char32_t contractionLetter(char32_t c);

// Unicode Normalization Form C: canonical decomposition, canonical ordering, canonical composition.
std::u32string nfc(std::u32string_view text);

} // namespace bpe_unicode
} // namespace rankpo
