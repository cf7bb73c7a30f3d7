#include "core/losses/tensor_checks.h"

#include "core/util/error.h"

namespace rankpo {

std::string shapeString(const torch::Tensor& t)
{
    if (!t.defined())
        return "undefined";
    std::string s = "[";
    for (int64_t i = 0; i < t.dim(); ++i) {
        if (i)
            s += ", ";
        s += std::to_string(t.size(i));
    }
    return s + "]";
}

void requireFloatTensor(const torch::Tensor& t, const char* owner, const char* name, int64_t rank)
{
    if (!t.defined())
        throw usageError(std::string(owner) + ": tensor '" + name + "' is missing");
    if (!t.is_floating_point())
        throw usageError(std::string(owner) + ": tensor '" + name + "' must be floating point, got "
                         + std::string(c10::toString(t.scalar_type())));
    if (t.dim() != rank)
        throw usageError(std::string(owner) + ": tensor '" + name + "' must have " + std::to_string(rank)
                         + " dimension(s), got shape " + shapeString(t));
}

void requireSameShape(const torch::Tensor& t, const char* owner, const char* name, const torch::Tensor& reference,
                      const char* referenceName)
{
    if (t.sizes() != reference.sizes())
        throw usageError(std::string(owner) + ": tensor '" + name + "' has shape " + shapeString(t) + " but '"
                         + referenceName + "' has shape " + shapeString(reference));
}

void requireSameDevice(const torch::Tensor& t, const char* owner, const char* name, const torch::Tensor& reference,
                       const char* referenceName)
{
    if (t.device() != reference.device())
        throw usageError(std::string(owner) + ": tensor '" + name + "' is on " + t.device().str() + " but '"
                         + referenceName + "' is on " + reference.device().str());
}

void requireFinite(const torch::Tensor& t, const char* owner, const char* name)
{
    if (!torch::isfinite(t.detach()).all().item<bool>())
        throw dataError(std::string(owner) + ": tensor '" + name + "' contains NaN or infinite values");
}

} // namespace rankpo
