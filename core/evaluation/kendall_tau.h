#pragma once

#include <vector>

namespace rankpo {

// Kendall's tau-b between two scorings of the same items (x[i] and y[i] score item i; higher is better,
// or any order as long as both use the same direction): (concordant - discordant) /
// sqrt((pairs - ties in x) * (pairs - ties in y)), ties adjusted as scipy.stats.kendalltau's default.
// NaN when it is undefined (fewer than two items, or all of x or all of y tied). Throws a usage error
// when the sizes differ or a value is NaN.
double kendallTauB(const std::vector<double>& x, const std::vector<double>& y);

} // namespace rankpo
