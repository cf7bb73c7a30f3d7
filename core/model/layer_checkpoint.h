#pragma once

// Gradient checkpointing of one decoder layer (engine-internal: includes torch). libtorch's C++ API has no
// torch.utils.checkpoint, so this is a custom autograd function: forward runs the layer without recording a graph
// (only its input is kept), backward runs it again with gradients on and back-propagates through that (the
// reentrant form: the parameters' gradients are accumulated by that inner backward). An input that does not
// require gradients (frozen embeddings) runs the layer plainly, since the function would not enter the graph.
#include "core/model/decoder_modules.h"

#include <torch/torch.h>

namespace rankpo {

// The layer's output, differentiable with respect to x and the layer's parameters. With preserveRng the random
// state (dropout) of x's device is saved before the forward and restored for the recomputation, so that both
// passes draw the same masks.
torch::Tensor checkpointedLayer(DecoderLayerImpl& layer, const torch::Tensor& x, const RopeTables& rope, bool preserveRng);

// How many layer recomputations backward passes have run in this process (tests check that checkpointing ran).
std::int64_t checkpointRecomputations();

} // namespace rankpo
