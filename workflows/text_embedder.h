#pragma once

// What a project workflow needs of a model: unit-length embeddings of job and candidate texts. No torch here:
// EncoderTextEmbedder wraps a loaded TextEncoder; tests substitute vectors they choose.
#include "core/model/embedding_cache.h"
#include "core/model/embedding_matrix.h"
#include "core/model/text_encoder.h"

#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

namespace rankpo::workflows {

enum class TextKind { Job, Candidate };

struct EmbedCounts {
    std::size_t cached = 0;  // vectors taken from the cache
    std::size_t encoded = 0; // texts run through the model
};

class TextEmbedder {
public:
    virtual ~TextEmbedder() = default;
    // One unit-length row per text, in order. `progress` gets (texts done, texts given); an implementation may
    // throw rankpo::Error(Cancelled) between batches.
    virtual EmbeddingMatrix embed(const std::vector<std::string>& texts, TextKind kind,
                                  const EncodeProgress& progress) = 0;
    // The model's content identity (ModelFolder::identity): stored with evaluations.
    virtual std::string identity() const = 0;
    virtual EmbedCounts counts() const = 0;
    // Tokens a text of this kind is cut to; 0 when the embedder does not cut.
    virtual std::size_t maxLength(TextKind kind) const = 0;
};

// A TextEncoder with a cache (optional), a maximum length per kind of text (0: the encoder's; a length above the
// model's maximum is cut to it) and a cancel flag
// checked after every batch. Texts go to the encoder in chunks, so that what was encoded before a cancel stays
// in the cache.
class EncoderTextEmbedder : public TextEmbedder {
public:
    static constexpr std::size_t kChunk = 1024;

    EncoderTextEmbedder(TextEncoder& encoder, EmbeddingCache* cache, std::size_t maxLengthJob = 0,
                        std::size_t maxLengthCandidate = 0, const std::atomic<bool>* cancel = nullptr);

    EmbeddingMatrix embed(const std::vector<std::string>& texts, TextKind kind, const EncodeProgress& progress) override;
    std::string identity() const override { return m_encoder.modelIdentity(); }
    EmbedCounts counts() const override { return m_counts; }

    std::size_t maxLength(TextKind kind) const override;

private:
    TextEncoder& m_encoder;
    EmbeddingCache* m_cache;
    std::size_t m_maxLengthJob;
    std::size_t m_maxLengthCandidate;
    const std::atomic<bool>* m_cancel;
    EmbedCounts m_counts;
};

// Throws rankpo::Error(Cancelled) when the flag is set.
void throwIfCancelled(const std::atomic<bool>* cancel);

} // namespace rankpo::workflows
