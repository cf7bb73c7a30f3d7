#pragma once

// Agreement of a team: many raters, each unit (a pair) judged by any number of them. Cohen's kappa compares two
// raters at a time; these take every rating of every unit at once, as annotation teams report them.
#include <cstdint>
#include <vector>

namespace rankpo {

struct MultiRaterAgreement {
    std::int64_t units = 0;   // units with at least two ratings (the only ones that tell agreement)
    std::int64_t ratings = 0; // the ratings of those units
    double observedAgreement = 0.0; // Fleiss' P-bar: the mean share of agreeing rating pairs within a unit
    double expectedAgreement = 0.0; // Fleiss' P-e: from the overall category shares
    double fleissKappa = 0.0;       // (P-bar - P-e) / (1 - P-e); NaN when undefined
    double krippendorffAlpha = 0.0; // nominal alpha, 1 - D_o / D_e; NaN when undefined
};

// Each unit's ratings as categories in [0, categories); units with fewer than two ratings are left out.
// Fleiss' kappa is the form for units with different numbers of raters (each unit's P_i from its own n_i, the
// category shares over all ratings): with the same number everywhere, Fleiss (1971) exactly. Krippendorff's alpha
// (nominal) from the coincidence matrix, each unit's pairs weighted by 1 / (m_u - 1) (Krippendorff 2011).
// Throws a usage error on a category outside the range.
MultiRaterAgreement multiRaterAgreement(const std::vector<std::vector<int>>& units, int categories);

} // namespace rankpo
