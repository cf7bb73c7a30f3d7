#pragma once

// Batched sentence embedding for the CLI, the UI and ranking. No torch in this header: the engine lives behind
// a pimpl (EncoderModel, encoder_model.h, for code that needs tensors).
#include "core/model/embedding_cache.h"
#include "core/model/embedding_matrix.h"
#include "core/model/pooling_mode.h"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace rankpo {

class EncoderModel;

struct TextEncoderOptions {
    std::string device = "auto";  // auto | cpu | cuda
    int threads = 0;              // intra-op threads; 0: every core
    std::size_t batchSize = 32;
    std::size_t maxLength = 0;    // tokens per text, [CLS]/[SEP] included; 0: the model's maximum
    std::string dtype = "auto";   // parameter dtype (EncoderLoadOptions::dtype): auto | float32 | bfloat16 | float16
    bool gradientCheckpointing = false; // decoders: recompute each layer in backward
};

// Called after each batch with (texts done, texts to encode); may throw rankpo::Error(Cancelled) to stop.
using EncodeProgress = std::function<void(std::size_t done, std::size_t total)>;

class TextEncoder {
public:
    // Loads a model folder (ModelCatalog::resolve turns a name into one). Sets libtorch's thread count.
    static std::unique_ptr<TextEncoder> open(const std::filesystem::path& folder, const TextEncoderOptions& options = {});
    ~TextEncoder();

    // One unit-length row per text, in the order given. Texts are tokenised, sorted by length and encoded in
    // batches padded only to their longest member, in inference mode; memory grows with the batch, not with
    // the number of texts. With a cache, stored vectors are reused and new ones stored. Not reentrant: one
    // encode at a time per TextEncoder (libtorch parallelises inside each batch).
    EmbeddingMatrix encode(const std::vector<std::string>& texts, EmbeddingCache* cache = nullptr,
                           const EncodeProgress& progress = {});
    // The same with another maximum length for this call (0: the effective maximum), so that one loaded model
    // serves texts of different kinds (short job descriptions, long profiles). The cache key follows the length
    // (cacheIdentity(maxLength)). Throws a usage error for a length the model cannot take.
    EmbeddingMatrix encode(const std::vector<std::string>& texts, std::size_t maxLength, EmbeddingCache* cache,
                           const EncodeProgress& progress = {});

    std::size_t dim() const;
    std::size_t maxLength() const; // the effective maximum (options or model)
    PoolingMode pooling() const;
    std::string deviceName() const; // "cpu", "cuda:0"
    // The model's identity (ModelFolder::identity) with the effective maximum length: the cache key.
    const std::string& cacheIdentity() const { return m_cacheIdentity; }
    // The cache key of vectors encoded with `maxLength` tokens at most (0: the effective maximum).
    std::string cacheIdentity(std::size_t maxLength) const;
    // ModelFolder::identity of the loaded model, without the length.
    const std::string& modelIdentity() const { return m_modelIdentity; }

    void save(const std::filesystem::path& folder) const;
    EncoderModel& model() { return *m_model; }

private:
    TextEncoder(std::unique_ptr<EncoderModel> model, TextEncoderOptions options, std::string modelIdentity);
    std::size_t checkedMaxLength(std::size_t maxLength) const;

    std::unique_ptr<EncoderModel> m_model;
    TextEncoderOptions m_options;
    std::string m_modelIdentity;
    std::string m_cacheIdentity;
};

} // namespace rankpo
