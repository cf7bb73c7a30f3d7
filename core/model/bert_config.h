#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace rankpo {

// The architecture of a BERT-family encoder, from a Hugging Face config.json.
struct BertConfig {
    std::string modelType = "bert";
    std::int64_t vocabSize = 0;
    std::int64_t hiddenSize = 0;
    std::int64_t numLayers = 0;
    std::int64_t numHeads = 0;
    std::int64_t intermediateSize = 0;
    std::int64_t maxPositions = 512;
    std::int64_t typeVocabSize = 2;
    double layerNormEps = 1e-12;
    double hiddenDropout = 0.1;
    double attentionDropout = 0.1;
    std::string hiddenAct = "gelu"; // gelu (erf), gelu_new / gelu_pytorch_tanh / gelu_fast (tanh), relu

    std::int64_t headDim() const { return hiddenSize / numHeads; }

    // Reads and checks config.json: required fields present, sizes positive and consistent, the activation and
    // position embedding type supported. Errors name the file and the field.
    static BertConfig read(const std::filesystem::path& configJson);
};

} // namespace rankpo
