#pragma once

// A loaded encoder for the engine (includes torch): tokenizer, trainable module, device, and saving in the
// Hugging Face layout. Training builds batches with tokenize() and calls embed() with gradients enabled;
// TextEncoder (text_encoder.h) wraps it for batched, cached inference behind a torch-free header.
#include "core/model/model_folder.h"
#include "core/model/sentence_encoder.h"
#include "core/text/bert_tokenizer.h"

#include <torch/torch.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace rankpo {

struct TokenBatch {
    torch::Tensor ids;  // [B, L] int64, right-padded with the tokenizer's pad id
    torch::Tensor mask; // [B, L] int64, 1 for real tokens
};

class EncoderModel {
public:
    // Reads config, tokenizer and weights (checked tensor by tensor) and moves the module to `device`. The
    // module starts in eval() mode.
    static std::unique_ptr<EncoderModel> load(const ModelFolder& folder, torch::Device device);

    // Token ids with [CLS]/[SEP], cut to maxLength (0: the model's maximum; larger than it: an error).
    std::vector<TokenId> tokenize(const std::string& text, std::size_t maxLength = 0) const;
    TokenBatch makeBatch(const std::vector<std::vector<TokenId>>& sequences) const;
    TokenBatch tokenizeBatch(const std::vector<std::string>& texts, std::size_t maxLength = 0) const;

    // Unit-length embeddings [B, H] on the model's device; differentiable unless called in inference mode.
    torch::Tensor embed(const TokenBatch& batch);

    // Writes a folder that this class, sentence-transformers and transformers all load: model.safetensors,
    // config.json, tokenizer files, modules.json, 1_Pooling/config.json, sentence_bert_config.json.
    void save(const std::filesystem::path& folder) const;

    SentenceEncoder& module() { return m_module; }
    const BertTokenizer& tokenizer() const { return m_tokenizer; }
    const ModelFolder& folder() const { return m_folder; }
    torch::Device device() const { return m_device; }
    std::size_t dim() const { return std::size_t(m_folder.config.hiddenSize); }
    std::size_t maxLength() const { return m_folder.maxSeqLength; }

private:
    EncoderModel(ModelFolder folder, BertTokenizer tokenizer, SentenceEncoder module, torch::Device device);

    ModelFolder m_folder;
    BertTokenizer m_tokenizer;
    SentenceEncoder m_module;
    torch::Device m_device;
};

// "auto" (CUDA when libtorch sees a GPU, else CPU), "cpu" or "cuda"; anything else, or "cuda" without a GPU,
// is a usage error.
torch::Device chooseDevice(const std::string& name);

} // namespace rankpo
