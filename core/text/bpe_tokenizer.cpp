#include "core/text/bpe_tokenizer.h"

#include "core/text/bpe_unicode_tables.h"
#include "core/text/json_file.h"
#include "core/text/utf8_codec.h"
#include "core/util/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace rankpo {
namespace {

using nlohmann::json;

// A member of a JSON object, or null when the object lacks it (or is not an object).
const json* field(const json& object, const char* key)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::string text(const json& object, const char* key, const std::string& where, const std::string& fallback = {})
{
    const json* v = field(object, key);
    if (!v)
        return fallback;
    if (!v->is_string())
        throw dataError(where + key + " must be a string");
    return v->get<std::string>();
}

bool flag(const json& object, const char* key, const std::string& where, bool fallback = false)
{
    const json* v = field(object, key);
    if (!v)
        return fallback;
    if (!v->is_boolean())
        throw dataError(where + key + " must be true or false");
    return v->get<bool>();
}

TokenId id(const json& v, const std::string& where)
{
    if (!v.is_number_integer() || v.get<std::int64_t>() < 0 || v.get<std::int64_t>() > 0x7FFFFFFF)
        throw dataError(where + " must be a non-negative integer id");
    return TokenId(v.get<std::int64_t>());
}

// A token named by tokenizer_config.json: "<s>" or {"content": "<s>", ...}.
std::string configToken(const json& config, const char* key)
{
    const json* v = field(config, key);
    if (!v)
        return {};
    if (v->is_string())
        return v->get<std::string>();
    if (const json* c = field(*v, "content"); c && c->is_string())
        return c->get<std::string>();
    return {};
}

void readPostProcessor(const json& post, const std::string& where, std::vector<TokenId>& prefix,
                       std::vector<TokenId>& suffix)
{
    const std::string type = text(post, "type", where);
    if (type == "ByteLevel")
        return; // it only trims offsets; ids are unchanged
    if (type == "Sequence") {
        const json* list = field(post, "processors");
        if (!list || !list->is_array())
            throw dataError(where + "processors must be a list");
        for (const json& p : *list)
            readPostProcessor(p, where + "processors[].", prefix, suffix);
        return;
    }
    if (type == "BertProcessing" || type == "RobertaProcessing") {
        const json* cls = field(post, "cls");
        const json* sep = field(post, "sep");
        if (!cls || !sep || !cls->is_array() || cls->size() != 2 || !sep->is_array() || sep->size() != 2)
            throw dataError(where + "cls and sep must be [token, id] pairs");
        prefix.push_back(id((*cls)[1], where + "cls[1]"));
        suffix.push_back(id((*sep)[1], where + "sep[1]"));
        return;
    }
    if (type != "TemplateProcessing")
        throw dataError(where + "type '" + type +
                        "' is not supported (TemplateProcessing, ByteLevel, RobertaProcessing, BertProcessing, Sequence are)");
    const json* single = field(post, "single");
    const json* specials = field(post, "special_tokens");
    if (!single || !single->is_array())
        throw dataError(where + "single must be a list");
    bool seenSequence = false;
    for (const json& item : *single) {
        if (const json* seq = field(item, "Sequence")) {
            if (text(*seq, "id", where + "single[].Sequence.") != "A" || seenSequence)
                throw dataError(where + "single must hold the sequence A once");
            seenSequence = true;
            continue;
        }
        const json* special = field(item, "SpecialToken");
        if (!special)
            throw dataError(where + "single[] must be a SpecialToken or a Sequence");
        const std::string name = text(*special, "id", where + "single[].SpecialToken.");
        const json* entry = specials ? field(*specials, name.c_str()) : nullptr;
        const json* ids = entry ? field(*entry, "ids") : nullptr;
        if (!ids || !ids->is_array())
            throw dataError(where + "special_tokens['" + name + "'].ids is missing");
        for (const json& i : *ids)
            (seenSequence ? suffix : prefix).push_back(id(i, where + "special_tokens['" + name + "'].ids[]"));
    }
    if (!seenSequence)
        throw dataError(where + "single has no sequence A");
}

} // namespace

BpeTokenizer::BpeTokenizer(BpeModel model, std::vector<AddedTokenSpec> added, bool nfc,
                           std::vector<PreTokenizerStep> steps, std::vector<TokenId> prefix, std::vector<TokenId> suffix)
    : m_model(std::move(model)), m_added(std::move(added)), m_nfc(nfc), m_steps(std::move(steps)),
      m_prefix(std::move(prefix)), m_suffix(std::move(suffix))
{
    rebuildAddedVocabulary();
}

void BpeTokenizer::rebuildAddedVocabulary()
{
    std::vector<AddedTokenSpec> raw, normalized;
    for (AddedTokenSpec t : m_added) {
        if (!t.normalized) {
            raw.push_back(std::move(t));
            continue;
        }
        if (m_nfc)
            t.content = encodeUtf8(bpe_unicode::nfc(decodeUtf8Lossy(t.content)));
        normalized.push_back(std::move(t));
    }
    m_raw = AddedVocabulary(raw);
    m_normalized = AddedVocabulary(normalized);
}

BpeTokenizer BpeTokenizer::fromFolder(const std::filesystem::path& folder)
{
    const std::filesystem::path file = folder / "tokenizer.json";
    const std::filesystem::path configFile = folder / "tokenizer_config.json";
    const json config = std::filesystem::exists(configFile) ? readJsonFile(configFile) : json();
    return fromJson(readJsonFile(file), config, file.string());
}

BpeTokenizer BpeTokenizer::fromJson(const json& doc, const json& tokenizerConfig, const std::string& file)
{
    if (!doc.is_object())
        throw dataError(file + ": not a JSON object");
    const std::string where = file + ": ";

    // --- model ---
    const json* model = field(doc, "model");
    if (!model || text(*model, "type", where + "model.") != "BPE")
        throw dataError(where + "model.type must be BPE");
    if (const json* dropout = field(*model, "dropout"); dropout && (!dropout->is_number() || dropout->get<double>() != 0.0))
        throw dataError(where + "model.dropout is not supported (BPE dropout only applies to training)");
    for (const char* affix : {"continuing_subword_prefix", "end_of_word_suffix"})
        if (!text(*model, affix, where + "model.").empty())
            throw dataError(where + "model." + affix + " is not supported (byte-level BPE files leave it empty)");
    const json* vocabJson = field(*model, "vocab");
    if (!vocabJson || !vocabJson->is_object() || vocabJson->empty())
        throw dataError(where + "model.vocab is missing or empty");
    std::unordered_map<std::string, TokenId> vocab;
    vocab.reserve(vocabJson->size());
    for (auto it = vocabJson->begin(); it != vocabJson->end(); ++it)
        vocab.emplace(it.key(), id(it.value(), where + "model.vocab['" + it.key() + "']"));
    std::vector<std::pair<std::string, std::string>> merges;
    if (const json* m = field(*model, "merges")) {
        if (!m->is_array())
            throw dataError(where + "model.merges must be a list");
        merges.reserve(m->size());
        for (const json& merge : *m) {
            if (merge.is_string()) { // "a b"
                const std::string s = merge.get<std::string>();
                const auto space = s.find(' ');
                if (space == std::string::npos || s.find(' ', space + 1) != std::string::npos)
                    throw dataError(where + "model.merges entry '" + s + "' is not two tokens separated by a space");
                merges.emplace_back(s.substr(0, space), s.substr(space + 1));
            } else if (merge.is_array() && merge.size() == 2 && merge[0].is_string() && merge[1].is_string()) {
                merges.emplace_back(merge[0].get<std::string>(), merge[1].get<std::string>());
            } else {
                throw dataError(where + "model.merges entries must be \"a b\" strings or [a, b] pairs");
            }
        }
    }

    // --- pre-tokenizer ---
    std::vector<PreTokenizerStep> steps;
    bool byteLevel = false;
    auto addStep = [&](const json& pre, const std::string& at, auto& self) -> void {
        const std::string type = text(pre, "type", at);
        if (type == "Sequence") {
            const json* list = field(pre, "pretokenizers");
            if (!list || !list->is_array())
                throw dataError(at + "pretokenizers must be a list");
            for (const json& p : *list)
                self(p, at + "pretokenizers[].", self);
        } else if (type == "Split") {
            const json* pattern = field(pre, "pattern");
            const json* regex = pattern ? field(*pattern, "Regex") : nullptr;
            if (!regex || !regex->is_string())
                throw dataError(at + "pattern must be a Regex");
            PreTokenizerStep step{PreTokenizerStep::Split};
            if (!recognizeSplitPattern(regex->get<std::string>(), step.pattern))
                throw dataError(at + "pattern.Regex '" + regex->get<std::string>() +
                                "' is not supported (Llama 3's, Qwen2's and GPT-2's patterns are)");
            if (text(pre, "behavior", at) != "Isolated" || flag(pre, "invert", at))
                throw dataError(at + "behavior must be Isolated (and invert false)");
            steps.push_back(step);
        } else if (type == "ByteLevel") {
            PreTokenizerStep step{PreTokenizerStep::ByteLevel};
            step.addPrefixSpace = flag(pre, "add_prefix_space", at, true);
            step.useRegex = flag(pre, "use_regex", at, true);
            steps.push_back(step);
            byteLevel = true;
        } else {
            throw dataError(at + "type '" + type + "' is not supported (Split, ByteLevel, Sequence are)");
        }
    };
    if (const json* pre = field(doc, "pre_tokenizer"))
        addStep(*pre, where + "pre_tokenizer.", addStep);
    if (!byteLevel)
        throw dataError(where + "pre_tokenizer has no ByteLevel step: only byte-level BPE is supported");

    // --- normaliser ---
    bool nfc = false;
    auto addNormalizer = [&](const json& n, const std::string& at, auto& self) -> void {
        const std::string type = text(n, "type", at);
        if (type == "NFC") {
            nfc = true;
        } else if (type == "Sequence") {
            const json* list = field(n, "normalizers");
            if (!list || !list->is_array())
                throw dataError(at + "normalizers must be a list");
            for (const json& x : *list)
                self(x, at + "normalizers[].", self);
        } else {
            throw dataError(at + "type '" + type + "' is not supported (NFC is)");
        }
    };
    if (const json* n = field(doc, "normalizer"))
        addNormalizer(*n, where + "normalizer.", addNormalizer);

    // --- post-processor ---
    std::vector<TokenId> prefix, suffix;
    if (const json* post = field(doc, "post_processor"))
        readPostProcessor(*post, where + "post_processor.", prefix, suffix);

    // --- added tokens ---
    std::vector<AddedTokenSpec> added;
    if (const json* list = field(doc, "added_tokens")) {
        if (!list->is_array())
            throw dataError(where + "added_tokens must be a list");
        for (const json& t : *list) {
            const std::string at = where + "added_tokens[].";
            AddedTokenSpec spec;
            spec.content = text(t, "content", at);
            const json* tid = field(t, "id");
            if (!tid || spec.content.empty())
                throw dataError(at + "id and a non-empty content are required");
            spec.id = id(*tid, at + "id");
            spec.special = flag(t, "special", at);
            spec.lstrip = flag(t, "lstrip", at);
            spec.rstrip = flag(t, "rstrip", at);
            spec.normalized = flag(t, "normalized", at, !spec.special);
            spec.singleWord = flag(t, "single_word", at);
            added.push_back(std::move(spec));
        }
    }

    BpeModelOptions options;
    options.byteLevel = true;
    options.ignoreMerges = flag(*model, "ignore_merges", where + "model.");
    if (const json* unk = field(*model, "unk_token")) {
        if (!unk->is_string())
            throw dataError(where + "model.unk_token must be a string");
        options.unkToken = unk->get<std::string>();
    }
    options.fuseUnk = flag(*model, "fuse_unk", where + "model.");
    options.byteFallback = flag(*model, "byte_fallback", where + "model.");
    BpeTokenizer tokenizer(BpeModel(std::move(vocab), merges, options, file), std::move(added), nfc, std::move(steps),
                           std::move(prefix), std::move(suffix));

    const std::size_t limit = tokenizer.idLimit();
    for (TokenId t : tokenizer.m_prefix)
        if (std::size_t(t) >= limit)
            throw dataError(where + "post_processor: special token id " + std::to_string(t) + " is not in the vocabulary");
    for (TokenId t : tokenizer.m_suffix)
        if (std::size_t(t) >= limit)
            throw dataError(where + "post_processor: special token id " + std::to_string(t) + " is not in the vocabulary");

    // The pad token: tokenizer.json's padding, else tokenizer_config.json's pad_token, else Llama 3's reserved
    // <|finetune_right_pad_id|> (what upstream RankPO pads with), else the end-of-sequence token. Its embedding
    // never reaches a real token (causal attention, right padding), so any id is correct; these follow upstream.
    TokenId pad = -1;
    if (const json* padding = field(doc, "padding"); padding && field(*padding, "pad_id"))
        pad = id(*field(*padding, "pad_id"), where + "padding.pad_id");
    for (const std::string& name : {configToken(tokenizerConfig, "pad_token"), std::string("<|finetune_right_pad_id|>"),
                                    configToken(tokenizerConfig, "eos_token"), std::string("<|endoftext|>"),
                                    std::string("<|end_of_text|>")}) {
        if (pad >= 0)
            break;
        if (!name.empty())
            pad = tokenizer.idOf(name);
    }
    if (pad < 0)
        pad = tokenizer.m_suffix.empty() ? (tokenizer.m_prefix.empty() ? 0 : tokenizer.m_prefix.front())
                                         : tokenizer.m_suffix.back();
    if (std::size_t(pad) >= limit)
        throw dataError(where + "padding.pad_id " + std::to_string(pad) + " is not in the vocabulary");
    tokenizer.m_pad = pad;
    return tokenizer;
}

std::size_t BpeTokenizer::idLimit() const
{
    std::size_t limit = m_model.idLimit();
    for (const auto& t : m_added)
        limit = std::max(limit, std::size_t(t.id) + 1);
    return limit;
}

TokenId BpeTokenizer::idOf(const std::string& token) const
{
    for (const auto& t : m_added)
        if (t.content == token)
            return t.id;
    return m_model.idOf(token);
}

std::string BpeTokenizer::contentOf(TokenId id) const
{
    for (const auto& t : m_added)
        if (t.id == id)
            return t.content;
    for (const auto& [token, tid] : m_model.vocab())
        if (tid == id)
            return token;
    return {};
}

std::vector<TokenId> BpeTokenizer::addSpecialTokens(const std::vector<std::string>& contents)
{
    std::vector<TokenId> ids;
    for (const std::string& content : contents) {
        if (content.empty())
            throw usageError("an added token must not be empty");
        TokenId existing = idOf(content);
        if (existing < 0) {
            AddedTokenSpec spec;
            spec.content = content;
            spec.id = TokenId(idLimit());
            spec.special = true;
            m_added.push_back(spec);
            existing = spec.id;
        } else {
            // A token the vocabulary already has becomes special (matched in raw text) as tokenizers does.
            const bool listed = std::any_of(m_added.begin(), m_added.end(),
                                            [&](const AddedTokenSpec& t) { return t.content == content; });
            if (!listed)
                m_added.push_back({content, existing, true, false, false, false, false});
        }
        ids.push_back(existing);
    }
    rebuildAddedVocabulary();
    return ids;
}

void BpeTokenizer::tokenizeText(std::string_view segment, std::vector<TokenId>& out) const
{
    // Pre-tokenization over code points; the model then takes each piece's bytes.
    std::vector<std::u32string> pieces{decodeUtf8Lossy(segment)};
    for (const PreTokenizerStep& step : m_steps) {
        std::vector<std::u32string> next;
        for (std::u32string& piece : pieces) {
            if (step.kind == PreTokenizerStep::ByteLevel && step.addPrefixSpace && (piece.empty() || piece[0] != U' '))
                piece.insert(piece.begin(), U' ');
            if (step.kind == PreTokenizerStep::Split || step.useRegex) {
                const SplitPattern pattern = step.kind == PreTokenizerStep::Split ? step.pattern : SplitPattern::Gpt2;
                for (const auto& [b, e] : splitPieces(piece, pattern))
                    next.push_back(piece.substr(b, e - b));
            } else {
                next.push_back(std::move(piece));
            }
        }
        pieces = std::move(next);
    }
    for (const std::u32string& piece : pieces)
        m_model.tokenize(encodeUtf8(piece), out);
}

void BpeTokenizer::tokenizeNormalized(std::u32string_view text, std::vector<TokenId>& out) const
{
    const std::string normalized = encodeUtf8(m_nfc ? bpe_unicode::nfc(text) : std::u32string(text));
    if (m_normalized.empty()) {
        tokenizeText(normalized, out);
        return;
    }
    for (const auto& s : m_normalized.split(normalized)) {
        if (s.id >= 0)
            out.push_back(s.id);
        else
            tokenizeText(std::string_view(normalized).substr(s.begin, s.end - s.begin), out);
    }
}

std::vector<TokenId> BpeTokenizer::tokenize(std::string_view text) const
{
    std::vector<TokenId> out;
    out.reserve(text.size() / 3 + 4);
    for (const auto& s : m_raw.split(text)) {
        if (s.id >= 0)
            out.push_back(s.id);
        else
            tokenizeNormalized(decodeUtf8Lossy(text.substr(s.begin, s.end - s.begin)), out);
    }
    return out;
}

std::vector<TokenId> BpeTokenizer::encode(std::string_view text, std::size_t maxLength) const
{
    const std::size_t specials = specialTokensAdded();
    if (maxLength <= specials)
        throw usageError("maximum sequence length " + std::to_string(maxLength) + " leaves no room for a token besides " +
                         std::to_string(specials) + " special token(s)");
    std::vector<TokenId> tokens = tokenize(text);
    if (tokens.size() > maxLength - specials)
        tokens.resize(maxLength - specials);
    std::vector<TokenId> ids;
    ids.reserve(tokens.size() + specials);
    ids.insert(ids.end(), m_prefix.begin(), m_prefix.end());
    ids.insert(ids.end(), tokens.begin(), tokens.end());
    ids.insert(ids.end(), m_suffix.begin(), m_suffix.end());
    return ids;
}

} // namespace rankpo
