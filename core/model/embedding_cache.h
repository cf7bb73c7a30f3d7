#pragma once

#include "core/util/content_hash.h"

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace rankpo {

// Stored sentence embeddings, keyed by the model's identity (ModelFolder::identity plus the encoder's maximum
// length, see TextEncoder::cacheIdentity) and the text's content hash. A changed model has another identity, so
// its old entries are never returned. Batched so that a database-backed cache can use one transaction per call.
class EmbeddingCache {
public:
    virtual ~EmbeddingCache() = default;
    // For each text: its vector, or an empty vector when none is stored for this model.
    virtual std::vector<std::vector<float>> lookup(const std::string& modelIdentity,
                                                   const std::vector<ContentHash>& texts) = 0;
    // Stores vectors[i] for texts[i], replacing what was there.
    virtual void store(const std::string& modelIdentity, const std::vector<ContentHash>& texts,
                       const std::vector<std::vector<float>>& vectors) = 0;
};

// An EmbeddingCache in memory, for tests and one-shot runs; counts lookups and hits.
class InMemoryEmbeddingCache : public EmbeddingCache {
public:
    std::vector<std::vector<float>> lookup(const std::string& modelIdentity,
                                           const std::vector<ContentHash>& texts) override;
    void store(const std::string& modelIdentity, const std::vector<ContentHash>& texts,
               const std::vector<std::vector<float>>& vectors) override;

    std::size_t size() const { return m_entries.size(); }
    std::size_t lookups() const { return m_lookups; }
    std::size_t hits() const { return m_hits; }

private:
    std::map<std::pair<std::string, ContentHash>, std::vector<float>> m_entries;
    std::size_t m_lookups = 0;
    std::size_t m_hits = 0;
};

} // namespace rankpo
