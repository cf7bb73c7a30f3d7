#include "core/model/bert_weights.h"

#include "core/util/error.h"

#include <set>

namespace rankpo {
namespace {

// Reads the file's tensors by HF name, checking shapes and remembering which names were used.
class CheckpointReader {
public:
    CheckpointReader(const SafeTensorsFile& file) : m_file(file)
    {
        // BertForMaskedLM / BertForPreTraining checkpoints put the encoder under "bert.".
        if (file.find("bert.embeddings.word_embeddings.weight") && !file.find("embeddings.word_embeddings.weight"))
            m_prefix = "bert.";
    }

    torch::Tensor take(const std::string& name, const std::vector<std::int64_t>& shape)
    {
        const SafeTensorInfo* info = m_file.find(m_prefix + name);
        std::string used = m_prefix + name;
        if (!info) { // TF-era names for LayerNorm parameters
            const auto dot = name.rfind('.');
            const std::string leaf = name.substr(dot + 1);
            if (name.find("LayerNorm") != std::string::npos && (leaf == "weight" || leaf == "bias")) {
                used = m_prefix + name.substr(0, dot + 1) + (leaf == "weight" ? "gamma" : "beta");
                info = m_file.find(used);
            }
        }
        if (!info)
            throw dataError(m_file.sourceName() + ": missing tensor '" + m_prefix + name + "'");
        if (info->shape != shape)
            throw dataError(m_file.sourceName() + ": tensor '" + used + "' has shape " + shapeText(info->shape) +
                            " but the config implies " + shapeText(shape));
        m_used.insert(used);
        std::vector<float> values = m_file.toFloat(*info);
        return torch::from_blob(values.data(), shape, torch::kFloat32).clone();
    }

    void allowOptional(const std::string& name) { m_used.insert(m_prefix + name); }
    bool has(const std::string& name) const { return m_file.find(m_prefix + name) != nullptr; }
    const std::string& prefix() const { return m_prefix; }

    void rejectUnexpected() const
    {
        for (const auto& t : m_file.tensors()) {
            if (m_used.count(t.name))
                continue;
            if (m_prefix == "bert." && t.name.rfind("cls.", 0) == 0)
                continue; // pre-training heads of a BertFor... checkpoint: not part of the encoder
            throw dataError(m_file.sourceName() + ": unexpected tensor '" + t.name + "' (shape " +
                            shapeText(t.shape) + ") for this config");
        }
    }

private:
    const SafeTensorsFile& m_file;
    std::string m_prefix;
    std::set<std::string> m_used;
};

void assign(torch::Tensor& parameter, const torch::Tensor& value)
{
    torch::NoGradGuard noGrad;
    parameter.copy_(value);
}

} // namespace

SentenceEncoder loadSentenceEncoder(const BertConfig& c, PoolingMode pooling, const SafeTensorsFile& file)
{
    CheckpointReader in(file);
    const bool withPooler = in.has("pooler.dense.weight");
    SentenceEncoder encoder(c, pooling, withPooler);
    auto& bert = *encoder->bert;
    const std::int64_t h = c.hiddenSize, inter = c.intermediateSize;

    auto& emb = *bert.embeddings;
    assign(emb.word->weight, in.take("embeddings.word_embeddings.weight", {c.vocabSize, h}));
    assign(emb.position->weight, in.take("embeddings.position_embeddings.weight", {c.maxPositions, h}));
    assign(emb.tokenType->weight, in.take("embeddings.token_type_embeddings.weight", {c.typeVocabSize, h}));
    assign(emb.norm->weight, in.take("embeddings.LayerNorm.weight", {h}));
    assign(emb.norm->bias, in.take("embeddings.LayerNorm.bias", {h}));
    if (const SafeTensorInfo* ids = file.find(in.prefix() + "embeddings.position_ids")) {
        if (ids->shape != std::vector<std::int64_t>{1, c.maxPositions})
            throw dataError(file.sourceName() + ": tensor '" + ids->name + "' has shape " + shapeText(ids->shape) +
                            " but the config implies [1, " + std::to_string(c.maxPositions) + "]");
        in.allowOptional("embeddings.position_ids"); // a buffer (0..n-1) that transformers recomputes
    }

    for (std::int64_t i = 0; i < c.numLayers; ++i) {
        const std::string p = "encoder.layer." + std::to_string(i) + ".";
        auto& layer = *bert.layers[std::size_t(i)]->as<BertLayerImpl>();
        assign(layer.qkv->weight, torch::cat({in.take(p + "attention.self.query.weight", {h, h}),
                                              in.take(p + "attention.self.key.weight", {h, h}),
                                              in.take(p + "attention.self.value.weight", {h, h})}));
        assign(layer.qkv->bias, torch::cat({in.take(p + "attention.self.query.bias", {h}),
                                            in.take(p + "attention.self.key.bias", {h}),
                                            in.take(p + "attention.self.value.bias", {h})}));
        assign(layer.attentionOutput->weight, in.take(p + "attention.output.dense.weight", {h, h}));
        assign(layer.attentionOutput->bias, in.take(p + "attention.output.dense.bias", {h}));
        assign(layer.attentionNorm->weight, in.take(p + "attention.output.LayerNorm.weight", {h}));
        assign(layer.attentionNorm->bias, in.take(p + "attention.output.LayerNorm.bias", {h}));
        assign(layer.intermediate->weight, in.take(p + "intermediate.dense.weight", {inter, h}));
        assign(layer.intermediate->bias, in.take(p + "intermediate.dense.bias", {inter}));
        assign(layer.output->weight, in.take(p + "output.dense.weight", {h, inter}));
        assign(layer.output->bias, in.take(p + "output.dense.bias", {h}));
        assign(layer.outputNorm->weight, in.take(p + "output.LayerNorm.weight", {h}));
        assign(layer.outputNorm->bias, in.take(p + "output.LayerNorm.bias", {h}));
    }
    if (withPooler) {
        assign(bert.pooler->weight, in.take("pooler.dense.weight", {h, h}));
        assign(bert.pooler->bias, in.take("pooler.dense.bias", {h}));
    }
    in.rejectUnexpected();
    return encoder;
}

void writeBertWeights(SentenceEncoder& encoder, const std::filesystem::path& file)
{
    SafeTensorsWriter out;
    auto put = [&](const std::string& name, const torch::Tensor& t) {
        const torch::Tensor cpu = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
        std::vector<float> values(cpu.data_ptr<float>(), cpu.data_ptr<float>() + cpu.numel());
        out.add(name, cpu.sizes().vec(), std::move(values));
    };
    auto& bert = *encoder->bert;
    auto& emb = *bert.embeddings;
    put("embeddings.word_embeddings.weight", emb.word->weight);
    put("embeddings.position_embeddings.weight", emb.position->weight);
    put("embeddings.token_type_embeddings.weight", emb.tokenType->weight);
    put("embeddings.LayerNorm.weight", emb.norm->weight);
    put("embeddings.LayerNorm.bias", emb.norm->bias);
    for (std::size_t i = 0; i < bert.layers->size(); ++i) {
        const std::string p = "encoder.layer." + std::to_string(i) + ".";
        auto& layer = *bert.layers[i]->as<BertLayerImpl>();
        const auto w = layer.qkv->weight.chunk(3, 0);
        const auto b = layer.qkv->bias.chunk(3, 0);
        const char* parts[] = {"query", "key", "value"};
        for (int k = 0; k < 3; ++k) {
            put(p + "attention.self." + parts[k] + ".weight", w[std::size_t(k)]);
            put(p + "attention.self." + parts[k] + ".bias", b[std::size_t(k)]);
        }
        put(p + "attention.output.dense.weight", layer.attentionOutput->weight);
        put(p + "attention.output.dense.bias", layer.attentionOutput->bias);
        put(p + "attention.output.LayerNorm.weight", layer.attentionNorm->weight);
        put(p + "attention.output.LayerNorm.bias", layer.attentionNorm->bias);
        put(p + "intermediate.dense.weight", layer.intermediate->weight);
        put(p + "intermediate.dense.bias", layer.intermediate->bias);
        put(p + "output.dense.weight", layer.output->weight);
        put(p + "output.dense.bias", layer.output->bias);
        put(p + "output.LayerNorm.weight", layer.outputNorm->weight);
        put(p + "output.LayerNorm.bias", layer.outputNorm->bias);
    }
    if (bert.pooler) {
        put("pooler.dense.weight", bert.pooler->weight);
        put("pooler.dense.bias", bert.pooler->bias);
    }
    out.setMetadata("format", "pt"); // what transformers expects of a PyTorch checkpoint
    out.write(file);
}

} // namespace rankpo
