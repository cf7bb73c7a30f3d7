#include "core/text/bert_normalizer.h"

#include "core/text/unicode_tables.h"

namespace rankpo {

std::u32string BertNormalizer::normalize(std::u32string_view text) const
{
    namespace uf = unicode_facts;
    std::u32string out;
    out.reserve(text.size() + text.size() / 8);
    std::u32string stripped;
    for (char32_t c : text) {
        // Every step maps one code point to a sequence independently of its neighbours (NFD's canonical
        // reordering only moves marks that stripping then drops: make_unicode_tables.py checks it).
        const unsigned f = uf::flags(c);
        if (m_options.cleanText) {
            if (c == 0 || c == 0xFFFD || (f & uf::Control))
                continue;
            if (f & uf::Whitespace)
                c = U' ';
        }
        const bool pad = m_options.handleChineseChars && (f & uf::Cjk);
        if (pad)
            out.push_back(U' ');
        if (c < 0x80) { // ASCII has neither accents nor more than one lower case
            out.push_back(m_options.lowercase && c >= 'A' && c <= 'Z' ? c + 32 : c);
        } else if (m_options.stripAccents) {
            stripped.clear();
            uf::appendStripped(c, stripped);
            for (char32_t s : stripped) {
                if (m_options.lowercase)
                    uf::appendLowered(s, out);
                else
                    out.push_back(s);
            }
        } else if (m_options.lowercase) {
            uf::appendLowered(c, out);
        } else {
            out.push_back(c);
        }
        if (pad)
            out.push_back(U' ');
    }
    return out;
}

} // namespace rankpo
