#pragma once

#include <cstdint>

namespace rankpo {

// The exact two-sided binomial test p-value of `successes` in `trials` under success probability `p`:
// the probability of every outcome no more likely than the one observed (scipy.stats.binomtest's
// definition, including its 1e-7 relative tolerance on "no more likely"). 1 when trials == 0.
// Throws a usage error unless 0 <= successes <= trials and 0 < p < 1.
double binomialTestTwoSided(std::int64_t successes, std::int64_t trials, double p = 0.5);

} // namespace rankpo
