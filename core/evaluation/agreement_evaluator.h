#pragma once

#include "core/domain/preference.h"
#include "core/evaluation/multi_rater_agreement.h"

#include <cstdint>
#include <string>
#include <vector>

namespace rankpo {

// Agreement of two raters (or two sources) on the pairs both judged. Outcomes are compared in the pair's
// own frame (which candidate won, or a tie), whatever order each saw the candidates in. When a rater
// judged a pair more than once (an AI judge asked in both orders), every combination of one judgement
// from each side is one comparison.
struct AgreementStats {
    std::string raterA;
    std::string raterB;
    std::int64_t sharedPairs = 0;
    std::int64_t comparisons = 0;
    double agreement = 0.0;         // share of comparisons with the same outcome; NaN without comparisons
    double expectedAgreement = 0.0; // by chance, from each side's outcome frequencies
    double kappa = 0.0;             // Cohen's kappa over the 3 outcomes; NaN when undefined
};

struct AgreementReport {
    AgreementStats humanVsAi;                  // raterA "human", raterB "ai"
    std::vector<AgreementStats> betweenRaters; // every two raters ("ai:<model>", "human:<name>") sharing a pair
    // The team at once over the 3 outcomes: each rater's latest judgement of each pair (a person's replaces the
    // earlier; an AI judge asked in both orders counts once), people alone and people with the AI judges.
    MultiRaterAgreement people;
    MultiRaterAgreement everyone;
};

class AgreementEvaluator {
public:
    // Throws a data error when a preference shows the same candidate twice.
    AgreementReport evaluate(const std::vector<Preference>& preferences) const;
};

} // namespace rankpo
