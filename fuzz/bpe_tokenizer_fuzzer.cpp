// The tokenizer.json reader and the byte-level BPE encoder on any input. The first byte picks the case: 0-2 encode
// the rest as text with a small tokenizer in each pre-tokenizer style (Llama 3's split, Qwen2's with NFC, GPT-2's
// ByteLevel regex), checking that every id lies in the vocabulary and that truncation holds; 3 reads the rest as a
// tokenizer.json (nothing may crash; a file that loads must encode a fixed text the same way twice).
#include "core/text/bpe_model.h"
#include "core/text/bpe_pre_tokenizer.h"
#include "core/text/bpe_tokenizer.h"
#include "core/text/utf8_codec.h"
#include "core/util/error.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

using nlohmann::json;

json tokenizerJson(rankpo::SplitPattern pattern, bool nfc, bool gpt2)
{
    json vocab = json::object();
    for (int b = 0; b < 256; ++b) {
        std::string s;
        rankpo::appendUtf8(s, rankpo::BpeModel::byteToChar(static_cast<unsigned char>(b)));
        vocab[s] = b;
    }
    const std::vector<std::pair<std::string, std::string>> merges = {
        {"\xC4\xA0", "t"}, {"h", "e"}, {"\xC4\xA0t", "h"}, {"\xC4\xA0th", "e"}, {"a", "b"}, {"ab", "ab"}, {"1", "2"}};
    json mergeList = json::array();
    int next = 256;
    for (const auto& [a, b] : merges) {
        if (!vocab.contains(a + b))
            vocab[a + b] = next++;
        mergeList.push_back(a + " " + b);
    }
    vocab["xyzzy"] = next++;
    const int bos = next++;
    json pre = gpt2 ? json{{"type", "ByteLevel"}, {"add_prefix_space", true}, {"use_regex", true}}
                    : json{{"type", "Sequence"},
                           {"pretokenizers",
                            {{{"type", "Split"}, {"pattern", {{"Regex", rankpo::splitPatternRegex(pattern)}}},
                              {"behavior", "Isolated"}, {"invert", false}},
                             {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", false}}}}};
    json doc = {
        {"model", {{"type", "BPE"}, {"vocab", vocab}, {"merges", mergeList}, {"ignore_merges", !gpt2}}},
        {"pre_tokenizer", pre},
        {"normalizer", nfc ? json{{"type", "NFC"}} : json()},
        {"post_processor",
         {{"type", "TemplateProcessing"},
          {"single", {{{"SpecialToken", {{"id", "<s>"}}}}, {{"Sequence", {{"id", "A"}}}}}},
          {"special_tokens", {{"<s>", {{"id", "<s>"}, {"ids", {bos}}}}}}}},
        {"added_tokens",
         {{{"id", bos}, {"content", "<s>"}, {"special", true}, {"normalized", false}},
          {{"id", next}, {"content", "<mask>"}, {"special", true}, {"lstrip", true}, {"rstrip", true}},
          {{"id", next + 1}, {"content", "caf\xC3\xA9"}, {"special", false}, {"normalized", true}},
          {{"id", next + 2}, {"content", "w"}, {"special", false}, {"single_word", true}, {"normalized", false}}}},
    };
    return doc;
}

const rankpo::BpeTokenizer& tokenizer(int which)
{
    static const rankpo::BpeTokenizer llama =
        rankpo::BpeTokenizer::fromJson(tokenizerJson(rankpo::SplitPattern::Llama3, false, false), json(), "llama");
    static const rankpo::BpeTokenizer qwen =
        rankpo::BpeTokenizer::fromJson(tokenizerJson(rankpo::SplitPattern::Qwen2, true, false), json(), "qwen");
    static const rankpo::BpeTokenizer gpt2 =
        rankpo::BpeTokenizer::fromJson(tokenizerJson(rankpo::SplitPattern::Gpt2, false, true), json(), "gpt2");
    return which == 0 ? llama : which == 1 ? qwen : gpt2;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
    const int mode = data[0] % 4;
    if (mode < 3) {
        const rankpo::BpeTokenizer& t = tokenizer(mode);
        const std::size_t maxLength = 2 + data[0] / 4 % 64;
        const auto ids = t.encode(rest, maxLength);
        if (ids.empty() || ids.size() > maxLength)
            std::abort();
        for (auto id : t.tokenize(rest))
            if (id < 0 || std::size_t(id) >= t.idLimit())
                std::abort();
        return 0;
    }
    json doc;
    try {
        doc = json::parse(rest);
    } catch (const json::exception&) {
        return 0;
    }
    try {
        const rankpo::BpeTokenizer t = rankpo::BpeTokenizer::fromJson(doc, json(), "fuzz");
        const std::string text = "The cat's 123 caf\xC3\xA9 <s> sat\n\n  on  the mat!";
        if (t.tokenize(text) != t.tokenize(text))
            std::abort();
        for (auto id : t.tokenize(text))
            if (id < 0 || std::size_t(id) >= t.idLimit())
                std::abort();
    } catch (const rankpo::Error&) {
    }
    return 0;
}
