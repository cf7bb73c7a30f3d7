#include "workflows/text_embedder.h"

#include "core/model/model_folder.h"
#include "core/util/error.h"

#include <algorithm>
#include <cstring>

namespace rankpo::workflows {
namespace {

// Counts what the encoder found in the cache (a hit is a vector returned for a text).
class CountingCache : public EmbeddingCache {
public:
    explicit CountingCache(EmbeddingCache& inner) : m_inner(inner) {}

    std::vector<std::vector<float>> lookup(const std::string& modelIdentity,
                                           const std::vector<ContentHash>& texts) override
    {
        auto out = m_inner.lookup(modelIdentity, texts);
        for (const auto& v : out)
            hits += v.empty() ? 0 : 1;
        return out;
    }
    void store(const std::string& modelIdentity, const std::vector<ContentHash>& texts,
               const std::vector<std::vector<float>>& vectors) override
    {
        m_inner.store(modelIdentity, texts, vectors);
    }

    std::size_t hits = 0;

private:
    EmbeddingCache& m_inner;
};

} // namespace

void throwIfCancelled(const std::atomic<bool>* cancel)
{
    if (cancel && cancel->load(std::memory_order_relaxed))
        throw Error(ErrorKind::Cancelled, "cancelled");
}

EncoderTextEmbedder::EncoderTextEmbedder(TextEncoder& encoder, EmbeddingCache* cache, std::size_t maxLengthJob,
                                         std::size_t maxLengthCandidate, const std::atomic<bool>* cancel)
    : m_encoder(&encoder), m_identity(encoder.modelIdentity()), m_modelMaxLength(encoder.maxLength()),
      m_dim(encoder.dim()), m_cache(cache), m_maxLengthJob(maxLengthJob), m_maxLengthCandidate(maxLengthCandidate),
      m_cancel(cancel)
{
    // Checked now, so that a bad length fails before any work.
    encoder.cacheIdentity(maxLength(TextKind::Job));
    encoder.cacheIdentity(maxLength(TextKind::Candidate));
}

EncoderTextEmbedder::EncoderTextEmbedder(const ModelEntry& model, const TextEncoderOptions& options,
                                         EmbeddingCache* cache, std::size_t maxLengthJob,
                                         std::size_t maxLengthCandidate, const std::atomic<bool>* cancel)
    : m_model(model), m_openOptions(options), m_cache(cache), m_maxLengthJob(maxLengthJob),
      m_maxLengthCandidate(maxLengthCandidate), m_cancel(cancel)
{
    m_openOptions.maxLength = 0; // lengths are chosen per call
    const ModelFolder folder = ModelFolder::open(model.folder);
    m_identity = folder.identity();
    m_modelMaxLength = folder.maxSeqLength;
    m_dim = std::size_t(folder.config.hiddenSize);
    for (TextKind kind : {TextKind::Job, TextKind::Candidate})
        if (maxLength(kind) == 1)
            throw usageError("maximum length 1 leaves no room for [CLS] and [SEP]");
}

EncoderTextEmbedder::~EncoderTextEmbedder() = default;

std::size_t EncoderTextEmbedder::maxLength(TextKind kind) const
{
    // Cut to the model's maximum, so that one length serves models of different maxima (compare).
    const std::size_t given = kind == TextKind::Job ? m_maxLengthJob : m_maxLengthCandidate;
    return given ? std::min(given, m_modelMaxLength) : m_modelMaxLength;
}

TextEncoder& EncoderTextEmbedder::encoder()
{
    if (!m_encoder) {
        m_owned = TextEncoder::open(m_model.folder, m_openOptions);
        m_encoder = m_owned.get();
        // The vectors read before loading were keyed by the identity read then; the files must not have changed.
        if (m_owned->modelIdentity() != m_identity || m_owned->dim() != m_dim)
            throw dataError(m_model.folder.string() + ": the model's files changed while it was in use");
    }
    return *m_encoder;
}

bool EncoderTextEmbedder::fillFromCache(const std::vector<std::string>& texts, std::size_t start, std::size_t end,
                                        std::size_t length, EmbeddingMatrix& out)
{
    std::vector<ContentHash> keys;
    keys.reserve(end - start);
    for (std::size_t i = start; i < end; ++i)
        keys.push_back(ContentHash::of(texts[i]));
    // TextEncoder::cacheIdentity(length) of the model, which is not loaded yet.
    const auto found = m_cache->lookup(m_identity + "/max" + std::to_string(length), keys);
    for (const auto& v : found)
        if (v.size() != m_dim)
            return false;
    for (std::size_t i = start; i < end; ++i)
        std::memcpy(out.row(i), found[i - start].data(), m_dim * sizeof(float));
    m_counts.cached += end - start;
    return true;
}

EmbeddingMatrix EncoderTextEmbedder::embed(const std::vector<std::string>& texts, TextKind kind,
                                           const EncodeProgress& progress)
{
    EmbeddingMatrix out;
    out.rows = texts.size();
    out.dim = m_dim;
    out.values.assign(out.rows * out.dim, 0.0f);
    const std::size_t length = maxLength(kind);
    for (std::size_t start = 0; start < texts.size(); start += kChunk) {
        throwIfCancelled(m_cancel);
        const std::size_t end = std::min(texts.size(), start + kChunk);
        if (!m_encoder && m_cache && fillFromCache(texts, start, end, length, out)) {
            if (progress)
                progress(end, texts.size());
            continue;
        }
        const std::vector<std::string> chunk(texts.begin() + static_cast<std::ptrdiff_t>(start),
                                             texts.begin() + static_cast<std::ptrdiff_t>(end));
        // The encoder reports (encoded, to encode) of this chunk; cached texts of the chunk count as done.
        const EncodeProgress inner = [&](std::size_t done, std::size_t total) {
            if (progress)
                progress(end - total + done, texts.size());
            throwIfCancelled(m_cancel);
        };
        TextEncoder& model = encoder();
        EmbeddingMatrix part;
        if (m_cache) {
            CountingCache counting(*m_cache);
            part = model.encode(chunk, length, &counting, inner);
            m_counts.cached += counting.hits;
            m_counts.encoded += chunk.size() - counting.hits;
        } else {
            part = model.encode(chunk, length, nullptr, inner);
            m_counts.encoded += chunk.size();
        }
        std::memcpy(out.row(start), part.values.data(), part.values.size() * sizeof(float));
        if (progress)
            progress(end, texts.size());
    }
    return out;
}

} // namespace rankpo::workflows
