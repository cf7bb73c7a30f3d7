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

} // namespace rankpo
