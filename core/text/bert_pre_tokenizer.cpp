#include "core/text/bert_pre_tokenizer.h"

#include "core/text/unicode_tables.h"

namespace rankpo {

std::vector<std::u32string_view> splitBertWords(std::u32string_view text)
{
    namespace uf = unicode_facts;
    std::vector<std::u32string_view> words;
    std::size_t start = 0;
    auto flush = [&](std::size_t end) {
        if (end > start)
            words.push_back(text.substr(start, end - start));
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned f = uf::flags(text[i]);
        if (f & uf::SplitSpace) {
            flush(i);
            start = i + 1;
        } else if (f & uf::Punctuation) {
            flush(i);
            words.push_back(text.substr(i, 1));
            start = i + 1;
        }
    }
    flush(text.size());
    return words;
}

} // namespace rankpo
