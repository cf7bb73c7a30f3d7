#include "core/model/embedding_cache.h"

#include "core/util/error.h"

namespace rankpo {

std::vector<std::vector<float>> InMemoryEmbeddingCache::lookup(const std::string& modelIdentity,
                                                               const std::vector<ContentHash>& texts)
{
    std::vector<std::vector<float>> out(texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i) {
        ++m_lookups;
        const auto it = m_entries.find({modelIdentity, texts[i]});
        if (it != m_entries.end()) {
            out[i] = it->second;
            ++m_hits;
        }
    }
    return out;
}

void InMemoryEmbeddingCache::store(const std::string& modelIdentity, const std::vector<ContentHash>& texts,
                                   const std::vector<std::vector<float>>& vectors)
{
    if (texts.size() != vectors.size())
        throw usageError("embedding cache: " + std::to_string(texts.size()) + " texts but " +
                         std::to_string(vectors.size()) + " vectors");
    for (std::size_t i = 0; i < texts.size(); ++i)
        m_entries[{modelIdentity, texts[i]}] = vectors[i];
}

} // namespace rankpo
