#include "core/model/rotary_embedding.h"

#include <cmath>

namespace rankpo {

torch::Tensor ropeInverseFrequencies(const DecoderConfig& c, std::int64_t length)
{
    const std::int64_t dim = c.headDim;
    const RopeScaling& r = c.ropeScaling;
    double base = c.ropeTheta;
    if (r.type == "dynamic" && length > r.originalMaxPositions) {
        // transformers' _compute_dynamic_ntk_parameters, for the batch's length.
        const double ratio = r.factor * double(length) / double(r.originalMaxPositions) - (r.factor - 1.0);
        base *= std::pow(ratio, double(dim) / double(dim - 2));
    }
    // 1 / base^(arange(0, dim, 2) / dim), in float32 as transformers does.
    torch::Tensor inv = 1.0 / torch::pow(base, torch::arange(0, dim, 2, torch::kInt64).to(torch::kFloat32) / double(dim));
    if (r.type == "linear")
        return inv / r.factor;
    if (r.type != "llama3")
        return inv;
    const double old = double(r.originalMaxPositions);
    const double lowWavelen = old / r.lowFreqFactor, highWavelen = old / r.highFreqFactor;
    const torch::Tensor wavelen = 2.0 * M_PI / inv;
    torch::Tensor scaled = torch::where(wavelen > lowWavelen, inv / r.factor, inv);
    const torch::Tensor smooth = (old / wavelen - r.lowFreqFactor) / (r.highFreqFactor - r.lowFreqFactor);
    const torch::Tensor smoothed = (1 - smooth) * scaled / r.factor + smooth * scaled;
    const torch::Tensor medium = (wavelen >= highWavelen).logical_and(wavelen <= lowWavelen);
    return torch::where(medium, smoothed, scaled);
}

RopeTables ropeTables(const DecoderConfig& c, std::int64_t length, torch::Device device, torch::Dtype dtype)
{
    const torch::Tensor inv = ropeInverseFrequencies(c, length);
    const torch::Tensor positions = torch::arange(length, torch::kInt64).to(torch::kFloat32);
    const torch::Tensor freqs = torch::outer(positions, inv);
    const torch::Tensor emb = torch::cat({freqs, freqs}, -1);
    return {emb.cos().to(device, dtype), emb.sin().to(device, dtype)};
}

torch::Tensor applyRope(const torch::Tensor& x, const RopeTables& t)
{
    const std::int64_t half = x.size(-1) / 2;
    const torch::Tensor rotated = torch::cat({-x.narrow(-1, half, half), x.narrow(-1, 0, half)}, -1);
    return x * t.cos + rotated * t.sin;
}

} // namespace rankpo
