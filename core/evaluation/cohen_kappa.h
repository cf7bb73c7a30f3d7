#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace rankpo {

struct KappaResult {
    std::int64_t items = 0;
    double observedAgreement = 0.0; // p_o: share of items both raters labelled alike
    double expectedAgreement = 0.0; // p_e: the agreement their label frequencies give by chance
    double kappa = 0.0;             // (p_o - p_e) / (1 - p_e); NaN when p_e == 1 or there are no items
};

// Cohen's kappa (unweighted, as scikit-learn's cohen_kappa_score) of label pairs (rater A, rater B),
// each label in [0, categories). Throws a usage error on a label outside that range.
KappaResult cohenKappa(const std::vector<std::pair<int, int>>& labels, int categories);

} // namespace rankpo
