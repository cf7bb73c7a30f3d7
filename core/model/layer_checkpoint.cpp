#include "core/model/layer_checkpoint.h"

#include <ATen/Context.h>

#include <cstdint>
#include <mutex>

namespace rankpo {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

class CheckpointFunction : public torch::autograd::Function<CheckpointFunction> {
public:
    // params: the layer's parameters, inputs only so that autograd routes their gradients here.
    static torch::Tensor forward(AutogradContext* ctx, torch::Tensor x, torch::Tensor cos, torch::Tensor sin,
                                 std::int64_t layerAddress, bool preserveRng, std::vector<torch::Tensor> params)
    {
        (void)params;
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
        std::vector<torch::Tensor> inputs{x};
        std::vector<std::size_t> paramIndex; // position in the parameter list of each input after x
        const auto params = layer->parameters();
        for (std::size_t i = 0; i < params.size(); ++i) {
            if (params[i].requires_grad()) {
                inputs.push_back(params[i]);
                paramIndex.push_back(i);
            }
        }
        const variable_list g = torch::autograd::grad({y}, inputs, {grads[0]}, /*retain_graph=*/false,
                                                      /*create_graph=*/false, /*allow_unused=*/true);
        variable_list out(5 + params.size());
        out[0] = g[0];
        for (std::size_t k = 0; k < paramIndex.size(); ++k)
            out[5 + paramIndex[k]] = g[k + 1];
        return out;
    }
};

} // namespace

torch::Tensor checkpointedLayer(DecoderLayerImpl& layer, const torch::Tensor& x, const RopeTables& rope, bool preserveRng)
{
    return CheckpointFunction::apply(x, rope.cos, rope.sin,
                                     static_cast<std::int64_t>(reinterpret_cast<std::intptr_t>(&layer)), preserveRng,
                                     layer.parameters());
}

} // namespace rankpo
