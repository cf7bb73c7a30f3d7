#include "core/evaluation/cohen_kappa.h"

#include "core/util/error.h"

#include <limits>
#include <string>

namespace rankpo {

KappaResult cohenKappa(const std::vector<std::pair<int, int>>& labels, int categories)
{
    KappaResult result;
    result.items = static_cast<std::int64_t>(labels.size());
    if (labels.empty()) {
        result.observedAgreement = result.expectedAgreement = result.kappa = std::numeric_limits<double>::quiet_NaN();
        return result;
    }
    std::vector<double> marginalA(static_cast<std::size_t>(categories), 0.0);
    std::vector<double> marginalB(static_cast<std::size_t>(categories), 0.0);
    double agreed = 0.0;
    for (const auto& [a, b] : labels) {
        if (a < 0 || a >= categories || b < 0 || b >= categories)
            throw usageError("cohenKappa: label pair (" + std::to_string(a) + ", " + std::to_string(b)
                             + ") outside [0, " + std::to_string(categories) + ")");
        marginalA[static_cast<std::size_t>(a)] += 1.0;
        marginalB[static_cast<std::size_t>(b)] += 1.0;
        if (a == b)
            agreed += 1.0;
    }
    const double n = static_cast<double>(labels.size());
    double expected = 0.0;
    for (int c = 0; c < categories; ++c)
        expected += marginalA[static_cast<std::size_t>(c)] * marginalB[static_cast<std::size_t>(c)];
    result.observedAgreement = agreed / n;
    result.expectedAgreement = expected / (n * n);
    // 1 - (observed disagreement / expected disagreement), the form scikit-learn computes.
    const double expectedDisagreement = n * n - expected;
    const double observedDisagreement = (n - agreed) * n;
    result.kappa = expectedDisagreement == 0.0 ? std::numeric_limits<double>::quiet_NaN()
                                               : 1.0 - observedDisagreement / expectedDisagreement;
    return result;
}

} // namespace rankpo
