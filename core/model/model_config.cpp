#include "core/model/model_config.h"

#include "core/text/json_file.h"
#include "core/util/error.h"

#include <nlohmann/json.hpp>

namespace rankpo {

ModelConfig ModelConfig::read(const std::filesystem::path& configJson)
{
    const nlohmann::json doc = readJsonFile(configJson);
    if (!doc.is_object())
        throw dataError(configJson.string() + ": not a JSON object");
    ModelConfig c;
    const auto type = doc.find("model_type");
    c.modelType = type != doc.end() && type->is_string() ? type->get<std::string>() : std::string("bert");
    if (DecoderConfig::handles(c.modelType)) {
        c.decoder = DecoderConfig::fromJson(doc, configJson.string());
        const DecoderConfig& d = *c.decoder;
        c.vocabSize = d.vocabSize;
        c.hiddenSize = d.hiddenSize;
        c.numLayers = d.numLayers;
        c.numHeads = d.numHeads;
        c.intermediateSize = d.intermediateSize;
        c.maxPositions = d.maxPositions;
        return c;
    }
    c.bert = BertConfig::read(configJson); // names the unsupported model_type itself
    const BertConfig& b = *c.bert;
    c.vocabSize = b.vocabSize;
    c.hiddenSize = b.hiddenSize;
    c.numLayers = b.numLayers;
    c.numHeads = b.numHeads;
    c.intermediateSize = b.intermediateSize;
    c.maxPositions = b.maxPositions;
    return c;
}

} // namespace rankpo
