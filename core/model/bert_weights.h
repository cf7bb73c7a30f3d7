#pragma once

// Between Hugging Face BERT checkpoints (model.safetensors) and our modules (engine-internal: includes torch).
#include "core/model/safetensors_file.h"
#include "core/model/sentence_encoder.h"

#include <filesystem>

namespace rankpo {

// Builds a SentenceEncoder for `config` and `pooling` and fills it from the checkpoint. Every expected tensor
// must be there with the shape the config implies, and every tensor in the file must be expected: a missing,
// unexpected or mis-shaped tensor is a data error naming it. Accepted variations: a "bert." prefix (BertFor...
// checkpoints, whose "cls." pre-training heads are then ignored), LayerNorm gamma/beta names (old checkpoints),
// the embeddings.position_ids buffer, and an optional pooler (kept for saving).
SentenceEncoder loadSentenceEncoder(const BertConfig& config, PoolingMode pooling, const SafeTensorsFile& file);

// Writes the encoder's weights under Hugging Face BertModel names (float32), so transformers loads them as is.
void writeBertWeights(SentenceEncoder& encoder, const std::filesystem::path& file);

} // namespace rankpo
