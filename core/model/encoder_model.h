#pragma once

// A loaded encoder for the engine (includes torch): tokenizer, trainable module, device, and saving in the
// Hugging Face layout. Training builds batches with tokenize() and calls embed() with gradients enabled;
// TextEncoder (text_encoder.h) wraps it for batched, cached inference behind a torch-free header.
#include "core/model/decoder_weights.h"
#include "core/model/model_folder.h"
#include "core/model/sentence_encoder.h"
#include "core/text/tokenizer.h"

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

struct EncoderLoadOptions {
    // Parameter dtype: "auto" (float32 on the CPU; on CUDA bfloat16 for a decoder, float32 for BERT), "float32",
    // "bfloat16" or "float16". BERT always runs in float32.
    std::string dtype = "auto";
    bool gradientCheckpointing = false; // decoders: recompute each layer in backward (less memory, ~1/3 more time)
};

// How upstream RankPO initialises the embedding rows of tokens it adds (resize_token_embeddings).
enum class NewTokenInit {
    Mean,   // the mean of the existing rows: transformers >= 4.46's default (mean_resizing, less its 1e-9 noise)
    Normal, // N(0, initializer_range): transformers 4.45's, which upstream's requirements pin
};

class EncoderModel {
public:
    // Reads config, tokenizer and weights (checked tensor by tensor) and moves the module to `device`. The
    // module starts in eval() mode.
    static std::unique_ptr<EncoderModel> load(const ModelFolder& folder, torch::Device device,
                                              const EncoderLoadOptions& options = {});

    // Token ids with [CLS]/[SEP], cut to maxLength (0: the model's maximum; larger than it: an error).
    std::vector<TokenId> tokenize(const std::string& text, std::size_t maxLength = 0) const;
    TokenBatch makeBatch(const std::vector<std::vector<TokenId>>& sequences) const;
    TokenBatch tokenizeBatch(const std::vector<std::string>& texts, std::size_t maxLength = 0) const;

    // Unit-length embeddings [B, H] on the model's device; differentiable unless called in inference mode.
    torch::Tensor embed(const TokenBatch& batch);

    // Writes a folder that this class, sentence-transformers and transformers all load: model.safetensors,
    // config.json, tokenizer files, modules.json, 1_Pooling/config.json, sentence_bert_config.json.
    void save(const std::filesystem::path& folder) const;

    // Adds special tokens that the tokenizer lacks (byte-level BPE models only), with new embedding rows (and
    // lm_head rows when untied) initialised as `init` says (Normal draws from torch's generator); tokens it has
    // keep their ids. save() writes them into the tokenizer files and config.json's vocab_size. Returns the ids.
    std::vector<TokenId> addSpecialTokens(const std::vector<std::string>& tokens, NewTokenInit init = NewTokenInit::Mean);
    void setGradientCheckpointing(bool on);

    SentenceEncoder& module() { return m_module; }
    const Tokenizer& tokenizer() const { return *m_tokenizer; }
    bool isDecoder() const { return m_folder.config.isDecoder(); }
    torch::Dtype dtype() const { return m_dtype; }
    std::int64_t parameterCount() const;
    const ModelFolder& folder() const { return m_folder; }
    torch::Device device() const { return m_device; }
    std::size_t dim() const { return std::size_t(m_folder.config.hiddenSize); }
    std::size_t maxLength() const { return m_folder.maxSeqLength; }

private:
    EncoderModel(ModelFolder folder, std::unique_ptr<Tokenizer> tokenizer, SentenceEncoder module, torch::Device device);
    void saveDecoder(const std::filesystem::path& folder) const;

    ModelFolder m_folder;
    std::unique_ptr<Tokenizer> m_tokenizer;
    SentenceEncoder m_module;
    torch::Device m_device;
    torch::Dtype m_dtype = torch::kFloat32;
    DecoderCheckpointLayout m_layout;       // decoders: how to write the weights back
    std::vector<std::string> m_addedTokens; // decoders: special tokens added since loading
};

// "auto" (CUDA when libtorch sees a GPU, else CPU), "cpu" or "cuda"; anything else, or "cuda" without a GPU,
// is a usage error.
torch::Device chooseDevice(const std::string& name);

} // namespace rankpo
