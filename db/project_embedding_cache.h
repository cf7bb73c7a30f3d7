#pragma once

#include "core/model/embedding_cache.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rankpo::db {

class Connection;
class ProjectStore;

// The project's `embeddings` table as an EmbeddingCache: vectors keyed by (model identity, text content hash),
// stored as float32 little-endian blobs with their dimension. Each batched call is one transaction (lookup: a
// read transaction, store: a write), unless the caller already holds one. A model whose files change gets
// another identity, so its old vectors are never returned; remove() drops them for good.
//
// A stored row whose blob does not hold `dim` finite floats (a damaged file, a foreign writer) is a data error
// naming the model and the text hash, never a crash or a silently wrong vector.
class ProjectEmbeddingCache : public EmbeddingCache {
public:
    explicit ProjectEmbeddingCache(ProjectStore& store);

    std::vector<std::vector<float>> lookup(const std::string& modelIdentity,
                                           const std::vector<ContentHash>& texts) override;
    void store(const std::string& modelIdentity, const std::vector<ContentHash>& texts,
               const std::vector<std::vector<float>>& vectors) override;

    // Vectors stored for a model identity (all identities when empty).
    std::int64_t count(const std::string& modelIdentity = {});
    // Deletes the vectors of a model identity; returns how many there were.
    std::int64_t remove(const std::string& modelIdentity);

    // What this object has been asked since it was made: texts looked up, and those found.
    std::size_t lookups() const { return m_lookups; }
    std::size_t hits() const { return m_hits; }

private:
    ProjectStore& m_store;
    Connection& m_db;
    std::optional<bool> m_mayStore; // the caches are an admin's to write (db/team_rights.h); asked once
    std::size_t m_lookups = 0;
    std::size_t m_hits = 0;
};

// The blob form of a vector: float32, little-endian, whatever the host's byte order.
std::string encodeEmbeddingBlob(const std::vector<float>& vector);
// Reads a blob back; throws a data error (naming `what`) unless it holds exactly `dim` finite floats.
std::vector<float> decodeEmbeddingBlob(const std::string& blob, std::int64_t dim, const std::string& what);

} // namespace rankpo::db
