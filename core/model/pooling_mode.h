#pragma once

#include <string>

namespace rankpo {

// How token states become one sentence vector. Cls: the first token (BGE); Mean: the average over real tokens
// (all-MiniLM); LastToken: the last real token (decoder models).
enum class PoolingMode { Cls, Mean, LastToken };

const char* poolingName(PoolingMode mode); // "cls", "mean", "lasttoken"

} // namespace rankpo
