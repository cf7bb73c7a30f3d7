#pragma once

#include "core/model/model_config.h"
#include "core/model/pooling_mode.h"

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace rankpo {

// A Hugging Face-layout encoder folder as sentence-transformers reads it: config.json, model.safetensors, the
// tokenizer files, and when present modules.json (Transformer [+ Pooling] [+ Normalize]), 1_Pooling/config.json
// and sentence_bert_config.json. Without modules.json the pooling is mean, sentence-transformers' default, for an
// encoder, and the last real token for a decoder LLM (upstream RankPO's rule). A decoder's weights may be one
// model.safetensors or shards listed in model.safetensors.index.json.
struct ModelFolder {
    std::filesystem::path root;        // the folder given
    std::filesystem::path transformer; // where config.json, weights and tokenizer live (modules.json's path)
    ModelConfig config;
    PoolingMode pooling = PoolingMode::Mean;
    std::size_t maxSeqLength = 512;   // tokens, [CLS] and [SEP] included
    bool lowercaseInput = false;      // sentence_bert_config.json's do_lower_case (before the tokenizer)

    // Reads and checks the folder's description (not the weights). Errors name the file and the field.
    static ModelFolder open(const std::filesystem::path& folder);

    std::filesystem::path weightsFile() const { return transformer / "model.safetensors"; }
    // model.safetensors, or the shards that model.safetensors.index.json lists (in its order, each once).
    std::vector<std::filesystem::path> weightFiles() const;

    // The model's identity for caches: a hash over the bytes of the files that decide its embeddings (config,
    // weights, tokenizer, pooling, sentence-transformers settings) and the effective pooling and maximum length.
    // Two folders with the same files have the same identity; retraining changes it. Reads the weights (fast).
    std::string identity() const;
};

} // namespace rankpo
