#include "core/model/encoder_model.h"

#include "core/model/bert_weights.h"
#include "core/model/safetensors_file.h"
#include "core/text/json_file.h"
#include "core/text/unicode_tables.h"
#include "core/text/utf8_codec.h"
#include "core/util/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace rankpo {

namespace fs = std::filesystem;

torch::Device chooseDevice(const std::string& name)
{
    if (name == "cpu")
        return torch::kCPU;
    if (name == "cuda") {
        if (!torch::cuda::is_available())
            throw usageError("--device cuda: this libtorch sees no CUDA device");
        return torch::kCUDA;
    }
    if (name == "auto")
        return torch::cuda::is_available() ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
    throw usageError("unknown device '" + name + "' (auto, cpu or cuda)");
}

EncoderModel::EncoderModel(ModelFolder folder, BertTokenizer tokenizer, SentenceEncoder module, torch::Device device)
    : m_folder(std::move(folder)), m_tokenizer(std::move(tokenizer)), m_module(std::move(module)), m_device(device)
{
}

std::unique_ptr<EncoderModel> EncoderModel::load(const ModelFolder& folder, torch::Device device)
{
    BertTokenizer tokenizer = BertTokenizer::fromFolder(folder.transformer);
    if (std::int64_t(tokenizer.wordPiece().tokensById().size()) > folder.config.vocabSize)
        throw dataError(folder.transformer.string() + ": the tokenizer has more ids than config.json's vocab_size " +
                        std::to_string(folder.config.vocabSize));
    const SafeTensorsFile weights = SafeTensorsFile::read(folder.weightsFile());
    SentenceEncoder module = loadSentenceEncoder(folder.config, folder.pooling, weights);
    module->to(device);
    module->eval();
    return std::unique_ptr<EncoderModel>(new EncoderModel(folder, std::move(tokenizer), std::move(module), device));
}

std::vector<TokenId> EncoderModel::tokenize(const std::string& text, std::size_t maxLength) const
{
    if (maxLength > m_folder.maxSeqLength)
        throw usageError("maximum length " + std::to_string(maxLength) + " exceeds the model's " +
                         std::to_string(m_folder.maxSeqLength));
    const std::size_t limit = maxLength ? maxLength : m_folder.maxSeqLength;
    if (!m_folder.lowercaseInput)
        return m_tokenizer.encode(text, limit);
    // sentence-transformers' do_lower_case lower-cases the text before the tokenizer (Python's str.lower; we
    // lower-case each code point, which differs only for a word-final capital sigma).
    std::u32string lowered;
    for (char32_t c : decodeUtf8Lossy(text))
        unicode_facts::appendLowered(c, lowered);
    return m_tokenizer.encode(encodeUtf8(lowered), limit);
}

TokenBatch EncoderModel::makeBatch(const std::vector<std::vector<TokenId>>& sequences) const
{
    std::size_t longest = 0;
    for (const auto& s : sequences)
        longest = std::max(longest, s.size());
    const auto rows = std::int64_t(sequences.size()), cols = std::int64_t(longest);
    torch::Tensor ids = torch::full({rows, cols}, std::int64_t(m_tokenizer.padId()), torch::kInt64);
    torch::Tensor mask = torch::zeros({rows, cols}, torch::kInt64);
    auto idsA = ids.accessor<std::int64_t, 2>();
    auto maskA = mask.accessor<std::int64_t, 2>();
    for (std::int64_t r = 0; r < rows; ++r) {
        const auto& s = sequences[std::size_t(r)];
        for (std::size_t c = 0; c < s.size(); ++c) {
            idsA[r][std::int64_t(c)] = s[c];
            maskA[r][std::int64_t(c)] = 1;
        }
    }
    return {ids.to(m_device), mask.to(m_device)};
}

TokenBatch EncoderModel::tokenizeBatch(const std::vector<std::string>& texts, std::size_t maxLength) const
{
    std::vector<std::vector<TokenId>> sequences;
    sequences.reserve(texts.size());
    for (const auto& t : texts)
        sequences.push_back(tokenize(t, maxLength));
    return makeBatch(sequences);
}

torch::Tensor EncoderModel::embed(const TokenBatch& batch)
{
    return m_module->forward(batch.ids, batch.mask);
}

void EncoderModel::save(const fs::path& folder) const
{
    fs::create_directories(folder / "1_Pooling");
    // Read what is copied before writing anything: the destination may be the source folder.
    std::map<std::string, std::string> copies;
    for (const char* name : {"config.json", "tokenizer.json", "vocab.txt", "tokenizer_config.json",
                             "special_tokens_map.json"}) {
        const fs::path src = m_folder.transformer / name;
        if (fs::exists(src))
            copies[name] = readFileBytes(src);
    }
    if (!copies.count("vocab.txt")) { // transformers' slow BertTokenizer needs it
        std::string vocab;
        for (const auto& token : m_tokenizer.wordPiece().tokensById())
            vocab += token + "\n";
        copies["vocab.txt"] = vocab;
    }

    SentenceEncoder module = m_module; // a handle on the same module
    writeBertWeights(module, folder / "model.safetensors");
    for (const auto& [name, bytes] : copies)
        writeFileAtomically(folder / name, bytes);

    const nlohmann::json modules = nlohmann::json::array({
        {{"idx", 0}, {"name", "0"}, {"path", ""}, {"type", "sentence_transformers.models.Transformer"}},
        {{"idx", 1}, {"name", "1"}, {"path", "1_Pooling"}, {"type", "sentence_transformers.models.Pooling"}},
        {{"idx", 2}, {"name", "2"}, {"path", "2_Normalize"}, {"type", "sentence_transformers.models.Normalize"}},
    });
    writeFileAtomically(folder / "modules.json", modules.dump(2) + "\n");
    const PoolingMode mode = m_folder.pooling;
    const nlohmann::json pooling = {
        {"word_embedding_dimension", m_folder.config.hiddenSize},
        {"pooling_mode_cls_token", mode == PoolingMode::Cls},
        {"pooling_mode_mean_tokens", mode == PoolingMode::Mean},
        {"pooling_mode_max_tokens", false},
        {"pooling_mode_mean_sqrt_len_tokens", false},
        {"pooling_mode_weightedmean_tokens", false},
        {"pooling_mode_lasttoken", mode == PoolingMode::LastToken},
    };
    writeFileAtomically(folder / "1_Pooling" / "config.json", pooling.dump(2) + "\n");
    const nlohmann::json st = {{"max_seq_length", m_folder.maxSeqLength}, {"do_lower_case", m_folder.lowercaseInput}};
    writeFileAtomically(folder / "sentence_bert_config.json", st.dump(2) + "\n");
}

} // namespace rankpo
