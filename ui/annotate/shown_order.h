#pragma once

#include "core/domain/ids.h"

#include <cstdint>

namespace rankpo::ui {

// Which candidate an annotator sees first (as "A"): a fair coin per pair, fixed for a session seed,
// so that going back to a pair shows it the same way, while position bias averages out across pairs.
CandidateId randomisedShownFirst(PairId pair, CandidateId lo, CandidateId hi, std::uint64_t sessionSeed);

} // namespace rankpo::ui
