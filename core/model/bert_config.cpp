#include "core/model/bert_config.h"

#include "core/text/json_file.h"
#include "core/util/error.h"

#include <nlohmann/json.hpp>

namespace rankpo {
namespace {

std::int64_t positiveInt(const nlohmann::json& doc, const char* key, const std::string& file, bool required,
                         std::int64_t fallback)
{
    const auto it = doc.find(key);
    if (it == doc.end() || it->is_null()) {
        if (required)
            throw dataError(file + ": missing field '" + key + "'");
        return fallback;
    }
    if (!it->is_number_integer() || it->get<std::int64_t>() <= 0)
        throw dataError(file + ": field '" + key + "' must be a positive integer");
    return it->get<std::int64_t>();
}

double number(const nlohmann::json& doc, const char* key, const std::string& file, double fallback)
{
    const auto it = doc.find(key);
    if (it == doc.end() || it->is_null())
        return fallback;
    if (!it->is_number())
        throw dataError(file + ": field '" + key + "' must be a number");
    return it->get<double>();
}

} // namespace

BertConfig BertConfig::read(const std::filesystem::path& configJson)
{
    const std::string file = configJson.string();
    const nlohmann::json doc = readJsonFile(configJson);
    if (!doc.is_object())
        throw dataError(file + ": not a JSON object");
    BertConfig c;
    c.modelType = doc.value("model_type", std::string("bert"));
    if (c.modelType != "bert")
        throw dataError(file + ": model_type '" + c.modelType + "' is not supported (BERT-family encoders are)");
    const std::string positions = doc.value("position_embedding_type", std::string("absolute"));
    if (positions != "absolute")
        throw dataError(file + ": position_embedding_type '" + positions + "' is not supported (absolute is)");
    c.vocabSize = positiveInt(doc, "vocab_size", file, true, 0);
    c.hiddenSize = positiveInt(doc, "hidden_size", file, true, 0);
    c.numLayers = positiveInt(doc, "num_hidden_layers", file, true, 0);
    c.numHeads = positiveInt(doc, "num_attention_heads", file, true, 0);
    c.intermediateSize = positiveInt(doc, "intermediate_size", file, true, 0);
    c.maxPositions = positiveInt(doc, "max_position_embeddings", file, false, 512);
    c.typeVocabSize = positiveInt(doc, "type_vocab_size", file, false, 2);
    c.layerNormEps = number(doc, "layer_norm_eps", file, 1e-12);
    c.hiddenDropout = number(doc, "hidden_dropout_prob", file, 0.1);
    c.attentionDropout = number(doc, "attention_probs_dropout_prob", file, 0.1);
    c.hiddenAct = doc.value("hidden_act", std::string("gelu"));
    if (c.hiddenSize % c.numHeads != 0)
        throw dataError(file + ": hidden_size " + std::to_string(c.hiddenSize) + " is not a multiple of num_attention_heads " +
                        std::to_string(c.numHeads));
    if (c.hiddenAct != "gelu" && c.hiddenAct != "gelu_new" && c.hiddenAct != "gelu_pytorch_tanh" &&
        c.hiddenAct != "gelu_fast" && c.hiddenAct != "relu")
        throw dataError(file + ": hidden_act '" + c.hiddenAct + "' is not supported");
    if (c.layerNormEps <= 0 || c.hiddenDropout < 0 || c.hiddenDropout >= 1 || c.attentionDropout < 0 ||
        c.attentionDropout >= 1)
        throw dataError(file + ": layer_norm_eps must be positive and dropout probabilities in [0, 1)");
    return c;
}

} // namespace rankpo
