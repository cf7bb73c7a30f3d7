#include "core/model/encoder_model.h"

#include "core/model/bert_weights.h"
#include "core/model/safetensors_file.h"
#include "core/model/decoder_folder_files.h"
#include "core/text/bert_tokenizer.h"
#include "core/text/bpe_tokenizer.h"
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

EncoderModel::EncoderModel(ModelFolder folder, std::unique_ptr<Tokenizer> tokenizer, SentenceEncoder module,
                           torch::Device device)
    : m_folder(std::move(folder)), m_tokenizer(std::move(tokenizer)), m_module(std::move(module)), m_device(device)
{
}

namespace {

torch::Dtype chooseDtype(const std::string& name, torch::Device device, bool decoder)
{
    if (name == "auto")
        return decoder && device.is_cuda() ? torch::kBFloat16 : torch::kFloat32;
    if (name == "float32")
        return torch::kFloat32;
    if (name == "bfloat16")
        return torch::kBFloat16;
    if (name == "float16")
        return torch::kFloat16;
    throw usageError("unknown dtype '" + name + "' (auto, float32, bfloat16 or float16)");
}

} // namespace

std::unique_ptr<EncoderModel> EncoderModel::load(const ModelFolder& folder, torch::Device device,
                                                 const EncoderLoadOptions& options)
{
    std::unique_ptr<Tokenizer> tokenizer = Tokenizer::fromFolder(folder.transformer);
    if (std::int64_t(tokenizer->idLimit()) > folder.config.vocabSize)
        throw dataError(folder.transformer.string() + ": the tokenizer has more ids than config.json's vocab_size " +
                        std::to_string(folder.config.vocabSize));
    const bool decoder = folder.config.isDecoder();
    if (decoder != (std::string(tokenizer->kind()) == "bpe"))
        throw dataError(folder.transformer.string() + ": a " + folder.config.modelType + " model needs a " +
                        (decoder ? "byte-level BPE" : "WordPiece") + " tokenizer, tokenizer.json has " + tokenizer->kind());
    const torch::Dtype dtype = chooseDtype(options.dtype, device, decoder);
    if (!decoder) {
        if (dtype != torch::kFloat32)
            throw usageError("BERT-family encoders run in float32 (dtype " + options.dtype + " given)");
        const SafeTensorsFile weights = SafeTensorsFile::read(folder.weightsFile());
        SentenceEncoder module = loadSentenceEncoder(*folder.config.bert, folder.pooling, weights);
        module->to(device);
        module->eval();
        return std::unique_ptr<EncoderModel>(new EncoderModel(folder, std::move(tokenizer), std::move(module), device));
    }
    DecoderOptions decoderOptions;
    decoderOptions.dtype = dtype;
    decoderOptions.gradientCheckpointing = options.gradientCheckpointing;
    LoadedDecoder loaded = loadDecoder(*folder.config.decoder, folder.weightFiles(), decoderOptions);
    SentenceEncoder module(loaded.model, folder.pooling);
    module->to(device);
    module->eval();
    std::unique_ptr<EncoderModel> model(new EncoderModel(folder, std::move(tokenizer), std::move(module), device));
    model->m_dtype = dtype;
    model->m_layout = loaded.layout;
    return model;
}

std::int64_t EncoderModel::parameterCount() const
{
    std::int64_t n = 0;
    for (const auto& p : m_module->parameters())
        n += p.numel();
    return n;
}

void EncoderModel::setGradientCheckpointing(bool on)
{
    if (!m_module->decoder)
        throw usageError("gradient checkpointing is implemented for decoder models only");
    m_module->decoder->setGradientCheckpointing(on);
}

std::vector<TokenId> EncoderModel::tokenize(const std::string& text, std::size_t maxLength) const
{
    if (maxLength > m_folder.maxSeqLength)
        throw usageError("maximum length " + std::to_string(maxLength) + " exceeds the model's " +
                         std::to_string(m_folder.maxSeqLength));
    const std::size_t limit = maxLength ? maxLength : m_folder.maxSeqLength;
    if (!m_folder.lowercaseInput)
        return m_tokenizer->encode(text, limit);
    // sentence-transformers' do_lower_case lower-cases the text before the tokenizer (Python's str.lower; we
    // lower-case each code point, which differs only for a word-final capital sigma).
    std::u32string lowered;
    for (char32_t c : decodeUtf8Lossy(text))
        unicode_facts::appendLowered(c, lowered);
    return m_tokenizer->encode(encodeUtf8(lowered), limit);
}

TokenBatch EncoderModel::makeBatch(const std::vector<std::vector<TokenId>>& sequences) const
{
    std::size_t longest = 0;
    for (const auto& s : sequences)
        longest = std::max(longest, s.size());
    const auto rows = std::int64_t(sequences.size()), cols = std::int64_t(longest);
    torch::Tensor ids = torch::full({rows, cols}, std::int64_t(m_tokenizer->padId()), torch::kInt64);
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
    if (isDecoder()) {
        saveDecoder(folder);
        return;
    }
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
        for (const auto& token : static_cast<const BertTokenizer&>(*m_tokenizer).wordPiece().tokensById())
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

namespace rankpo {

std::vector<TokenId> EncoderModel::addSpecialTokens(const std::vector<std::string>& tokens, NewTokenInit init)
{
    auto* bpe = dynamic_cast<BpeTokenizer*>(m_tokenizer.get());
    if (!bpe || !m_module->decoder)
        throw usageError("special tokens can be added to decoder models (byte-level BPE) only");
    DecoderModelImpl& decoder = *m_module->decoder;
    const std::int64_t rows = decoder.embed_tokens->weight.size(0);
    const std::vector<TokenId> ids = bpe->addSpecialTokens(tokens);
    for (std::size_t i = 0; i < tokens.size(); ++i)
        if (ids[i] >= rows && std::find(m_addedTokens.begin(), m_addedTokens.end(), tokens[i]) == m_addedTokens.end())
            m_addedTokens.push_back(tokens[i]);
    const std::int64_t needed = std::int64_t(bpe->idLimit());
    if (needed > rows) {
        torch::NoGradGuard noGrad;
        const torch::Tensor weight = decoder.embed_tokens->weight.detach().to(torch::kFloat32);
        torch::Tensor fresh;
        if (init == NewTokenInit::Mean)
            fresh = weight.mean(0, true).expand({needed - rows, weight.size(1)}).clone();
        else
            fresh = torch::randn({needed - rows, weight.size(1)}, weight.options()) * decoder.config().initializerRange;
        decoder.appendEmbeddingRows(fresh);
        m_folder.config.vocabSize = needed;
        m_folder.config.decoder->vocabSize = needed;
    }
    return ids;
}

void EncoderModel::saveDecoder(const fs::path& folder) const
{
    const auto& bpe = static_cast<const BpeTokenizer&>(*m_tokenizer);
    DecoderFolderEdits edits;
    SentenceEncoder module = m_module; // a handle on the same module
    DecoderModelImpl& decoder = *module->decoder;
    edits.vocabSize = decoder.embed_tokens->weight.size(0);
    for (const std::string& t : m_addedTokens)
        edits.added.emplace_back(t, bpe.idOf(t));
    edits.padId = bpe.padId();
    edits.padToken = bpe.contentOf(bpe.padId());
    edits.pooling = poolingName(m_folder.pooling);
    edits.hiddenSize = m_folder.config.hiddenSize;
    edits.maxSeqLength = m_folder.maxSeqLength;
    edits.lowercaseInput = m_folder.lowercaseInput;
    fs::create_directories(folder);
    // The text files first (they read the source, which may be this folder), then the weights.
    writeDecoderFolderFiles(m_folder.transformer, folder, edits);
    writeDecoderWeights(decoder, m_layout, folder / "model.safetensors");
    std::error_code ec;
    // One model.safetensors now holds everything: an index left from sharded weights would contradict it.
    fs::remove(folder / "model.safetensors.index.json", ec);
}

} // namespace rankpo
