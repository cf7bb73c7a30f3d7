#include "core/model/memory_estimate.h"

#include "core/util/error.h"

namespace rankpo {
namespace {

double dtypeBytes(const std::string& dtype)
{
    if (dtype == "float32")
        return 4;
    if (dtype == "bfloat16" || dtype == "float16")
        return 2;
    throw usageError("unknown dtype '" + dtype + "' (float32, bfloat16 or float16)");
}

} // namespace

std::int64_t parameterCount(const ModelConfig& c, bool untiedLmHead)
{
    if (c.decoder) {
        const DecoderConfig& d = *c.decoder;
        const std::int64_t h = d.hiddenSize, q = d.numHeads * d.headDim, kv = d.numKvHeads * d.headDim;
        std::int64_t layer = h * q + 2 * h * kv + q * h + 3 * h * d.intermediateSize + 2 * h;
        if (d.attentionBias)
            layer += q + 2 * kv;
        if (d.outputBias)
            layer += h;
        if (d.mlpBias)
            layer += 2 * d.intermediateSize + h;
        if (d.qkNorm)
            layer += 2 * d.headDim;
        std::int64_t n = d.vocabSize * h + d.numLayers * layer + h;
        if (untiedLmHead && !d.tieWordEmbeddings)
            n += d.vocabSize * h;
        return n;
    }
    const BertConfig& b = *c.bert;
    const std::int64_t h = b.hiddenSize, i = b.intermediateSize;
    const std::int64_t layer = 4 * (h * h + h) + 2 * (h * i) + i + h + 4 * h;
    return (b.vocabSize + b.maxPositions + b.typeVocabSize) * h + 2 * h + b.numLayers * layer;
}

MemoryEstimate estimateTrainingMemory(const ModelConfig& c, const TrainingMemoryInput& in)
{
    const double s = dtypeBytes(in.dtype);
    MemoryEstimate e;
    e.parameters = parameterCount(c);
    const double p = double(e.parameters);
    e.weights = p * s;
    e.gradients = p * s;
    e.optimizer = p * 8 + (s == 4 ? 0 : p * 4);

    const double h = double(c.hiddenSize), inter = double(c.intermediateSize);
    const double heads = double(c.numHeads);
    const double q = c.decoder ? double(c.decoder->numHeads * c.decoder->headDim) : h;
    const double kv = c.decoder ? double(c.decoder->numKvHeads * c.decoder->headDim) : h;
    const double layers = double(c.numLayers);
    // Per text of length L: what one layer keeps, and what its input alone takes.
    auto layerBytes = [&](double length) {
        double perToken = s * (6 * h + 2 * q + 2 * kv + 4 * inter) + 4 * h * 2;
        if (!in.fusedAttention)
            perToken += 2 * 4 * heads * length;
        return perToken * length;
    };
    auto textBytes = [&](double length) {
        if (!in.gradientCheckpointing)
            return layers * layerBytes(length) + s * h * length; // + the final norm's input
        return layers * s * h * length;
    };
    const double jobs = double(in.batch), candidates = double(in.batch * in.candidatesPerExample);
    const double job = double(in.maxLengthJob), candidate = double(in.maxLengthCandidate);
    e.activations = jobs * textBytes(job) + candidates * textBytes(candidate);
    if (in.gradientCheckpointing) // one layer's full activations while it is recomputed (the longest batch)
        e.activations += std::max(jobs * layerBytes(job), candidates * layerBytes(candidate));
    return e;
}

} // namespace rankpo
