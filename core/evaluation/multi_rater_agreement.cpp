#include "core/evaluation/multi_rater_agreement.h"

#include "core/util/error.h"

#include <cmath>
#include <string>

namespace rankpo {

MultiRaterAgreement multiRaterAgreement(const std::vector<std::vector<int>>& units, int categories)
{
    if (categories < 1)
        throw usageError("agreement needs at least one category");
    const auto k = static_cast<std::size_t>(categories);
    MultiRaterAgreement r;
    std::vector<double> totals(k, 0.0);        // ratings per category (pairable units only)
    std::vector<double> coincidence(k * k, 0.0); // Krippendorff's o_ck
    double sumP = 0.0;
    std::vector<double> counts(k);
    for (const auto& unit : units) {
        if (unit.size() < 2)
            continue;
        std::fill(counts.begin(), counts.end(), 0.0);
        for (int c : unit) {
            if (c < 0 || c >= categories)
                throw usageError("agreement: category " + std::to_string(c) + " outside [0, " + std::to_string(categories) + ")");
            counts[std::size_t(c)] += 1.0;
        }
        const double m = double(unit.size());
        double agreeingPairs = 0.0;
        for (std::size_t c = 0; c < k; ++c) {
            agreeingPairs += counts[c] * (counts[c] - 1.0);
            totals[c] += counts[c];
            for (std::size_t d = 0; d < k; ++d)
                coincidence[c * k + d] += counts[c] * (counts[d] - (c == d ? 1.0 : 0.0)) / (m - 1.0);
        }
        sumP += agreeingPairs / (m * (m - 1.0));
        ++r.units;
        r.ratings += std::int64_t(unit.size());
    }
    const double nan = std::nan("");
    if (r.units == 0) {
        r.observedAgreement = r.expectedAgreement = r.fleissKappa = r.krippendorffAlpha = nan;
        return r;
    }
    const double n = double(r.ratings);
    r.observedAgreement = sumP / double(r.units);
    double expected = 0.0, disagreeObserved = 0.0, disagreeExpected = 0.0;
    for (std::size_t c = 0; c < k; ++c) {
        expected += (totals[c] / n) * (totals[c] / n);
        for (std::size_t d = 0; d < k; ++d) {
            if (c == d)
                continue;
            disagreeObserved += coincidence[c * k + d];
            disagreeExpected += totals[c] * totals[d];
        }
    }
    r.expectedAgreement = expected;
    r.fleissKappa = expected < 1.0 ? (r.observedAgreement - expected) / (1.0 - expected) : nan;
    r.krippendorffAlpha = disagreeExpected > 0.0 ? 1.0 - (n - 1.0) * disagreeObserved / disagreeExpected : nan;
    return r;
}

} // namespace rankpo
