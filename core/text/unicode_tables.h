#pragma once

#include <string>

namespace rankpo {

// Per-code-point facts for BERT text normalisation, exactly as Hugging Face `tokenizers` sees them (the table is
// probed from it by tests/reference/make_unicode_tables.py; newer Unicode data would disagree on new marks).
namespace unicode_facts {

enum Flag : unsigned {
    Control = 1,     // removed by clean_text (Cc, Cf, Co and friends, except \t \n \r)
    Whitespace = 2,  // turned into ' ' by clean_text
    Cjk = 4,         // padded with spaces by handle_chinese_chars
    Punctuation = 8, // isolated by the BERT pre-tokenizer (ASCII punctuation or Unicode P*)
    SplitSpace = 16, // split on by the BERT pre-tokenizer (Rust's char::is_whitespace)
    Mark = 32,       // removed by strip_accents (a non-spacing mark)
};

unsigned flags(char32_t c);
// Appends NFD(c) without its non-spacing marks, as strip_accents does for one code point.
void appendStripped(char32_t c, std::u32string& out);
// Appends the context-free lower case of c (Rust's char::to_lowercase; may be longer than one code point).
void appendLowered(char32_t c, std::u32string& out);

} // namespace unicode_facts
} // namespace rankpo
