#include "core/evaluation/wilson_interval.h"

#include "core/util/error.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace rankpo {

ProportionInterval wilsonInterval(double successes, double trials, double z)
{
    if (!(trials >= 0.0) || !(successes >= 0.0) || successes > trials || !(z > 0.0))
        throw usageError("wilsonInterval: need 0 <= successes (" + std::to_string(successes) + ") <= trials ("
                         + std::to_string(trials) + ") and z > 0");
    if (trials == 0.0)
        return {0.0, 1.0};
    const double p = successes / trials;
    const double z2 = z * z;
    const double denominator = 1.0 + z2 / trials;
    const double centre = (p + z2 / (2.0 * trials)) / denominator;
    const double halfWidth = z * std::sqrt(p * (1.0 - p) / trials + z2 / (4.0 * trials * trials)) / denominator;
    return {std::max(0.0, centre - halfWidth), std::min(1.0, centre + halfWidth)};
}

} // namespace rankpo
