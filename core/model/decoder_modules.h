#pragma once

// Decoder-only LLMs (Llama, Qwen2, Qwen3, Mistral) as torch::nn modules (engine-internal: includes torch). The
// parameter names are transformers' (LlamaModel's: embed_tokens, layers.N.self_attn.q_proj, ...), so that
// decoder_weights.h maps them one to one and optimiser groups see the names upstream's Trainer sees.
#include "core/model/decoder_config.h"
#include "core/model/rotary_embedding.h"

#include <torch/torch.h>

namespace rankpo {

struct DecoderOptions {
    torch::Dtype dtype = torch::kFloat32; // of the parameters and activations
    bool gradientCheckpointing = false;   // recompute each layer in backward instead of keeping its activations
};

// LlamaRMSNorm: x / rms(x) in float32, then weight * (that in x's dtype).
class RmsNormImpl : public torch::nn::Module {
public:
    RmsNormImpl(std::int64_t size, double eps);
    torch::Tensor forward(const torch::Tensor& x);
    torch::Tensor weight;

private:
    double m_eps;
};
TORCH_MODULE(RmsNorm);

class DecoderAttentionImpl : public torch::nn::Module {
public:
    DecoderAttentionImpl(const DecoderConfig& config, std::int64_t layer);
    // x [B, L, H] -> [B, L, H], causal (and sliding-window when the layer has one and L exceeds it).
    torch::Tensor forward(const torch::Tensor& x, const RopeTables& rope);

    torch::nn::Linear q_proj{nullptr}, k_proj{nullptr}, v_proj{nullptr}, o_proj{nullptr};
    RmsNorm q_norm{nullptr}, k_norm{nullptr}; // Qwen3 only

private:
    torch::Tensor attend(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v) const;

    std::int64_t m_heads, m_kvHeads, m_headDim;
    double m_dropout;
    std::optional<std::int64_t> m_window;
};
TORCH_MODULE(DecoderAttention);

// SwiGLU: down(silu(gate(x)) * up(x)).
class DecoderMlpImpl : public torch::nn::Module {
public:
    explicit DecoderMlpImpl(const DecoderConfig& config);
    torch::Tensor forward(const torch::Tensor& x);
    torch::nn::Linear gate_proj{nullptr}, up_proj{nullptr}, down_proj{nullptr};
};
TORCH_MODULE(DecoderMlp);

// Pre-norm layer: x + attn(norm(x)), then h + mlp(norm(h)).
class DecoderLayerImpl : public torch::nn::Module {
public:
    DecoderLayerImpl(const DecoderConfig& config, std::int64_t layer);
    torch::Tensor forward(const torch::Tensor& x, const RopeTables& rope);

    DecoderAttention self_attn{nullptr};
    DecoderMlp mlp{nullptr};
    RmsNorm input_layernorm{nullptr}, post_attention_layernorm{nullptr};
};
TORCH_MODULE(DecoderLayer);

// Embeddings, the layers and the final norm: token states [B, L, H] for right-padded ids [B, L]. The mask is not
// needed: with right padding, causal attention already keeps every real token from seeing a pad (pads only
// follow real tokens), and pad positions' own states are never read (pooling takes real tokens). lm_head is kept
// only when the checkpoint has an untied one, so that saving preserves it; it is not on the embedding path.
class DecoderModelImpl : public torch::nn::Module {
public:
    DecoderModelImpl(const DecoderConfig& config, const DecoderOptions& options, bool withLmHead);
    torch::Tensor forward(const torch::Tensor& ids);

    const DecoderConfig& config() const { return m_config; }
    const DecoderOptions& options() const { return m_options; }
    void setGradientCheckpointing(bool on) { m_options.gradientCheckpointing = on; }
    // Grows the embedding (and an untied lm_head) to `rows` rows, the new rows set to `init` [n, H].
    void appendEmbeddingRows(const torch::Tensor& init);

    torch::nn::Embedding embed_tokens{nullptr};
    torch::nn::ModuleList layers{nullptr};
    RmsNorm norm{nullptr};
    torch::nn::Linear lm_head{nullptr};

private:
    DecoderConfig m_config;
    DecoderOptions m_options;
};
TORCH_MODULE(DecoderModel);

} // namespace rankpo
