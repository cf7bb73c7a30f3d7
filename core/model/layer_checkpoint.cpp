#include "core/model/layer_checkpoint.h"

#include <ATen/Context.h>

#include <atomic>
#include <cstdint>
#include <mutex>

namespace rankpo {
namespace {

std::atomic<std::int64_t> g_recomputations{0};

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

class CheckpointFunction : public torch::autograd::Function<CheckpointFunction> {
public:
    static torch::Tensor forward(AutogradContext* ctx, torch::Tensor x, torch::Tensor cos, torch::Tensor sin,
                                 std::int64_t layerAddress, bool preserveRng)
    {
        auto* layer = reinterpret_cast<DecoderLayerImpl*>(static_cast<std::intptr_t>(layerAddress));
        ctx->save_for_backward({x, cos, sin});
        ctx->saved_data["layer"] = layerAddress;
        ctx->saved_data["rng"] = preserveRng;
        if (preserveRng) {
            const at::Generator& gen = at::globalContext().defaultGenerator(x.device());
            std::lock_guard<std::mutex> lock(const_cast<at::Generator&>(gen).mutex());
            ctx->saved_data["rng_state"] = gen.get_state();
        }
        return layer->forward(x, RopeTables{cos, sin}); // grad mode is off inside a custom forward
    }

    static variable_list backward(AutogradContext* ctx, variable_list grads)
    {
        auto* layer = reinterpret_cast<DecoderLayerImpl*>(static_cast<std::intptr_t>(ctx->saved_data["layer"].toInt()));
        const variable_list saved = ctx->get_saved_variables();
        const bool preserveRng = ctx->saved_data["rng"].toBool();
        torch::Tensor x = saved[0].detach().requires_grad_(true);
        torch::Tensor y;
        {
            torch::AutoGradMode enable(true);
            if (preserveRng) {
                at::Generator gen = at::globalContext().defaultGenerator(x.device());
                torch::Tensor now;
                {
                    std::lock_guard<std::mutex> lock(gen.mutex());
                    now = gen.get_state();
                    gen.set_state(ctx->saved_data["rng_state"].toTensor());
                }
                y = layer->forward(x, RopeTables{saved[1], saved[2]});
                std::lock_guard<std::mutex> lock(gen.mutex());
                gen.set_state(now);
            } else {
                y = layer->forward(x, RopeTables{saved[1], saved[2]});
            }
        }
        // The reentrant form of torch.utils.checkpoint: a backward pass through the recomputed layer accumulates
        // the parameters' gradients into .grad and gives x's, which goes on down the outer graph.
        torch::autograd::backward({y}, {grads[0]});
        ++g_recomputations;
        return {x.grad(), torch::Tensor(), torch::Tensor(), torch::Tensor(), torch::Tensor()};
    }
};

} // namespace

std::int64_t checkpointRecomputations()
{
    return g_recomputations.load();
}

torch::Tensor checkpointedLayer(DecoderLayerImpl& layer, const torch::Tensor& x, const RopeTables& rope, bool preserveRng)
{
    if (!x.requires_grad()) // the function only enters the graph through x: without it, no recomputation
        return layer.forward(x, rope);
    return CheckpointFunction::apply(x, rope.cos, rope.sin,
                                     static_cast<std::int64_t>(reinterpret_cast<std::intptr_t>(&layer)), preserveRng);
}

} // namespace rankpo
