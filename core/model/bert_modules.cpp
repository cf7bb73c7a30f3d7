#include "core/model/bert_modules.h"

#include <cmath>
#include <limits>

namespace rankpo {

namespace F = torch::nn::functional;

BertEmbeddingsImpl::BertEmbeddingsImpl(const BertConfig& c)
{
    word = register_module("word", torch::nn::Embedding(c.vocabSize, c.hiddenSize));
    position = register_module("position", torch::nn::Embedding(c.maxPositions, c.hiddenSize));
    tokenType = register_module("tokenType", torch::nn::Embedding(c.typeVocabSize, c.hiddenSize));
    norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.hiddenSize}).eps(c.layerNormEps)));
    dropout = register_module("dropout", torch::nn::Dropout(c.hiddenDropout));
}

torch::Tensor BertEmbeddingsImpl::forward(const torch::Tensor& ids)
{
    const std::int64_t length = ids.size(1);
    // Positions 0..L-1 and token type 0 for every token: broadcast slices instead of two more lookups.
    torch::Tensor x = torch::embedding(word->weight, ids);
    x = x + (position->weight.narrow(0, 0, length) + tokenType->weight[0]);
    x = torch::layer_norm(x, {x.size(-1)}, norm->weight, norm->bias, norm->options.eps());
    return dropout(x);
}

BertLayerImpl::BertLayerImpl(const BertConfig& c)
    : m_heads(c.numHeads), m_headDim(c.headDim()), m_attentionDropout(c.attentionDropout),
      m_hiddenDropout(c.hiddenDropout), m_activation(c.hiddenAct)
{
    const auto h = c.hiddenSize;
    qkv = register_module("qkv", torch::nn::Linear(h, 3 * h));
    attentionOutput = register_module("attentionOutput", torch::nn::Linear(h, h));
    attentionNorm = register_module("attentionNorm",
                                    torch::nn::LayerNorm(torch::nn::LayerNormOptions({h}).eps(c.layerNormEps)));
    intermediate = register_module("intermediate", torch::nn::Linear(h, c.intermediateSize));
    output = register_module("output", torch::nn::Linear(c.intermediateSize, h));
    outputNorm = register_module("outputNorm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({h}).eps(c.layerNormEps)));
}

torch::Tensor BertLayerImpl::activate(const torch::Tensor& x) const
{
    if (m_activation == "gelu")
        return torch::gelu(x); // the exact (erf) form, as HF's "gelu"
    if (m_activation == "relu")
        return torch::relu(x);
    return torch::gelu(x, "tanh"); // gelu_new, gelu_pytorch_tanh, gelu_fast
}

torch::Tensor BertLayerImpl::forward(const torch::Tensor& x, const torch::Tensor& maskBias)
{
    const std::int64_t batch = x.size(0), length = x.size(1), hidden = x.size(2);
    const bool train = is_training();

    // One projection for queries, keys and values, then views per head: [3, B, heads, L, headDim].
    // unbind (not three selects): its backward stacks the three gradients once instead of
    // zero-filling a full-size tensor per select and adding them up.
    const auto qkvAll = torch::linear(x, qkv->weight, qkv->bias)
                            .view({batch, length, 3, m_heads, m_headDim})
                            .permute({2, 0, 3, 1, 4})
                            .unbind(0);
    // Scaling the queries (L x d values) is cheaper than scaling the scores (L x L).
    const torch::Tensor q = qkvAll[0] * (1.0 / std::sqrt(double(m_headDim)));
    torch::Tensor scores = torch::matmul(q, qkvAll[1].transpose(-2, -1)); // [B, heads, L, L]
    if (maskBias.defined())
        scores.add_(maskBias);
    torch::Tensor probs = torch::softmax(scores, -1);
    if (train && m_attentionDropout > 0)
        probs = F::dropout(probs, F::DropoutFuncOptions().p(m_attentionDropout).training(true));
    const torch::Tensor context = torch::matmul(probs, qkvAll[2]).transpose(1, 2).reshape({batch, length, hidden});

    torch::Tensor attended = torch::linear(context, attentionOutput->weight, attentionOutput->bias);
    if (train && m_hiddenDropout > 0)
        attended = F::dropout(attended, F::DropoutFuncOptions().p(m_hiddenDropout).training(true));
    // In-place residual adds: neither a linear's nor a dropout's backward needs its output.
    const torch::Tensor h1 = torch::layer_norm(attended.add_(x), {hidden}, attentionNorm->weight, attentionNorm->bias,
                                               attentionNorm->options.eps());

    torch::Tensor ff = torch::linear(activate(torch::linear(h1, intermediate->weight, intermediate->bias)),
                                     output->weight, output->bias);
    if (train && m_hiddenDropout > 0)
        ff = F::dropout(ff, F::DropoutFuncOptions().p(m_hiddenDropout).training(true));
    return torch::layer_norm(ff.add_(h1), {hidden}, outputNorm->weight, outputNorm->bias, outputNorm->options.eps());
}

BertEncoderImpl::BertEncoderImpl(const BertConfig& config, bool withPooler) : m_config(config)
{
    embeddings = register_module("embeddings", BertEmbeddings(config));
    layers = register_module("layers", torch::nn::ModuleList());
    for (std::int64_t i = 0; i < config.numLayers; ++i)
        layers->push_back(BertLayer(config));
    if (withPooler)
        pooler = register_module("pooler", torch::nn::Linear(config.hiddenSize, config.hiddenSize));
}

torch::Tensor BertEncoderImpl::forward(const torch::Tensor& ids, const torch::Tensor& attentionMask)
{
    if (ids.size(1) > m_config.maxPositions)
        throw std::invalid_argument("sequence of " + std::to_string(ids.size(1)) + " tokens exceeds the model's " +
                                    std::to_string(m_config.maxPositions) + " positions");
    torch::Tensor x = embeddings->forward(ids);
    // Padding gets the most negative float (as HF) so that softmax gives it zero weight. A batch without padding
    // (common after length bucketing) needs no mask at all.
    torch::Tensor maskBias;
    if (!attentionMask.all().item<bool>())
        maskBias = ((1.0 - attentionMask.to(x.dtype())) * std::numeric_limits<float>::lowest())
                       .view({ids.size(0), 1, 1, ids.size(1)});
    for (const auto& layer : *layers)
        x = layer->as<BertLayerImpl>()->forward(x, maskBias);
    return x;
}

} // namespace rankpo
