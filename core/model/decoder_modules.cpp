#include "core/model/decoder_modules.h"

#include "core/model/layer_checkpoint.h"

#include <torch/version.h>

#include <cmath>
#include <limits>

namespace rankpo {

namespace F = torch::nn::functional;

RmsNormImpl::RmsNormImpl(std::int64_t size, double eps) : m_eps(eps)
{
    weight = register_parameter("weight", torch::ones({size}));
}

torch::Tensor RmsNormImpl::forward(const torch::Tensor& x)
{
    const torch::Tensor x32 = x.to(torch::kFloat32);
    const torch::Tensor normed = x32 * torch::rsqrt(x32.pow(2).mean(-1, true) + m_eps);
    return weight * normed.to(x.scalar_type());
}

DecoderAttentionImpl::DecoderAttentionImpl(const DecoderConfig& c, std::int64_t layer)
    : m_heads(c.numHeads), m_kvHeads(c.numKvHeads), m_headDim(c.headDim), m_dropout(c.attentionDropout),
      m_window(c.windowOf(layer))
{
    const auto h = c.hiddenSize, q = c.numHeads * c.headDim, kv = c.numKvHeads * c.headDim;
    q_proj = register_module("q_proj", torch::nn::Linear(torch::nn::LinearOptions(h, q).bias(c.attentionBias)));
    k_proj = register_module("k_proj", torch::nn::Linear(torch::nn::LinearOptions(h, kv).bias(c.attentionBias)));
    v_proj = register_module("v_proj", torch::nn::Linear(torch::nn::LinearOptions(h, kv).bias(c.attentionBias)));
    o_proj = register_module("o_proj", torch::nn::Linear(torch::nn::LinearOptions(q, h).bias(c.outputBias)));
    if (c.qkNorm) {
        q_norm = register_module("q_norm", RmsNorm(c.headDim, c.rmsNormEps));
        k_norm = register_module("k_norm", RmsNorm(c.headDim, c.rmsNormEps));
    }
}

torch::Tensor DecoderAttentionImpl::attend(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v) const
{
    // q [B, heads, L, d]; k, v [B, kvHeads, L, d].
    const std::int64_t batch = q.size(0), length = q.size(2), group = m_heads / m_kvHeads;
    const double dropout = is_training() ? m_dropout : 0.0;
    const bool windowed = m_window && length > *m_window;
    torch::Tensor allowed; // [L, L], true where query i may see key j; undefined: plain causal
    if (windowed) {
        const torch::Tensor i = torch::arange(length, torch::TensorOptions().device(q.device())).unsqueeze(1);
        const torch::Tensor j = torch::arange(length, torch::TensorOptions().device(q.device())).unsqueeze(0);
        allowed = (j <= i).logical_and(j > i - *m_window);
    }
#if TORCH_VERSION_MAJOR >= 2
    // Fused kernels (flash / memory-efficient on CUDA). They want as many key/value heads as query heads.
    const torch::Tensor kk = group > 1 ? k.repeat_interleave(group, 1) : k;
    const torch::Tensor vv = group > 1 ? v.repeat_interleave(group, 1) : v;
    if (windowed)
        return at::scaled_dot_product_attention(q, kk, vv, allowed, dropout, false);
    return at::scaled_dot_product_attention(q, kk, vv, {}, dropout, true);
#else
    // The plain path (libtorch 1.x): the `group` query heads of a key/value head share one matmul against it, so
    // keys and values are never repeated in memory.
    const torch::Tensor qg = (q * (1.0 / std::sqrt(double(m_headDim)))).reshape({batch, m_kvHeads, group * length, m_headDim});
    torch::Tensor scores = torch::matmul(qg, k.transpose(-2, -1)).view({batch, m_kvHeads, group, length, length});
    if (!windowed)
        allowed = torch::ones({length, length}, torch::TensorOptions().dtype(torch::kBool).device(q.device())).tril();
    scores = scores.masked_fill(allowed.logical_not(), std::numeric_limits<float>::lowest());
    torch::Tensor probs = torch::softmax(scores, -1, torch::kFloat32).to(q.scalar_type());
    if (dropout > 0)
        probs = F::dropout(probs, F::DropoutFuncOptions().p(dropout).training(true));
    return torch::matmul(probs.view({batch, m_kvHeads, group * length, length}), v).view({batch, m_heads, length, m_headDim});
#endif
}

torch::Tensor DecoderAttentionImpl::forward(const torch::Tensor& x, const RopeTables& rope)
{
    const std::int64_t batch = x.size(0), length = x.size(1);
    torch::Tensor q = q_proj->forward(x).view({batch, length, m_heads, m_headDim});
    torch::Tensor k = k_proj->forward(x).view({batch, length, m_kvHeads, m_headDim});
    const torch::Tensor v = v_proj->forward(x).view({batch, length, m_kvHeads, m_headDim}).transpose(1, 2);
    if (q_norm) {
        q = q_norm->forward(q);
        k = k_norm->forward(k);
    }
    q = applyRope(q.transpose(1, 2), rope);
    k = applyRope(k.transpose(1, 2), rope);
    const torch::Tensor context = attend(q, k, v).transpose(1, 2).reshape({batch, length, m_heads * m_headDim});
    return o_proj->forward(context);
}

DecoderMlpImpl::DecoderMlpImpl(const DecoderConfig& c)
{
    const auto o = torch::nn::LinearOptions(c.hiddenSize, c.intermediateSize).bias(c.mlpBias);
    gate_proj = register_module("gate_proj", torch::nn::Linear(o));
    up_proj = register_module("up_proj", torch::nn::Linear(o));
    down_proj = register_module("down_proj",
                                torch::nn::Linear(torch::nn::LinearOptions(c.intermediateSize, c.hiddenSize).bias(c.mlpBias)));
}

torch::Tensor DecoderMlpImpl::forward(const torch::Tensor& x)
{
    return down_proj->forward(torch::silu(gate_proj->forward(x)) * up_proj->forward(x));
}

DecoderLayerImpl::DecoderLayerImpl(const DecoderConfig& c, std::int64_t layer)
{
    self_attn = register_module("self_attn", DecoderAttention(c, layer));
    mlp = register_module("mlp", DecoderMlp(c));
    input_layernorm = register_module("input_layernorm", RmsNorm(c.hiddenSize, c.rmsNormEps));
    post_attention_layernorm = register_module("post_attention_layernorm", RmsNorm(c.hiddenSize, c.rmsNormEps));
}

torch::Tensor DecoderLayerImpl::forward(const torch::Tensor& x, const RopeTables& rope)
{
    const torch::Tensor h = x + self_attn->forward(input_layernorm->forward(x), rope);
    return h + mlp->forward(post_attention_layernorm->forward(h));
}

DecoderModelImpl::DecoderModelImpl(const DecoderConfig& config, const DecoderOptions& options, bool withLmHead)
    : m_config(config), m_options(options)
{
    embed_tokens = register_module("embed_tokens", torch::nn::Embedding(config.vocabSize, config.hiddenSize));
    layers = register_module("layers", torch::nn::ModuleList());
    for (std::int64_t i = 0; i < config.numLayers; ++i)
        layers->push_back(DecoderLayer(config, i));
    norm = register_module("norm", RmsNorm(config.hiddenSize, config.rmsNormEps));
    if (withLmHead)
        lm_head = register_module("lm_head", torch::nn::Linear(torch::nn::LinearOptions(config.hiddenSize, config.vocabSize).bias(false)));
    to(options.dtype);
}

torch::Tensor DecoderModelImpl::forward(const torch::Tensor& ids)
{
    torch::Tensor x = torch::embedding(embed_tokens->weight, ids);
    const RopeTables rope = ropeTables(m_config, ids.size(1), x.device(), x.scalar_type());
    const bool checkpoint = m_options.gradientCheckpointing && is_training() && torch::GradMode::is_enabled();
    for (const auto& layer : *layers) {
        auto& l = *layer->as<DecoderLayerImpl>();
        x = checkpoint ? checkpointedLayer(l, x, rope, m_config.attentionDropout > 0) : l.forward(x, rope);
    }
    return norm->forward(x);
}

void DecoderModelImpl::appendEmbeddingRows(const torch::Tensor& init)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor grown = torch::cat({embed_tokens->weight.detach(), init.to(embed_tokens->weight.options())});
    const bool trainable = embed_tokens->weight.requires_grad();
    embed_tokens->weight.set_data(grown);
    embed_tokens->weight.requires_grad_(trainable);
    embed_tokens->options.num_embeddings(grown.size(0));
    if (lm_head) {
        const torch::Tensor head = torch::cat({lm_head->weight.detach(), init.to(lm_head->weight.options())});
        lm_head->weight.set_data(head);
    }
    m_config.vocabSize = grown.size(0);
}

} // namespace rankpo
