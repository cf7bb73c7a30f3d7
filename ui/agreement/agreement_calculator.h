#pragma once

#include "core/domain/preference.h"
#include "core/evaluation/multi_rater_agreement.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rankpo::ui {

// Judgements per annotator, and how often the first-shown candidate won: the order is randomised (or
// should be), so a rate far from 50% is position bias.
struct AnnotatorCounts {
    PreferenceSource source = PreferenceSource::Human;
    std::string annotator;
    std::int64_t judgements = 0;
    std::int64_t ties = 0;
    std::int64_t firstShownWins = 0;
    double firstShownRate = 0.0; // of the judgements that are not ties; NaN without any
    double pValue = 1.0;         // exact two-sided binomial test of firstShownWins against 50%
};

// The AI's stated confidence against how often a person agreed with it.
struct CalibrationBin {
    int from = 0; // confidence in [from, to)
    int to = 0;
    std::int64_t comparisons = 0;
    std::int64_t agreements = 0;
    double meanConfidence = 0.0; // 0..100; NaN when empty
    double agreementRate = 0.0;  // 0..1; NaN when empty
};

struct Disagreement {
    PairId pair = 0;
    JobId job = 0;
    std::string human;              // annotator
    std::optional<CandidateId> humanWinner; // nullopt: tie
    std::string ai;                 // judge model
    std::optional<CandidateId> aiWinner;
    std::optional<int> aiConfidence;
};

struct AgreementSummary {
    // Human vs AI, in the pair's own frame (which candidate won, or a tie), over every combination of
    // a person's current judgement and an AI judgement of the same pair.
    std::int64_t sharedPairs = 0;
    std::int64_t comparisons = 0;
    std::int64_t agreements = 0;
    double agreement = 0.0; // NaN without comparisons
    double expectedAgreement = 0.0; // by chance, from both sides' outcome frequencies
    double kappa = 0.0;     // Cohen's kappa over {first, second, tie}; NaN when undefined
    std::vector<AnnotatorCounts> annotators;
    // The whole team over the pairs two or more people judged (the AI judges beside): Krippendorff's alpha
    // and Fleiss' kappa.
    MultiRaterAgreement people;
    MultiRaterAgreement everyone;
    // AI judges asked about the same pair in both orders (all judges pooled): each judgement in one
    // order against each in the other, consistent when the outcome is the same.
    std::int64_t swapPairs = 0;
    std::int64_t swapComparisons = 0;
    std::int64_t swapConsistent = 0;    // consistent comparisons
    double swapRate = 0.0;              // NaN without comparisons
    std::vector<CalibrationBin> calibration; // confidence 0-10, ..., 90-100 (all AI judges pooled)
    double calibrationError = 0.0;      // expected calibration error; NaN without a filled bin
    std::vector<Disagreement> disagreements; // most confident AI first; at most kMaxDisagreements
    std::int64_t disagreementCount = 0;

    static constexpr std::size_t kMaxDisagreements = 5000;
};

// The agreement page's adapter over the project's evaluators (core/evaluation): AgreementEvaluator
// for human-AI agreement and Cohen's kappa, JudgeAuditEvaluator for the AI judges' position bias
// (binomial test), swap consistency and calibration; it adds what only the page needs (each
// person's first-position rate, the disagreements to resolve). A person's current judgement of a
// pair is their latest: earlier ones are left out. Preferences are taken by value: sorted by pair.
class AgreementCalculator {
public:
    AgreementSummary compute(std::vector<Preference> preferences) const;
};

} // namespace rankpo::ui
