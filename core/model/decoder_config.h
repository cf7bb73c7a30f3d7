#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace rankpo {

// How RoPE's frequencies are scaled (config.json's rope_scaling): none, linear (positions / factor), dynamic (NTK,
// when a sequence exceeds the original context) or Llama 3.1's llama3 (low frequencies / factor, a smooth band).
struct RopeScaling {
    std::string type = "default"; // default | linear | dynamic | llama3
    double factor = 1.0;
    double lowFreqFactor = 1.0;
    double highFreqFactor = 4.0;
    std::int64_t originalMaxPositions = 0;
};

// The architecture of a decoder-only LLM (Llama 2/3.x, Qwen2, Qwen3, Mistral) from a Hugging Face config.json.
struct DecoderConfig {
    std::string modelType;          // llama | qwen2 | qwen3 | mistral
    std::int64_t vocabSize = 0;
    std::int64_t hiddenSize = 0;
    std::int64_t numLayers = 0;
    std::int64_t numHeads = 0;
    std::int64_t numKvHeads = 0;    // grouped-query attention: heads / numKvHeads queries share a key/value head
    std::int64_t headDim = 0;       // head_dim when given, else hiddenSize / numHeads
    std::int64_t intermediateSize = 0;
    std::int64_t maxPositions = 0;
    double rmsNormEps = 1e-6;
    double ropeTheta = 10000.0;
    RopeScaling ropeScaling;
    bool attentionBias = false;     // biases on q, k and v (Qwen2 always; Llama's attention_bias also on o)
    bool outputBias = false;        // a bias on o_proj (Llama's attention_bias)
    bool mlpBias = false;
    bool qkNorm = false;            // Qwen3: RMSNorm over each head of q and k before RoPE
    bool tieWordEmbeddings = false;
    double attentionDropout = 0.0;
    std::optional<std::int64_t> slidingWindow; // attention limited to the last n positions (Mistral; Qwen if enabled)
    std::int64_t maxWindowLayers = 0;          // Qwen: layers below this attend fully
    std::string torchDtype = "float32";        // bfloat16 | float16 | float32: the checkpoint's
    double initializerRange = 0.02;
    std::optional<std::int64_t> bosId, eosId, padId;

    // The sliding window of layer `layer`, if any.
    std::optional<std::int64_t> windowOf(std::int64_t layer) const;

    // Reads and checks config.json's fields (`file` names it in errors); model_type must be one of ours.
    static DecoderConfig fromJson(const nlohmann::json& doc, const std::string& file);
    static bool handles(const std::string& modelType);
};

} // namespace rankpo
