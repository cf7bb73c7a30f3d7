#include "core/evaluation/kendall_tau.h"

#include "core/util/error.h"

#include <cmath>
#include <cstdint>
#include <limits>

namespace rankpo {

double kendallTauB(const std::vector<double>& x, const std::vector<double>& y)
{
    if (x.size() != y.size())
        throw usageError("Kendall's tau: the two scorings have " + std::to_string(x.size()) + " and " +
                         std::to_string(y.size()) + " items");
    for (std::size_t i = 0; i < x.size(); ++i)
        if (std::isnan(x[i]) || std::isnan(y[i]))
            throw usageError("Kendall's tau: item " + std::to_string(i) + " has no score (NaN)");
    // Pairwise: per job the candidates number in the tens, where O(n^2) is the simplest exact count.
    std::int64_t concordant = 0, discordant = 0, tiedX = 0, tiedY = 0, pairs = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t j = i + 1; j < x.size(); ++j) {
            ++pairs;
            const int sx = (x[i] > x[j]) - (x[i] < x[j]);
            const int sy = (y[i] > y[j]) - (y[i] < y[j]);
            tiedX += sx == 0 ? 1 : 0;
            tiedY += sy == 0 ? 1 : 0;
            if (sx * sy > 0)
                ++concordant;
            else if (sx * sy < 0)
                ++discordant;
        }
    const double denominator = std::sqrt(static_cast<double>(pairs - tiedX)) * std::sqrt(static_cast<double>(pairs - tiedY));
    if (pairs == 0 || denominator == 0)
        return std::numeric_limits<double>::quiet_NaN();
    return static_cast<double>(concordant - discordant) / denominator;
}

} // namespace rankpo
