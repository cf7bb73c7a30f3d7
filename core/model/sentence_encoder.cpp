#include "core/model/sentence_encoder.h"

namespace rankpo {

SentenceEncoderImpl::SentenceEncoderImpl(const BertConfig& config, PoolingMode pooling, bool withPooler)
    : m_pooling(pooling)
{
    bert = register_module("bert", BertEncoder(config, withPooler));
}

SentenceEncoderImpl::SentenceEncoderImpl(DecoderModel model, PoolingMode pooling) : m_pooling(pooling)
{
    decoder = register_module("decoder", std::move(model));
}

torch::Tensor SentenceEncoderImpl::tokenStates(const torch::Tensor& ids, const torch::Tensor& attentionMask)
{
    return bert ? bert->forward(ids, attentionMask) : decoder->forward(ids);
}

torch::Tensor SentenceEncoderImpl::pool(const torch::Tensor& states, const torch::Tensor& attentionMask) const
{
    switch (m_pooling) {
    case PoolingMode::Cls:
        return states.select(1, 0);
    case PoolingMode::LastToken: {
        // Right padding: the last real token sits at length - 1.
        const torch::Tensor last = attentionMask.sum(1).sub(1).clamp_min(0);
        return states.gather(1, last.view({-1, 1, 1}).expand({-1, 1, states.size(2)})).squeeze(1);
    }
    case PoolingMode::Mean:
        break;
    }
    const torch::Tensor mask = attentionMask.to(states.dtype()).unsqueeze(-1);
    // Same order of operations as sentence-transformers: sum of masked states / clamp(count, 1e-9).
    return (states * mask).sum(1) / mask.sum(1).clamp_min(1e-9);
}

torch::Tensor SentenceEncoderImpl::forward(const torch::Tensor& ids, const torch::Tensor& attentionMask)
{
    torch::Tensor pooled = pool(tokenStates(ids, attentionMask), attentionMask);
    if (decoder)
        pooled = pooled.to(torch::kFloat32); // a bf16 model's vectors are normalised in float32
    return torch::nn::functional::normalize(pooled, torch::nn::functional::NormalizeFuncOptions().p(2).dim(1));
}

} // namespace rankpo
