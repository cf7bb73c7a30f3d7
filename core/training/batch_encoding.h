#pragma once

#include "core/model/encoder_model.h"

#include <torch/torch.h>

#include <string>
#include <unordered_map>
#include <vector>

namespace rankpo {

// Token ids per distinct text, computed once: the same jobs and candidates come back every epoch.
class TokenCache {
public:
    TokenCache(const EncoderModel& model, std::size_t maxLength) : m_model(model), m_maxLength(maxLength) {}
    const std::vector<TokenId>& ids(const std::string& text);
    TokenBatch batch(const std::vector<const std::string*>& texts);

private:
    const EncoderModel& m_model;
    std::size_t m_maxLength;
    std::unordered_map<std::string, std::vector<TokenId>> m_ids;
};

// How a micro-batch's texts reach the encoder. EachDistinctOnce encodes a text that several pairs
// share (a job with many candidates: the costliest text of a pair) once and indexes its embedding for
// every pair; with dropout off the loss and gradients equal those of EveryText (one row per pair, the
// PyTorch loop's way), which tests and the benchmark use as the baseline.
enum class TextEncoding { EachDistinctOnce, EveryText };

// Embeds the texts and returns one row per text, in the order given.
torch::Tensor embedTexts(EncoderModel& model, TokenCache& tokens, const std::vector<const std::string*>& texts,
                         TextEncoding encoding = TextEncoding::EachDistinctOnce);

} // namespace rankpo
