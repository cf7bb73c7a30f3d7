#include "core/model/decoder_config.h"

#include "core/util/error.h"

#include <nlohmann/json.hpp>

namespace rankpo {
namespace {

using nlohmann::json;

const json* field(const json& doc, const char* key)
{
    const auto it = doc.find(key);
    return it == doc.end() || it->is_null() ? nullptr : &*it;
}

std::int64_t positive(const json& doc, const char* key, const std::string& file, std::optional<std::int64_t> fallback)
{
    const json* v = field(doc, key);
    if (!v) {
        if (!fallback)
            throw dataError(file + ": missing field '" + key + "'");
        return *fallback;
    }
    if (!v->is_number_integer() || v->get<std::int64_t>() <= 0)
        throw dataError(file + ": field '" + std::string(key) + "' must be a positive integer");
    return v->get<std::int64_t>();
}

double number(const json& doc, const char* key, const std::string& file, double fallback)
{
    const json* v = field(doc, key);
    if (!v)
        return fallback;
    if (!v->is_number())
        throw dataError(file + ": field '" + std::string(key) + "' must be a number");
    return v->get<double>();
}

bool flag(const json& doc, const char* key, const std::string& file, bool fallback)
{
    const json* v = field(doc, key);
    if (!v)
        return fallback;
    if (!v->is_boolean())
        throw dataError(file + ": field '" + std::string(key) + "' must be true or false");
    return v->get<bool>();
}

std::optional<std::int64_t> tokenId(const json& doc, const char* key)
{
    const json* v = field(doc, key);
    if (v && v->is_number_integer())
        return v->get<std::int64_t>();
    if (v && v->is_array() && !v->empty() && (*v)[0].is_number_integer()) // eos_token_id: [128001, 128008, ...]
        return (*v)[0].get<std::int64_t>();
    return std::nullopt;
}

} // namespace

bool DecoderConfig::handles(const std::string& modelType)
{
    return modelType == "llama" || modelType == "qwen2" || modelType == "qwen3" || modelType == "mistral";
}

std::optional<std::int64_t> DecoderConfig::windowOf(std::int64_t layer) const
{
    if (!slidingWindow)
        return std::nullopt;
    if ((modelType == "qwen2" || modelType == "qwen3") && layer < maxWindowLayers)
        return std::nullopt;
    return slidingWindow;
}

DecoderConfig DecoderConfig::fromJson(const json& doc, const std::string& file)
{
    DecoderConfig c;
    c.modelType = doc.value("model_type", std::string());
    if (!handles(c.modelType))
        throw dataError(file + ": model_type '" + c.modelType + "' is not a supported decoder (llama, qwen2, qwen3, mistral)");
    c.vocabSize = positive(doc, "vocab_size", file, std::nullopt);
    c.hiddenSize = positive(doc, "hidden_size", file, std::nullopt);
    c.numLayers = positive(doc, "num_hidden_layers", file, std::nullopt);
    c.numHeads = positive(doc, "num_attention_heads", file, std::nullopt);
    c.numKvHeads = positive(doc, "num_key_value_heads", file, c.numHeads);
    c.intermediateSize = positive(doc, "intermediate_size", file, std::nullopt);
    c.maxPositions = positive(doc, "max_position_embeddings", file, std::int64_t(2048));
    if (c.numHeads % c.numKvHeads != 0)
        throw dataError(file + ": num_attention_heads " + std::to_string(c.numHeads) +
                        " is not a multiple of num_key_value_heads " + std::to_string(c.numKvHeads));
    if (!field(doc, "head_dim") && c.hiddenSize % c.numHeads != 0)
        throw dataError(file + ": hidden_size is not a multiple of num_attention_heads (and head_dim is not given)");
    c.headDim = positive(doc, "head_dim", file, c.hiddenSize / c.numHeads);
    if (c.headDim % 2 != 0)
        throw dataError(file + ": head_dim " + std::to_string(c.headDim) + " must be even for rotary embeddings");
    c.rmsNormEps = number(doc, "rms_norm_eps", file, 1e-6);
    c.ropeTheta = number(doc, "rope_theta", file, 10000.0);
    c.attentionDropout = number(doc, "attention_dropout", file, 0.0);
    c.initializerRange = number(doc, "initializer_range", file, 0.02);
    c.tieWordEmbeddings = flag(doc, "tie_word_embeddings", file, false);
    if (c.rmsNormEps <= 0 || c.ropeTheta <= 0 || c.attentionDropout < 0 || c.attentionDropout >= 1)
        throw dataError(file + ": rms_norm_eps and rope_theta must be positive and attention_dropout in [0, 1)");
    const std::string act = doc.value("hidden_act", std::string("silu"));
    if (act != "silu")
        throw dataError(file + ": hidden_act '" + act + "' is not supported (silu is)");
    if (c.modelType == "qwen2") {
        c.attentionBias = true; // q, k, v (never o)
    } else {
        c.attentionBias = flag(doc, "attention_bias", file, false);
        c.outputBias = c.attentionBias;
    }
    c.mlpBias = flag(doc, "mlp_bias", file, false);
    c.qkNorm = c.modelType == "qwen3";
    if (field(doc, "partial_rotary_factor") && number(doc, "partial_rotary_factor", file, 1.0) != 1.0)
        throw dataError(file + ": partial_rotary_factor is not supported");

    if (c.modelType == "mistral") {
        if (field(doc, "sliding_window"))
            c.slidingWindow = positive(doc, "sliding_window", file, std::nullopt);
    } else if ((c.modelType == "qwen2" || c.modelType == "qwen3") && flag(doc, "use_sliding_window", file, false)) {
        c.slidingWindow = positive(doc, "sliding_window", file, std::nullopt);
        c.maxWindowLayers = positive(doc, "max_window_layers", file, c.numLayers);
    }

    if (const json* rope = field(doc, "rope_scaling")) {
        if (!rope->is_object())
            throw dataError(file + ": field 'rope_scaling' must be an object");
        RopeScaling& r = c.ropeScaling;
        r.type = rope->contains("rope_type") ? rope->value("rope_type", std::string()) : rope->value("type", std::string());
        if (r.type != "default" && r.type != "linear" && r.type != "dynamic" && r.type != "llama3")
            throw dataError(file + ": rope_scaling.rope_type '" + r.type +
                            "' is not supported (default, linear, dynamic, llama3 are)");
        r.factor = number(*rope, "factor", file, 1.0);
        r.lowFreqFactor = number(*rope, "low_freq_factor", file, 1.0);
        r.highFreqFactor = number(*rope, "high_freq_factor", file, 4.0);
        r.originalMaxPositions = positive(*rope, "original_max_position_embeddings", file, c.maxPositions);
        if (r.type != "default" && r.factor < 1.0)
            throw dataError(file + ": rope_scaling.factor must be at least 1");
        if (r.type == "llama3" && !(r.highFreqFactor > r.lowFreqFactor))
            throw dataError(file + ": rope_scaling.high_freq_factor must exceed low_freq_factor");
    }

    c.torchDtype = doc.value("torch_dtype", std::string("float32"));
    if (c.torchDtype != "float32" && c.torchDtype != "bfloat16" && c.torchDtype != "float16")
        throw dataError(file + ": torch_dtype '" + c.torchDtype + "' is not supported (float32, bfloat16, float16 are)");
    c.bosId = tokenId(doc, "bos_token_id");
    c.eosId = tokenId(doc, "eos_token_id");
    c.padId = tokenId(doc, "pad_token_id");
    return c;
}

} // namespace rankpo
