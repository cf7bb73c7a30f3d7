#include "core/text/bert_tokenizer.h"

#include "core/text/bert_pre_tokenizer.h"
#include "core/text/json_file.h"
#include "core/text/utf8_codec.h"
#include "core/util/error.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace rankpo {
namespace {

using nlohmann::json;

// A field of a JSON object, or `fallback` when it is absent or null; a value of the wrong type is an error
// naming the file and the field.
template <typename T>
T fieldOr(const json& object, const char* key, T fallback, const std::filesystem::path& file, const char* where)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return fallback;
    try {
        return it->get<T>();
    } catch (const json::exception&) {
        throw dataError(file.string() + ": " + where + key + " has the wrong type (" + it->type_name() + ")");
    }
}

TokenId requireId(const WordPiece& wp, const std::string& token, const std::filesystem::path& file)
{
    const TokenId id = wp.idOf(token);
    if (id < 0)
        throw dataError(file.string() + ": special token '" + token + "' is not in the vocabulary");
    return id;
}

BertTokenizer fromTokenizerJson(const std::filesystem::path& file)
{
    const json doc = readJsonFile(file);
    if (!doc.is_object())
        throw dataError(file.string() + ": not a JSON object");

    const json& model = doc.value("model", json());
    const std::string modelType = model.is_object() ? model.value("type", std::string()) : std::string();
    if (modelType != "WordPiece")
        throw dataError(file.string() + ": model.type is '" + modelType + "'; only WordPiece (BERT) is supported");
    const auto vocabIt = model.find("vocab");
    if (vocabIt == model.end() || !vocabIt->is_object() || vocabIt->empty())
        throw dataError(file.string() + ": model.vocab is missing or empty");
    std::unordered_map<std::string, TokenId> vocab;
    vocab.reserve(vocabIt->size());
    for (auto it = vocabIt->begin(); it != vocabIt->end(); ++it) {
        if (!it.value().is_number_integer())
            throw dataError(file.string() + ": model.vocab['" + it.key() + "'] is not an integer id");
        vocab.emplace(it.key(), it.value().get<TokenId>());
    }
    WordPiece wordPiece(std::move(vocab), fieldOr<std::string>(model, "unk_token", "[UNK]", file, "model."),
                        fieldOr<std::string>(model, "continuing_subword_prefix", "##", file, "model."),
                        fieldOr<std::size_t>(model, "max_input_chars_per_word", 100, file, "model."));

    BertNormalizerOptions norm{false, false, false, false};
    const json& normalizer = doc.value("normalizer", json());
    if (!normalizer.is_null()) {
        const std::string type = normalizer.value("type", std::string());
        if (type != "BertNormalizer")
            throw dataError(file.string() + ": normalizer.type '" + type + "' is not supported (BertNormalizer is)");
        norm.cleanText = fieldOr<bool>(normalizer, "clean_text", true, file, "normalizer.");
        norm.handleChineseChars = fieldOr<bool>(normalizer, "handle_chinese_chars", true, file, "normalizer.");
        norm.lowercase = fieldOr<bool>(normalizer, "lowercase", true, file, "normalizer.");
        norm.stripAccents = fieldOr<bool>(normalizer, "strip_accents", norm.lowercase, file, "normalizer.");
    }
    const json& pre = doc.value("pre_tokenizer", json());
    const std::string preType = pre.is_object() ? pre.value("type", std::string()) : std::string("null");
    if (preType != "BertPreTokenizer")
        throw dataError(file.string() + ": pre_tokenizer.type '" + preType + "' is not supported (BertPreTokenizer is)");

    BertSpecialTokens specials;
    const json& post = doc.value("post_processor", json());
    const std::string postType = post.is_object() ? post.value("type", std::string()) : std::string("null");
    if (postType == "BertProcessing") {
        try {
            specials.cls = post.at("cls").at(1).get<TokenId>();
            specials.sep = post.at("sep").at(1).get<TokenId>();
        } catch (const json::exception&) {
            throw dataError(file.string() + ": post_processor.cls/sep must be [token, id] pairs");
        }
    } else if (postType == "TemplateProcessing") {
        // Only the BERT template: [CLS]-like special, sequence A, [SEP]-like special.
        const json& single = post.value("single", json());
        auto specialName = [&](std::size_t i) -> std::string {
            if (!single.is_array() || single.size() != 3 || !single[i].contains("SpecialToken"))
                throw dataError(file.string() + ": post_processor.single must be [special, A, special]");
            return single[i]["SpecialToken"].value("id", std::string());
        };
        auto idOf = [&](const std::string& name) -> TokenId {
            const json& ids = post.value("special_tokens", json()).value(name, json()).value("ids", json());
            if (!ids.is_array() || ids.size() != 1 || !ids[0].is_number_integer())
                throw dataError(file.string() + ": post_processor.special_tokens['" + name + "'].ids must hold one id");
            return ids[0].get<TokenId>();
        };
        if (!single.is_array() || single.size() != 3 || !single[1].contains("Sequence"))
            throw dataError(file.string() + ": post_processor.single must be [special, A, special]");
        specials.cls = idOf(specialName(0));
        specials.sep = idOf(specialName(2));
    } else {
        throw dataError(file.string() + ": post_processor.type '" + postType +
                        "' is not supported (BertProcessing or TemplateProcessing are)");
    }

    const json& padding = doc.value("padding", json());
    specials.pad = padding.is_object() ? fieldOr<TokenId>(padding, "pad_id", 0, file, "padding.")
                                       : std::max<TokenId>(0, wordPiece.idOf("[PAD]"));

    const json& added = doc.value("added_tokens", json::array());
    for (const json& t : added) {
        if (!t.is_object())
            throw dataError(file.string() + ": added_tokens holds a non-object");
        const auto content = fieldOr<std::string>(t, "content", "", file, "added_tokens[].");
        if (content.empty())
            throw dataError(file.string() + ": added_tokens[] has an empty content");
        if (fieldOr<bool>(t, "normalized", false, file, "added_tokens[]."))
            throw dataError(file.string() + ": added token '" + content + "' has normalized=true; not supported");
        if (fieldOr<bool>(t, "lstrip", false, file, "added_tokens[].") ||
            fieldOr<bool>(t, "rstrip", false, file, "added_tokens[].") ||
            fieldOr<bool>(t, "single_word", false, file, "added_tokens[]."))
            throw dataError(file.string() + ": added token '" + content + "' uses lstrip/rstrip/single_word; not supported");
        specials.verbatim.push_back({content, fieldOr<TokenId>(t, "id", -1, file, "added_tokens[].")});
    }
    return BertTokenizer(std::move(wordPiece), norm, std::move(specials));
}

BertTokenizer fromVocabTxt(const std::filesystem::path& folder)
{
    const std::filesystem::path vocabFile = folder / "vocab.txt";
    std::ifstream in(vocabFile, std::ios::binary);
    if (!in)
        throw ioError(vocabFile.string() + ": cannot open for reading");
    std::unordered_map<std::string, TokenId> vocab;
    std::string line;
    TokenId id = 0;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        // HF's BertTokenizer keeps the first id of a duplicated line.
        vocab.emplace(line, id++);
    }
    if (vocab.empty())
        throw dataError(vocabFile.string() + ": empty vocabulary");

    json config = json::object();
    const std::filesystem::path configFile = folder / "tokenizer_config.json";
    if (std::filesystem::exists(configFile))
        config = readJsonFile(configFile);
    if (!config.is_object())
        throw dataError(configFile.string() + ": not a JSON object");
    BertNormalizerOptions norm;
    norm.cleanText = true;
    norm.lowercase = fieldOr<bool>(config, "do_lower_case", true, configFile, "");
    norm.handleChineseChars = fieldOr<bool>(config, "tokenize_chinese_chars", true, configFile, "");
    norm.stripAccents = fieldOr<bool>(config, "strip_accents", norm.lowercase, configFile, "");

    auto tokenOf = [&](const char* key, const char* fallback) {
        const auto it = config.find(key);
        if (it != config.end() && it->is_object()) // {"content": "[UNK]", ...} in newer files
            return fieldOr<std::string>(*it, "content", fallback, configFile, key);
        return fieldOr<std::string>(config, key, fallback, configFile, "");
    };
    const std::string unk = tokenOf("unk_token", "[UNK]");
    WordPiece wordPiece(std::move(vocab), unk);
    BertSpecialTokens specials;
    specials.cls = requireId(wordPiece, tokenOf("cls_token", "[CLS]"), vocabFile);
    specials.sep = requireId(wordPiece, tokenOf("sep_token", "[SEP]"), vocabFile);
    specials.pad = requireId(wordPiece, tokenOf("pad_token", "[PAD]"), vocabFile);
    for (const char* key : {"unk_token", "sep_token", "pad_token", "cls_token", "mask_token"}) {
        static const std::unordered_map<std::string, std::string> defaults = {
            {"unk_token", "[UNK]"}, {"sep_token", "[SEP]"}, {"pad_token", "[PAD]"},
            {"cls_token", "[CLS]"}, {"mask_token", "[MASK]"}};
        const std::string token = tokenOf(key, defaults.at(key).c_str());
        const TokenId tid = wordPiece.idOf(token);
        if (tid >= 0)
            specials.verbatim.push_back({token, tid});
    }
    return BertTokenizer(std::move(wordPiece), norm, std::move(specials));
}

} // namespace

BertTokenizer::BertTokenizer(WordPiece wordPiece, BertNormalizerOptions normalizer, BertSpecialTokens specials)
    : m_wordPiece(std::move(wordPiece)), m_normalizer(normalizer), m_specials(std::move(specials))
{
    const auto vocabSize = TokenId(m_wordPiece.tokensById().size());
    auto check = [&](TokenId id, const std::string& what) {
        if (id < 0 || id >= vocabSize)
            throw dataError("tokenizer: " + what + " id " + std::to_string(id) + " is outside the vocabulary");
    };
    check(m_specials.cls, "[CLS]");
    check(m_specials.sep, "[SEP]");
    check(m_specials.pad, "[PAD]");
    for (const auto& t : m_specials.verbatim)
        check(t.id, "added token '" + t.content + "'");
}

BertTokenizer BertTokenizer::fromFolder(const std::filesystem::path& folder)
{
    if (std::filesystem::exists(folder / "tokenizer.json"))
        return fromTokenizerJson(folder / "tokenizer.json");
    if (std::filesystem::exists(folder / "vocab.txt"))
        return fromVocabTxt(folder);
    throw dataError(folder.string() + ": no tokenizer.json or vocab.txt");
}

void BertTokenizer::tokenizeSegment(std::string_view segment, std::vector<TokenId>& out) const
{
    const std::u32string normalized = m_normalizer.normalize(decodeUtf8Lossy(segment));
    for (std::u32string_view word : splitBertWords(normalized))
        m_wordPiece.tokenize(word, out);
}

std::vector<TokenId> BertTokenizer::tokenize(std::string_view text) const
{
    // Added tokens are found in the raw text first, leftmost and then longest (as HF's Aho-Corasick does);
    // the text between them is normalised and split on its own.
    std::vector<TokenId> out;
    std::size_t segmentStart = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const AddedToken* best = nullptr;
        for (const AddedToken& t : m_specials.verbatim) {
            if (t.content.size() <= text.size() - i && text.compare(i, t.content.size(), t.content) == 0 &&
                (!best || t.content.size() > best->content.size()))
                best = &t;
        }
        if (!best) {
            ++i;
            continue;
        }
        tokenizeSegment(text.substr(segmentStart, i - segmentStart), out);
        out.push_back(best->id);
        i += best->content.size();
        segmentStart = i;
    }
    tokenizeSegment(text.substr(segmentStart), out);
    return out;
}

std::vector<TokenId> BertTokenizer::encode(std::string_view text, std::size_t maxLength) const
{
    if (maxLength < 2)
        throw usageError("maximum sequence length " + std::to_string(maxLength) + " leaves no room for [CLS] and [SEP]");
    std::vector<TokenId> tokens = tokenize(text);
    if (tokens.size() > maxLength - 2)
        tokens.resize(maxLength - 2);
    std::vector<TokenId> ids;
    ids.reserve(tokens.size() + 2);
    ids.push_back(m_specials.cls);
    ids.insert(ids.end(), tokens.begin(), tokens.end());
    ids.push_back(m_specials.sep);
    return ids;
}

} // namespace rankpo
