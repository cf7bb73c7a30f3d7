#pragma once

// The BERT encoder as torch::nn modules (engine-internal: includes torch). Parameters are float32; dropout is
// active in train() mode only. Names differ from Hugging Face's where we fuse (one QKV projection per layer);
// bert_weights.h maps them to and from HF's tensor names.
#include "core/model/bert_config.h"

#include <torch/torch.h>

namespace rankpo {

// Word + position + token-type embeddings, LayerNorm, dropout. Token types are all 0 (single sentences).
class BertEmbeddingsImpl : public torch::nn::Module {
public:
    explicit BertEmbeddingsImpl(const BertConfig& config);
    torch::Tensor forward(const torch::Tensor& ids);

    torch::nn::Embedding word{nullptr}, position{nullptr}, tokenType{nullptr};
    torch::nn::LayerNorm norm{nullptr};
    torch::nn::Dropout dropout{nullptr};
};
TORCH_MODULE(BertEmbeddings);

// One transformer layer (post-LayerNorm, as BERT): self-attention with a fused QKV projection and the padding
// mask, residual + LayerNorm, feed-forward with the configured activation, residual + LayerNorm.
class BertLayerImpl : public torch::nn::Module {
public:
    explicit BertLayerImpl(const BertConfig& config);
    // x: [B, L, H]; maskBias: [B, 1, 1, L], 0 for real tokens and a large negative number for padding, or an
    // undefined tensor when nothing is padded.
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& maskBias);

    torch::nn::Linear qkv{nullptr}, attentionOutput{nullptr}, intermediate{nullptr}, output{nullptr};
    torch::nn::LayerNorm attentionNorm{nullptr}, outputNorm{nullptr};

private:
    torch::Tensor activate(const torch::Tensor& x) const;

    std::int64_t m_heads;
    std::int64_t m_headDim;
    double m_attentionDropout;
    double m_hiddenDropout;
    std::string m_activation;
};
TORCH_MODULE(BertLayer);

// Embeddings and the stack of layers: token states [B, L, H] for ids [B, L] and a 0/1 attention mask [B, L].
// The pooler (dense + tanh on [CLS]) is kept when the checkpoint has one, only so that saving preserves it.
class BertEncoderImpl : public torch::nn::Module {
public:
    BertEncoderImpl(const BertConfig& config, bool withPooler);
    torch::Tensor forward(const torch::Tensor& ids, const torch::Tensor& attentionMask);

    const BertConfig& config() const { return m_config; }

    BertEmbeddings embeddings{nullptr};
    torch::nn::ModuleList layers{nullptr};
    torch::nn::Linear pooler{nullptr}; // null when the checkpoint has none

private:
    BertConfig m_config;
};
TORCH_MODULE(BertEncoder);

} // namespace rankpo
