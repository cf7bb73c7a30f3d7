#include "core/model/text_encoder.h"

#include "core/model/encoder_model.h"
#include "core/util/error.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <thread>
#include <unordered_map>

namespace rankpo {

std::unique_ptr<TextEncoder> TextEncoder::open(const std::filesystem::path& folder, const TextEncoderOptions& options)
{
    if (options.batchSize == 0)
        throw usageError("batch size must be at least 1");
    if (options.threads < 0)
        throw usageError("thread count must not be negative");
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    at::set_num_threads(options.threads > 0 ? options.threads : int(cores));

    const ModelFolder modelFolder = ModelFolder::open(folder);
    if (options.maxLength > modelFolder.maxSeqLength)
        throw usageError("maximum length " + std::to_string(options.maxLength) + " exceeds the model's " +
                         std::to_string(modelFolder.maxSeqLength));
    if (options.maxLength == 1)
        throw usageError("maximum length 1 leaves no room for [CLS] and [SEP]");
    EncoderLoadOptions load;
    load.dtype = options.dtype;
    load.gradientCheckpointing = options.gradientCheckpointing;
    auto model = EncoderModel::load(modelFolder, chooseDevice(options.device), load);
    return std::unique_ptr<TextEncoder>(new TextEncoder(std::move(model), options, modelFolder.identity()));
}

TextEncoder::TextEncoder(std::unique_ptr<EncoderModel> model, TextEncoderOptions options, std::string modelIdentity)
    : m_model(std::move(model)), m_options(std::move(options)), m_modelIdentity(std::move(modelIdentity))
{
    m_cacheIdentity = cacheIdentity(0);
}

std::size_t TextEncoder::checkedMaxLength(std::size_t maxLength) const
{
    if (maxLength == 0)
        return this->maxLength();
    if (maxLength > m_model->maxLength())
        throw usageError("maximum length " + std::to_string(maxLength) + " exceeds the model's " +
                         std::to_string(m_model->maxLength()));
    if (maxLength == 1)
        throw usageError("maximum length 1 leaves no room for [CLS] and [SEP]");
    return maxLength;
}

std::string TextEncoder::cacheIdentity(std::size_t maxLength) const
{
    return m_modelIdentity + "/max" + std::to_string(checkedMaxLength(maxLength));
}

TextEncoder::~TextEncoder() = default;

std::size_t TextEncoder::dim() const { return m_model->dim(); }
std::size_t TextEncoder::maxLength() const { return m_options.maxLength ? m_options.maxLength : m_model->maxLength(); }
PoolingMode TextEncoder::pooling() const { return m_model->folder().pooling; }
std::string TextEncoder::deviceName() const { return m_model->device().str(); }
void TextEncoder::save(const std::filesystem::path& folder) const { m_model->save(folder); }

EmbeddingMatrix TextEncoder::encode(const std::vector<std::string>& texts, EmbeddingCache* cache,
                                    const EncodeProgress& progress)
{
    return encode(texts, 0, cache, progress);
}

EmbeddingMatrix TextEncoder::encode(const std::vector<std::string>& texts, std::size_t maxLength, EmbeddingCache* cache,
                                    const EncodeProgress& progress)
{
    const std::size_t length = checkedMaxLength(maxLength);
    const std::string identity = cacheIdentity(length);
    EmbeddingMatrix out;
    out.rows = texts.size();
    out.dim = dim();
    out.values.assign(out.rows * out.dim, 0.0f);

    // Which rows need the model: those the cache lacks, each distinct text once.
    std::vector<ContentHash> hashes;
    std::vector<std::size_t> todo; // first row of each distinct text to encode
    std::unordered_map<ContentHash, std::size_t, ContentHashHasher> firstRow;
    std::vector<std::size_t> sameAs(texts.size()); // row whose vector this row copies
    if (cache) {
        hashes.reserve(texts.size());
        for (const auto& t : texts)
            hashes.push_back(ContentHash::of(t));
        const auto cached = cache->lookup(identity, hashes);
        for (std::size_t i = 0; i < texts.size(); ++i) {
            sameAs[i] = i;
            if (cached[i].size() == out.dim) {
                std::memcpy(out.row(i), cached[i].data(), out.dim * sizeof(float));
                continue;
            }
            const auto [it, inserted] = firstRow.emplace(hashes[i], i);
            sameAs[i] = it->second;
            if (inserted)
                todo.push_back(i);
        }
    } else {
        std::iota(sameAs.begin(), sameAs.end(), std::size_t(0));
        todo.resize(texts.size());
        std::iota(todo.begin(), todo.end(), std::size_t(0));
    }

    std::vector<std::vector<TokenId>> tokens(todo.size());
    for (std::size_t k = 0; k < todo.size(); ++k)
        tokens[k] = m_model->tokenize(texts[todo[k]], length);
    // Longest first, as sentence-transformers does: batches of similar lengths need little padding.
    std::vector<std::size_t> order(todo.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return tokens[a].size() > tokens[b].size(); });

    c10::InferenceMode inference;
    const bool wasTraining = m_model->module()->is_training();
    m_model->module()->eval();
    const std::size_t batchSize = m_options.batchSize;
    for (std::size_t start = 0; start < order.size(); start += batchSize) {
        const std::size_t end = std::min(order.size(), start + batchSize);
        std::vector<std::vector<TokenId>> batch;
        batch.reserve(end - start);
        for (std::size_t k = start; k < end; ++k)
            batch.push_back(std::move(tokens[order[k]]));
        const torch::Tensor vectors = m_model->embed(m_model->makeBatch(batch)).to(torch::kCPU).contiguous();
        const float* data = vectors.data_ptr<float>();
        for (std::size_t k = start; k < end; ++k)
            std::memcpy(out.row(todo[order[k]]), data + (k - start) * out.dim, out.dim * sizeof(float));
        if (progress)
            progress(end, order.size());
    }
    if (wasTraining)
        m_model->module()->train();

    for (std::size_t i = 0; i < texts.size(); ++i)
        if (sameAs[i] != i)
            std::memcpy(out.row(i), out.row(sameAs[i]), out.dim * sizeof(float));
    if (cache && !todo.empty()) {
        std::vector<ContentHash> keys;
        std::vector<std::vector<float>> vectors;
        for (std::size_t row : todo) {
            keys.push_back(hashes[row]);
            vectors.emplace_back(out.row(row), out.row(row) + out.dim);
        }
        cache->store(identity, keys, vectors);
    }
    return out;
}

} // namespace rankpo
