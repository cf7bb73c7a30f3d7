// Any byte string, valid UTF-8 or not, must tokenise without reading out of bounds, and every id must lie in
// the vocabulary. A small vocabulary keeps the WordPiece search busy with unknown pieces.
#include "core/text/bert_tokenizer.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

const rankpo::BertTokenizer& tokenizer()
{
    static const rankpo::BertTokenizer t = [] {
        std::unordered_map<std::string, rankpo::TokenId> vocab = {
            {"[PAD]", 0}, {"[UNK]", 1}, {"[CLS]", 2}, {"[SEP]", 3}, {"[MASK]", 4}, {"a", 5}, {"##a", 6},
            {"un", 7}, {"##able", 8}, {"é", 9}, {"##é", 10}, {"日", 11}, {",", 12}, {"##b", 13}, {"ab", 14}};
        rankpo::BertSpecialTokens specials;
        specials.cls = 2;
        specials.sep = 3;
        specials.pad = 0;
        specials.verbatim = {{"[CLS]", 2}, {"[SEP]", 3}, {"[MASK]", 4}, {"[UNK]", 1}, {"[PAD]", 0}};
        return rankpo::BertTokenizer(rankpo::WordPiece(std::move(vocab), "[UNK]"), {}, specials);
    }();
    return t;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::size_t maxLength = size ? 2 + data[0] % 64 : 2;
    const auto ids = tokenizer().encode(text, maxLength);
    if (ids.size() < 2 || ids.size() > maxLength)
        std::abort();
    for (auto id : ids)
        if (id < 0 || id > 14)
            std::abort();
    return 0;
}
