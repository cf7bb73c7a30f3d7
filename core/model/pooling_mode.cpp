#include "core/model/pooling_mode.h"

#include "core/util/error.h"

namespace rankpo {

const char* poolingName(PoolingMode mode)
{
    switch (mode) {
    case PoolingMode::Cls: return "cls";
    case PoolingMode::Mean: return "mean";
    case PoolingMode::LastToken: return "lasttoken";
    }
    return "?";
}

PoolingMode parsePoolingName(const std::string& name)
{
    if (name == "cls")
        return PoolingMode::Cls;
    if (name == "mean")
        return PoolingMode::Mean;
    if (name == "lasttoken")
        return PoolingMode::LastToken;
    throw usageError("unknown pooling '" + name + "' (cls, mean or lasttoken)");
}

} // namespace rankpo
