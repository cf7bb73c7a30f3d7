#pragma once

// What a project workflow needs of a model: unit-length embeddings of job and candidate texts. No torch here:
// EncoderTextEmbedder wraps a loaded TextEncoder; tests substitute vectors they choose.
#include "core/model/embedding_cache.h"
#include "core/model/embedding_matrix.h"
#include "core/model/model_resolver.h"
#include "core/model/text_encoder.h"

#include <atomic>
#include <cstddef>
#include <memory>
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
// model's maximum is cut to it) and a cancel flag checked after every batch. Texts go to the encoder in chunks, so
// that what was encoded before a cancel stays in the cache.
class EncoderTextEmbedder : public TextEmbedder {
public:
    static constexpr std::size_t kChunk = 1024;

    // With a loaded encoder (the caller's).
    EncoderTextEmbedder(TextEncoder& encoder, EmbeddingCache* cache, std::size_t maxLengthJob = 0,
                        std::size_t maxLengthCandidate = 0, const std::atomic<bool>* cancel = nullptr);
    // With a model folder that is loaded only when a text is missing from the cache: with a warm cache, a
    // workflow never pays for loading the weights. Reads the folder's description and identity now.
    EncoderTextEmbedder(const ModelEntry& model, const TextEncoderOptions& options, EmbeddingCache* cache,
                        std::size_t maxLengthJob = 0, std::size_t maxLengthCandidate = 0,
                        const std::atomic<bool>* cancel = nullptr);
    ~EncoderTextEmbedder() override;

    EmbeddingMatrix embed(const std::vector<std::string>& texts, TextKind kind, const EncodeProgress& progress) override;
    std::string identity() const override { return m_identity; }
    EmbedCounts counts() const override { return m_counts; }
    std::size_t maxLength(TextKind kind) const override;

    bool loaded() const { return m_encoder != nullptr; }

private:
    TextEncoder& encoder(); // loads the model the first time
    // Fills `out` rows [start, start + keys.size()) from the cache when it holds all of them.
    bool fillFromCache(const std::vector<std::string>& texts, std::size_t start, std::size_t end, std::size_t length,
                       EmbeddingMatrix& out);

    TextEncoder* m_encoder = nullptr;
    std::unique_ptr<TextEncoder> m_owned;
    ModelEntry m_model;
    TextEncoderOptions m_openOptions;
    std::string m_identity;
    std::size_t m_modelMaxLength = 0;
    std::size_t m_dim = 0;
    EmbeddingCache* m_cache;
    std::size_t m_maxLengthJob;
    std::size_t m_maxLengthCandidate;
    const std::atomic<bool>* m_cancel;
    EmbedCounts m_counts;
};

// Throws rankpo::Error(Cancelled) when the flag is set.
void throwIfCancelled(const std::atomic<bool>* cancel);

} // namespace rankpo::workflows
