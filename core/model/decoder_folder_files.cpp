#include "core/model/decoder_folder_files.h"

#include "core/text/json_file.h"
#include "core/util/error.h"

#include <nlohmann/json.hpp>

#include <map>

namespace rankpo {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

ordered_json readOrdered(const fs::path& file)
{
    try {
        return ordered_json::parse(readFileBytes(file));
    } catch (const ordered_json::exception& e) {
        throw dataError(file.string() + ": invalid JSON: " + e.what());
    }
}

bool namesToken(const ordered_json& doc, const char* key)
{
    const auto it = doc.find(key);
    return it != doc.end() && !it->is_null();
}

ordered_json addedTokenJson(const std::string& content)
{
    return {{"content", content}, {"lstrip", false}, {"normalized", false}, {"rstrip", false}, {"single_word", false},
            {"special", true}};
}

void appendAdditional(ordered_json& doc, const std::vector<std::pair<std::string, std::int32_t>>& added)
{
    if (added.empty())
        return;
    ordered_json& list = doc["additional_special_tokens"];
    if (!list.is_array())
        list = ordered_json::array();
    for (const auto& [content, id] : added) {
        bool present = false;
        for (const auto& t : list)
            present = present || (t.is_string() && t.get<std::string>() == content) ||
                      (t.is_object() && t.value("content", std::string()) == content);
        if (!present)
            list.push_back(content);
    }
}

} // namespace

void writeDecoderFolderFiles(const fs::path& from, const fs::path& to, const DecoderFolderEdits& e)
{
    std::map<std::string, std::string> out; // relative path -> bytes

    ordered_json config = readOrdered(from / "config.json");
    config["vocab_size"] = e.vocabSize;
    if (!namesToken(config, "pad_token_id") && e.padId >= 0)
        config["pad_token_id"] = e.padId; // upstream sets model.config.pad_token_id with the tokenizer's
    out["config.json"] = config.dump(2) + "\n";

    if (e.added.empty()) {
        out["tokenizer.json"] = readFileBytes(from / "tokenizer.json");
    } else {
        ordered_json tok = readOrdered(from / "tokenizer.json");
        ordered_json& list = tok["added_tokens"];
        if (!list.is_array())
            list = ordered_json::array();
        for (const auto& [content, id] : e.added) {
            bool present = false;
            for (const auto& t : list)
                present = present || (t.is_object() && t.value("content", std::string()) == content);
            if (present)
                continue;
            ordered_json entry = {{"id", id}};
            entry.update(addedTokenJson(content));
            list.push_back(entry);
        }
        out["tokenizer.json"] = tok.dump(2) + "\n";
    }

    ordered_json tc = fs::exists(from / "tokenizer_config.json") ? readOrdered(from / "tokenizer_config.json")
                                                                 : ordered_json::object();
    if (!tc.is_object())
        throw dataError((from / "tokenizer_config.json").string() + ": not a JSON object");
    if (!e.added.empty()) {
        ordered_json& decoder = tc["added_tokens_decoder"];
        if (!decoder.is_object())
            decoder = ordered_json::object();
        for (const auto& [content, id] : e.added)
            if (!decoder.contains(std::to_string(id)))
                decoder[std::to_string(id)] = addedTokenJson(content);
        appendAdditional(tc, e.added);
    }
    if (!namesToken(tc, "pad_token") && !e.padToken.empty())
        tc["pad_token"] = e.padToken; // sentence-transformers pads batches: it needs one
    if (!tc.contains("tokenizer_class"))
        tc["tokenizer_class"] = "PreTrainedTokenizerFast";
    out["tokenizer_config.json"] = tc.dump(2) + "\n";

    ordered_json map = fs::exists(from / "special_tokens_map.json") ? readOrdered(from / "special_tokens_map.json")
                                                                    : ordered_json::object();
    if (!map.is_object())
        map = ordered_json::object();
    appendAdditional(map, e.added);
    if (!namesToken(map, "pad_token") && !e.padToken.empty())
        map["pad_token"] = e.padToken;
    out["special_tokens_map.json"] = map.dump(2) + "\n";

    if (fs::exists(from / "generation_config.json"))
        out["generation_config.json"] = readFileBytes(from / "generation_config.json");

    const ordered_json modules = ordered_json::array({
        {{"idx", 0}, {"name", "0"}, {"path", ""}, {"type", "sentence_transformers.models.Transformer"}},
        {{"idx", 1}, {"name", "1"}, {"path", "1_Pooling"}, {"type", "sentence_transformers.models.Pooling"}},
        {{"idx", 2}, {"name", "2"}, {"path", "2_Normalize"}, {"type", "sentence_transformers.models.Normalize"}},
    });
    out["modules.json"] = modules.dump(2) + "\n";
    const ordered_json pooling = {
        {"word_embedding_dimension", e.hiddenSize},
        {"pooling_mode_cls_token", e.pooling == "cls"},
        {"pooling_mode_mean_tokens", e.pooling == "mean"},
        {"pooling_mode_max_tokens", false},
        {"pooling_mode_mean_sqrt_len_tokens", false},
        {"pooling_mode_weightedmean_tokens", false},
        {"pooling_mode_lasttoken", e.pooling == "lasttoken"},
    };
    out["1_Pooling/config.json"] = pooling.dump(2) + "\n";
    out["sentence_bert_config.json"] =
        ordered_json{{"max_seq_length", e.maxSeqLength}, {"do_lower_case", e.lowercaseInput}}.dump(2) + "\n";

    fs::create_directories(to / "1_Pooling");
    for (const auto& [name, bytes] : out)
        writeFileAtomically(to / name, bytes);
}

} // namespace rankpo
