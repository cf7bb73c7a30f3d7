#include "core/model/decoder_weights.h"

#include "core/util/error.h"

#include <cstring>
#include <map>
#include <set>

namespace rankpo {
namespace {

torch::Dtype torchDtype(SafeTensorsDtype d, const std::string& where)
{
    switch (d) {
    case SafeTensorsDtype::F32: return torch::kFloat32;
    case SafeTensorsDtype::F16: return torch::kFloat16;
    case SafeTensorsDtype::BF16: return torch::kBFloat16;
    default: throw dataError(where + " has dtype " + dtypeName(d) + "; a float tensor (F32, F16, BF16) is needed");
    }
}

SafeTensorsDtype safetensorsDtype(torch::Dtype d)
{
    if (d == torch::kBFloat16)
        return SafeTensorsDtype::BF16;
    if (d == torch::kFloat16)
        return SafeTensorsDtype::F16;
    return SafeTensorsDtype::F32;
}

// The tensors of all the files by name, each name once, with the names used so far.
class Tensors {
public:
    explicit Tensors(const std::vector<std::filesystem::path>& files)
    {
        m_files.reserve(files.size()); // the map points into the files: no reallocation
        for (const auto& path : files) {
            m_files.push_back(SafeTensorsFile::read(path));
            const SafeTensorsFile& f = m_files.back();
            for (const SafeTensorInfo& t : f.tensors())
                if (!m_byName.emplace(t.name, std::make_pair(&f, &t)).second)
                    throw dataError(f.sourceName() + ": tensor '" + t.name + "' is also in another shard");
        }
        if (find("model.embed_tokens.weight") && !find("embed_tokens.weight"))
            m_prefix = "model.";
    }

    const std::pair<const SafeTensorsFile*, const SafeTensorInfo*>* find(const std::string& name) const
    {
        const auto it = m_byName.find(name);
        return it == m_byName.end() ? nullptr : &it->second;
    }

    // The tensor `name` (the prefix added) as `dtype`, its shape checked.
    torch::Tensor take(const std::string& name, const std::vector<std::int64_t>& shape, torch::Dtype dtype,
                       bool prefixed = true)
    {
        const std::string full = (prefixed ? m_prefix : "") + name;
        const auto* hit = find(full);
        if (!hit)
            throw dataError(sourceNames() + ": missing tensor '" + full + "'");
        const auto& [file, info] = *hit;
        if (info->shape != shape)
            throw dataError(file->sourceName() + ": tensor '" + full + "' has shape " + shapeText(info->shape) +
                            " but the config implies " + shapeText(shape));
        m_used.insert(full);
        const torch::Dtype stored = torchDtype(info->dtype, file->sourceName() + ": tensor '" + full + "'");
        // from_blob views the file's bytes; the copy owns its memory.
        return torch::from_blob(const_cast<char*>(file->data(*info)), shape, stored).to(dtype, false, true);
    }

    SafeTensorsDtype dtypeOf(const std::string& name) const { return find(m_prefix + name)->second->dtype; }
    void allow(const std::string& fullName) { m_used.insert(fullName); }
    const std::string& prefix() const { return m_prefix; }

    void rejectUnexpected() const
    {
        for (const auto& [name, hit] : m_byName)
            if (!m_used.count(name))
                throw dataError(hit.first->sourceName() + ": unexpected tensor '" + name + "' (not part of a " +
                                "decoder of this config)");
    }

private:
    std::string sourceNames() const
    {
        std::string s;
        for (const auto& f : m_files)
            s += (s.empty() ? "" : ", ") + f.sourceName();
        return s;
    }

    std::vector<SafeTensorsFile> m_files;
    std::map<std::string, std::pair<const SafeTensorsFile*, const SafeTensorInfo*>> m_byName;
    std::string m_prefix;
    std::set<std::string> m_used;
};

void assign(torch::Tensor& parameter, const torch::Tensor& value)
{
    torch::NoGradGuard noGrad;
    parameter.copy_(value);
}

// Every parameter with its Hugging Face name (no prefix), in the order transformers lists them.
std::vector<std::pair<std::string, torch::Tensor*>> hfParameters(DecoderModelImpl& m)
{
    std::vector<std::pair<std::string, torch::Tensor*>> out;
    out.emplace_back("embed_tokens.weight", &m.embed_tokens->weight);
    for (std::size_t i = 0; i < m.layers->size(); ++i) {
        auto& layer = *m.layers[i]->as<DecoderLayerImpl>();
        const std::string p = "layers." + std::to_string(i) + ".";
        auto& a = *layer.self_attn;
        for (auto [name, linear] : {std::pair<const char*, torch::nn::Linear*>{"q_proj", &a.q_proj}, {"k_proj", &a.k_proj},
                                    {"v_proj", &a.v_proj}, {"o_proj", &a.o_proj}}) {
            out.emplace_back(p + "self_attn." + name + ".weight", &(*linear)->weight);
            if ((*linear)->options.bias())
                out.emplace_back(p + "self_attn." + name + ".bias", &(*linear)->bias);
        }
        if (a.q_norm) {
            out.emplace_back(p + "self_attn.q_norm.weight", &a.q_norm->weight);
            out.emplace_back(p + "self_attn.k_norm.weight", &a.k_norm->weight);
        }
        auto& mlp = *layer.mlp;
        for (auto [name, linear] : {std::pair<const char*, torch::nn::Linear*>{"gate_proj", &mlp.gate_proj},
                                    {"up_proj", &mlp.up_proj}, {"down_proj", &mlp.down_proj}}) {
            out.emplace_back(p + "mlp." + name + ".weight", &(*linear)->weight);
            if ((*linear)->options.bias())
                out.emplace_back(p + "mlp." + name + ".bias", &(*linear)->bias);
        }
        out.emplace_back(p + "input_layernorm.weight", &layer.input_layernorm->weight);
        out.emplace_back(p + "post_attention_layernorm.weight", &layer.post_attention_layernorm->weight);
    }
    out.emplace_back("norm.weight", &m.norm->weight);
    return out;
}

} // namespace

LoadedDecoder loadDecoder(const DecoderConfig& c, const std::vector<std::filesystem::path>& files,
                          const DecoderOptions& options)
{
    Tensors in(files);
    const bool hasHead = in.find("lm_head.weight") != nullptr;
    LoadedDecoder out;
    out.layout.prefix = in.prefix();
    out.layout.lmHead = hasHead && !c.tieWordEmbeddings;
    out.model = DecoderModel(c, options, out.layout.lmHead);
    if (!in.find(in.prefix() + "embed_tokens.weight"))
        in.take("embed_tokens.weight", {c.vocabSize, c.hiddenSize}, options.dtype); // throws: names it
    out.layout.dtype = in.dtypeOf("embed_tokens.weight");

    for (auto& [name, parameter] : hfParameters(*out.model))
        assign(*parameter, in.take(name, parameter->sizes().vec(), options.dtype));
    if (hasHead) {
        const auto head = in.take("lm_head.weight", {c.vocabSize, c.hiddenSize}, options.dtype, false);
        if (out.layout.lmHead)
            assign(out.model->lm_head->weight, head);
    }
    for (std::int64_t i = 0; i < c.numLayers; ++i) {
        const std::string buffer = in.prefix() + "layers." + std::to_string(i) + ".self_attn.rotary_emb.inv_freq";
        if (in.find(buffer))
            in.allow(buffer); // recomputed from the config, as transformers does
    }
    in.rejectUnexpected();
    return out;
}

void writeDecoderWeights(DecoderModelImpl& model, const DecoderCheckpointLayout& layout, const std::filesystem::path& file)
{
    const torch::Dtype dtype = layout.dtype == SafeTensorsDtype::BF16 ? torch::kBFloat16
                               : layout.dtype == SafeTensorsDtype::F16 ? torch::kFloat16
                                                                        : torch::kFloat32;
    SafeTensorsWriter out;
    auto put = [&](const std::string& name, const torch::Tensor& t) {
        const torch::Tensor cpu = t.detach().to(torch::kCPU, dtype).contiguous();
        std::string bytes(std::size_t(cpu.numel()) * cpu.element_size(), '\0');
        std::memcpy(bytes.data(), cpu.data_ptr(), bytes.size());
        out.addRaw(name, safetensorsDtype(dtype), cpu.sizes().vec(), std::move(bytes));
    };
    for (auto& [name, parameter] : hfParameters(model))
        put(layout.prefix + name, *parameter);
    if (layout.lmHead && model.lm_head)
        put("lm_head.weight", model.lm_head->weight);
    out.setMetadata("format", "pt");
    out.write(file);
}

} // namespace rankpo
