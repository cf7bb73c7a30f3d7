#include "db/project_embedding_cache.h"

#include "core/util/error.h"
#include "db/store_access.h"
#include "db/team_rights.h"

#include <cmath>
#include <cstring>
#include <optional>

namespace rankpo::db {
namespace {

// Far above any sentence encoder (BERT-large: 1024); a larger `dim` can only come from a damaged row.
constexpr std::int64_t kMaxDim = 1 << 16;

// Begins a transaction unless the caller already has one open (then its own transaction covers the call).
void beginUnlessOpen(std::optional<Transaction>& tx, Connection& db, bool write)
{
    if (!db.inTransaction())
        tx.emplace(db, write);
}

} // namespace

std::string encodeEmbeddingBlob(const std::vector<float>& vector)
{
    std::string blob(vector.size() * 4, '\0');
    for (std::size_t i = 0; i < vector.size(); ++i) {
        std::uint32_t bits;
        std::memcpy(&bits, &vector[i], 4);
        for (int b = 0; b < 4; ++b)
            blob[i * 4 + b] = static_cast<char>((bits >> (8 * b)) & 0xFF);
    }
    return blob;
}

std::vector<float> decodeEmbeddingBlob(const std::string& blob, std::int64_t dim, const std::string& what)
{
    if (dim <= 0 || dim > kMaxDim)
        throw dataError(what + ": corrupt cached embedding (dimension " + std::to_string(dim) + ")");
    if (blob.size() != static_cast<std::size_t>(dim) * 4)
        throw dataError(what + ": corrupt cached embedding (" + std::to_string(blob.size()) + " bytes for dimension "
                        + std::to_string(dim) + ", expected " + std::to_string(dim * 4) + ")");
    std::vector<float> out(static_cast<std::size_t>(dim));
    const auto* p = reinterpret_cast<const unsigned char*>(blob.data());
    for (std::size_t i = 0; i < out.size(); ++i) {
        const std::uint32_t bits = std::uint32_t(p[i * 4]) | std::uint32_t(p[i * 4 + 1]) << 8
                                 | std::uint32_t(p[i * 4 + 2]) << 16 | std::uint32_t(p[i * 4 + 3]) << 24;
        std::memcpy(&out[i], &bits, 4);
        if (!std::isfinite(out[i]))
            throw dataError(what + ": corrupt cached embedding (component " + std::to_string(i) + " is not finite)");
    }
    return out;
}

ProjectEmbeddingCache::ProjectEmbeddingCache(ProjectStore& store) : m_store(store), m_db(connectionOf(store)) {}

std::vector<std::vector<float>> ProjectEmbeddingCache::lookup(const std::string& modelIdentity,
                                                             const std::vector<ContentHash>& texts)
{
    std::vector<std::vector<float>> out(texts.size());
    if (texts.empty())
        return out;
    std::optional<Transaction> tx;
    beginUnlessOpen(tx, m_db, false);
    auto st = m_db.prepare("SELECT dim, vector FROM embeddings WHERE model_identity = ? AND content_hash = ?");
    for (std::size_t i = 0; i < texts.size(); ++i) {
        ++m_lookups;
        st.bindStatic(1, modelIdentity).bindBlob(2, texts[i].bytes.data(), texts[i].bytes.size());
        if (st.step()) {
            out[i] = decodeEmbeddingBlob(st.blob(1), st.int64(0),
                                         "embedding cache, model " + modelIdentity + ", text " + texts[i].hex());
            ++m_hits;
        }
        st.reset();
    }
    if (tx)
        tx->commit();
    return out;
}

void ProjectEmbeddingCache::store(const std::string& modelIdentity, const std::vector<ContentHash>& texts,
                                 const std::vector<std::vector<float>>& vectors)
{
    if (texts.size() != vectors.size())
        throw usageError("embedding cache: " + std::to_string(texts.size()) + " texts but " +
                         std::to_string(vectors.size()) + " vectors");
    if (texts.empty())
        return;
    // An annotator's app computes vectors and uses them without keeping them: the project's caches are written
    // by its admins only, and the server would refuse the rows.
    if (!m_mayStore)
        m_mayStore = mayWriteCaches(m_store);
    if (!*m_mayStore)
        return;
    std::optional<Transaction> tx;
    beginUnlessOpen(tx, m_db, true);
    auto st = m_db.prepare("INSERT INTO embeddings(model_identity, content_hash, dim, vector) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT(model_identity, content_hash) DO UPDATE SET dim = excluded.dim, "
                           "vector = excluded.vector");
    for (std::size_t i = 0; i < texts.size(); ++i) {
        const auto& v = vectors[i];
        if (v.empty() || static_cast<std::int64_t>(v.size()) > kMaxDim)
            throw usageError("embedding cache: cannot store a vector of " + std::to_string(v.size()) + " values");
        const std::string blob = encodeEmbeddingBlob(v);
        st.bindStatic(1, modelIdentity)
            .bindBlob(2, texts[i].bytes.data(), texts[i].bytes.size())
            .bind(3, static_cast<std::int64_t>(v.size()))
            .bindBlob(4, blob.data(), blob.size());
        st.run();
    }
    if (tx)
        tx->commit();
}

std::int64_t ProjectEmbeddingCache::count(const std::string& modelIdentity)
{
    auto st = m_db.prepare(modelIdentity.empty() ? "SELECT count(*) FROM embeddings"
                                                 : "SELECT count(*) FROM embeddings WHERE model_identity = ?");
    if (!modelIdentity.empty())
        st.bind(1, modelIdentity);
    st.step();
    return st.int64(0);
}

std::int64_t ProjectEmbeddingCache::remove(const std::string& modelIdentity)
{
    std::optional<Transaction> tx;
    beginUnlessOpen(tx, m_db, true);
    auto st = m_db.prepare("DELETE FROM embeddings WHERE model_identity = ?");
    st.bind(1, modelIdentity).run();
    const std::int64_t removed = m_db.changes();
    if (tx)
        tx->commit();
    return removed;
}

} // namespace rankpo::db
