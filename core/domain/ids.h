#pragma once

#include <cstdint>

namespace rankpo {

// Row ids of the project store. 0 means "not stored yet".
using JobId = std::int64_t;
using CandidateId = std::int64_t;
using PairId = std::int64_t;
using PreferenceId = std::int64_t;

} // namespace rankpo
