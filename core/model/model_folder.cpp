#include "core/model/model_folder.h"

#include "core/text/json_file.h"
#include "core/util/content_hash.h"
#include "core/util/error.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <set>

namespace rankpo {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kIndexFile = "model.safetensors.index.json";

bool flag(const json& doc, const char* key, const fs::path& file)
{
    const auto it = doc.find(key);
    if (it == doc.end() || it->is_null())
        return false;
    if (!it->is_boolean())
        throw dataError(file.string() + ": field '" + key + "' must be true or false");
    return it->get<bool>();
}

PoolingMode readPooling(const fs::path& file, std::int64_t hiddenSize)
{
    const json doc = readJsonFile(file);
    if (!doc.is_object())
        throw dataError(file.string() + ": not a JSON object");
    for (const char* unsupported : {"pooling_mode_max_tokens", "pooling_mode_mean_sqrt_len_tokens",
                                    "pooling_mode_weightedmean_tokens"})
        if (flag(doc, unsupported, file))
            throw dataError(file.string() + ": " + unsupported + " is not supported (cls, mean or lasttoken are)");
    const bool cls = flag(doc, "pooling_mode_cls_token", file);
    const bool mean = flag(doc, "pooling_mode_mean_tokens", file);
    const bool last = flag(doc, "pooling_mode_lasttoken", file);
    if (int(cls) + int(mean) + int(last) != 1)
        throw dataError(file.string() + ": exactly one of pooling_mode_cls_token, pooling_mode_mean_tokens and "
                                        "pooling_mode_lasttoken must be true");
    const auto dim = doc.find("word_embedding_dimension");
    if (dim != doc.end() && (!dim->is_number_integer() || dim->get<std::int64_t>() != hiddenSize))
        throw dataError(file.string() + ": word_embedding_dimension does not match the model's hidden_size " +
                        std::to_string(hiddenSize));
    return cls ? PoolingMode::Cls : last ? PoolingMode::LastToken : PoolingMode::Mean;
}

void hashFileInto(std::string& digest, const fs::path& file)
{
    if (!fs::exists(file))
        return;
    digest += file.filename().string() + "=" + ContentHash::of(readFileBytes(file)).hex() + ";";
}

} // namespace

ModelFolder ModelFolder::open(const fs::path& folder)
{
    if (!fs::is_directory(folder))
        throw ioError(folder.string() + ": not a model folder");
    ModelFolder m;
    m.root = folder;
    m.transformer = folder;

    std::optional<fs::path> poolingFile;
    const fs::path modulesFile = folder / "modules.json";
    if (fs::exists(modulesFile)) {
        const json modules = readJsonFile(modulesFile);
        if (!modules.is_array())
            throw dataError(modulesFile.string() + ": not a JSON array");
        for (const json& module : modules) {
            const std::string type = module.is_object() ? module.value("type", std::string()) : std::string();
            const std::string path = module.is_object() ? module.value("path", std::string()) : std::string();
            if (path.find("..") != std::string::npos)
                throw dataError(modulesFile.string() + ": module path '" + path + "' leaves the folder");
            if (type == "sentence_transformers.models.Transformer")
                m.transformer = path.empty() ? folder : folder / path;
            else if (type == "sentence_transformers.models.Pooling")
                poolingFile = folder / path / "config.json";
            else if (type != "sentence_transformers.models.Normalize")
                throw dataError(modulesFile.string() + ": module type '" + type +
                                "' is not supported (Transformer, Pooling, Normalize are)");
        }
    }

    m.config = ModelConfig::read(m.transformer / "config.json");
    if (m.config.isDecoder())
        m.pooling = PoolingMode::LastToken;
    if (poolingFile)
        m.pooling = readPooling(*poolingFile, m.config.hiddenSize);

    m.maxSeqLength = std::size_t(m.config.maxPositions);
    const fs::path tokenizerConfig = m.transformer / "tokenizer_config.json";
    if (fs::exists(tokenizerConfig)) {
        const json doc = readJsonFile(tokenizerConfig);
        const auto it = doc.find("model_max_length");
        // Tokenizers without a limit store a huge sentinel (1e30): only a plausible value counts.
        if (it != doc.end() && it->is_number() && it->get<double>() >= 2 && it->get<double>() < double(m.maxSeqLength))
            m.maxSeqLength = std::size_t(it->get<double>());
    }
    const fs::path stConfig = m.transformer / "sentence_bert_config.json";
    if (fs::exists(stConfig)) {
        const json doc = readJsonFile(stConfig);
        if (!doc.is_object())
            throw dataError(stConfig.string() + ": not a JSON object");
        const auto it = doc.find("max_seq_length");
        if (it != doc.end() && !it->is_null()) {
            if (!it->is_number_integer() || it->get<std::int64_t>() < 2)
                throw dataError(stConfig.string() + ": max_seq_length must be an integer >= 2");
            m.maxSeqLength = std::size_t(it->get<std::int64_t>());
        }
        m.lowercaseInput = flag(doc, "do_lower_case", stConfig);
    }
    if (m.maxSeqLength > std::size_t(m.config.maxPositions))
        throw dataError(m.transformer.string() + ": max_seq_length " + std::to_string(m.maxSeqLength) +
                        " exceeds max_position_embeddings " + std::to_string(m.config.maxPositions));
    if (!fs::exists(m.weightsFile()) && !(m.config.isDecoder() && fs::exists(m.transformer / kIndexFile)))
        throw dataError(m.transformer.string() + ": no model.safetensors (a pytorch_model.bin must be converted "
                                                 "once: scripts/convert-pytorch-bin.py)");
    if (!fs::exists(m.weightsFile()))
        m.weightFiles(); // checks the index and that every shard is there
    return m;
}

std::vector<fs::path> ModelFolder::weightFiles() const
{
    if (fs::exists(weightsFile()))
        return {weightsFile()};
    const fs::path indexFile = transformer / kIndexFile;
    const json index = readJsonFile(indexFile);
    const auto map = index.is_object() ? index.find("weight_map") : index.end();
    if (!index.is_object() || map == index.end() || !map->is_object() || map->empty())
        throw dataError(indexFile.string() + ": weight_map is missing or empty");
    std::vector<fs::path> files;
    std::set<std::string> seen;
    for (auto it = map->begin(); it != map->end(); ++it) {
        if (!it->is_string())
            throw dataError(indexFile.string() + ": weight_map['" + it.key() + "'] is not a file name");
        const std::string name = it->get<std::string>();
        if (name.empty() || name.find('/') != std::string::npos || name.find("..") != std::string::npos)
            throw dataError(indexFile.string() + ": weight_map['" + it.key() + "'] names '" + name + "', not a file here");
        if (!seen.insert(name).second)
            continue;
        if (!fs::exists(transformer / name))
            throw dataError(indexFile.string() + ": shard '" + name + "' is missing");
        files.push_back(transformer / name);
    }
    return files;
}

std::string ModelFolder::identity() const
{
    std::string digest = std::string("pooling=") + poolingName(pooling) + ";max=" + std::to_string(maxSeqLength) +
                         ";lower=" + (lowercaseInput ? "1" : "0") + ";";
    for (const char* name : {"config.json", "tokenizer.json", "vocab.txt", "tokenizer_config.json",
                             "special_tokens_map.json", "model.safetensors"})
        hashFileInto(digest, transformer / name);
    if (!config.isDecoder())
        return "bert-" + ContentHash::of(digest).hex();
    if (!fs::exists(weightsFile()))
        for (const fs::path& shard : weightFiles())
            hashFileInto(digest, shard);
    return config.modelType + "-" + ContentHash::of(digest).hex();
}

} // namespace rankpo
