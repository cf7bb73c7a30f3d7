#include "ui/annotate/shown_order.h"

#include "core/training/split_mix64.h"

namespace rankpo::ui {

CandidateId randomisedShownFirst(PairId pair, CandidateId lo, CandidateId hi, std::uint64_t sessionSeed)
{
    // splitmix64 of (seed, pair): consecutive pair ids get independent coins.
    SplitMix64 rng(sessionSeed + 0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(pair));
    return (rng.next() & 1) ? hi : lo;
}

} // namespace rankpo::ui
