#include "core/training/batch_encoding.h"

#include <string_view>

namespace rankpo {

const std::vector<TokenId>& TokenCache::ids(const std::string& text)
{
    auto it = m_ids.find(text);
    if (it == m_ids.end())
        it = m_ids.emplace(text, m_model.tokenize(text, m_maxLength)).first;
    return it->second;
}

TokenBatch TokenCache::batch(const std::vector<const std::string*>& texts)
{
    std::vector<std::vector<TokenId>> sequences;
    sequences.reserve(texts.size());
    for (const auto* t : texts)
        sequences.push_back(ids(*t));
    return m_model.makeBatch(sequences);
}

torch::Tensor embedTexts(EncoderModel& model, TokenCache& tokens, const std::vector<const std::string*>& texts,
                         TextEncoding encoding)
{
    if (encoding == TextEncoding::EveryText)
        return model.embed(tokens.batch(texts));
    std::vector<const std::string*> unique;
    std::vector<std::int64_t> row(texts.size());
    std::unordered_map<std::string_view, std::int64_t> seen;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        auto [it, inserted] = seen.emplace(*texts[i], static_cast<std::int64_t>(unique.size()));
        if (inserted)
            unique.push_back(texts[i]);
        row[i] = it->second;
    }
    torch::Tensor embeddings = model.embed(tokens.batch(unique));
    if (unique.size() == texts.size())
        return embeddings;
    // index_select's backward sums the rows' gradients into the shared text's embedding.
    return embeddings.index_select(0, torch::tensor(row, torch::kInt64).to(embeddings.device()));
}

} // namespace rankpo
