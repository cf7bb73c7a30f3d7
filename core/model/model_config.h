#pragma once

#include "core/model/bert_config.h"
#include "core/model/decoder_config.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace rankpo {

// A model folder's config.json: a BERT-family encoder or a decoder-only LLM. The common sizes are copied to the
// top level for listings and checks that do not care which.
struct ModelConfig {
    std::string modelType;
    std::int64_t vocabSize = 0;
    std::int64_t hiddenSize = 0;
    std::int64_t numLayers = 0;
    std::int64_t numHeads = 0;
    std::int64_t intermediateSize = 0;
    std::int64_t maxPositions = 0;

    std::optional<BertConfig> bert;       // model_type bert
    std::optional<DecoderConfig> decoder; // llama, qwen2, qwen3, mistral

    bool isDecoder() const { return decoder.has_value(); }
    // "bert", "llama", ...; with the checkpoint's dtype for decoders ("float32" for BERT).
    std::string dtypeName() const { return decoder ? decoder->torchDtype : std::string("float32"); }

    static ModelConfig read(const std::filesystem::path& configJson);
};

} // namespace rankpo
