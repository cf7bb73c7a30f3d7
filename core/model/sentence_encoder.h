#pragma once

// The trainable sentence encoder (engine-internal: includes torch): a BERT encoder or a decoder LLM, pooling,
// L2 normalisation.
#include "core/model/bert_modules.h"
#include "core/model/decoder_modules.h"
#include "core/model/pooling_mode.h"

#include <torch/torch.h>

namespace rankpo {

class SentenceEncoderImpl : public torch::nn::Module {
public:
    SentenceEncoderImpl(const BertConfig& config, PoolingMode pooling, bool withPooler);
    SentenceEncoderImpl(DecoderModel decoder, PoolingMode pooling);

    // ids and attentionMask: [B, L] int64, right-padded (mask 1 for real tokens). Returns unit-length sentence
    // embeddings [B, H] that carry autograd when the parameters require gradients (training).
    torch::Tensor forward(const torch::Tensor& ids, const torch::Tensor& attentionMask);
    // Token states [B, L, H] (the backbone's dtype).
    torch::Tensor tokenStates(const torch::Tensor& ids, const torch::Tensor& attentionMask);
    // The pooled vectors before normalisation.
    torch::Tensor pool(const torch::Tensor& tokenStates, const torch::Tensor& attentionMask) const;

    PoolingMode pooling() const { return m_pooling; }
    const BertConfig& config() const { return bert->config(); } // BERT only

    BertEncoder bert{nullptr};       // one of the two is set
    DecoderModel decoder{nullptr};

private:
    PoolingMode m_pooling;
};
TORCH_MODULE(SentenceEncoder);

} // namespace rankpo
