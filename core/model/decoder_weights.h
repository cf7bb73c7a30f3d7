#pragma once

// Between Hugging Face decoder checkpoints (model.safetensors or shards) and DecoderModel (engine-internal).
#include "core/model/decoder_modules.h"
#include "core/model/safetensors_file.h"

#include <filesystem>
#include <string>
#include <vector>

namespace rankpo {

// How the loaded checkpoint spelled its tensors, so that saving writes the same names and dtype.
struct DecoderCheckpointLayout {
    std::string prefix;                                // "" (LlamaModel) or "model." (LlamaForCausalLM)
    bool lmHead = false;                               // an untied lm_head.weight is kept and written back
    SafeTensorsDtype dtype = SafeTensorsDtype::F32;    // of embed_tokens.weight: what the checkpoint stores
};

struct LoadedDecoder {
    DecoderModel model{nullptr};
    DecoderCheckpointLayout layout;
};

// Builds a DecoderModel for `config` and fills it from the safetensors files (one, or the shards). Every expected
// tensor must be there with the shape the config implies and every tensor in the files must be expected: a
// missing, unexpected or mis-shaped tensor is a data error naming it and its file. Accepted: a "model." prefix,
// an lm_head.weight (kept when untied, ignored when tied), rotary_emb.inv_freq buffers of older checkpoints.
// Weights of any float dtype (F32, F16, BF16) are converted to options.dtype.
LoadedDecoder loadDecoder(const DecoderConfig& config, const std::vector<std::filesystem::path>& files,
                          const DecoderOptions& options);

// Writes the model under the layout's names and dtype (one model.safetensors), so transformers loads it as is.
void writeDecoderWeights(DecoderModelImpl& model, const DecoderCheckpointLayout& layout, const std::filesystem::path& file);

} // namespace rankpo
