#include "ui/agreement/agreement_calculator.h"

#include "core/evaluation/agreement_evaluator.h"
#include "core/evaluation/binomial_test.h"
#include "core/evaluation/judge_audit_evaluator.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace rankpo::ui {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The outcome in the pair's frame: 0 = the smaller candidate id won, 1 = the larger, 2 = tie.
int outcomeOf(const Preference& p)
{
    if (p.choice == Choice::Tie)
        return 2;
    return p.winner() == std::min(p.shownFirst, p.shownSecond) ? 0 : 1;
}

std::optional<CandidateId> winnerOf(const Preference& p)
{
    return p.choice == Choice::Tie ? std::nullopt : std::optional<CandidateId>(p.winner());
}

// Every AI judgement, and each person's latest judgement of each pair.
std::vector<Preference> currentJudgements(std::vector<Preference> prefs)
{
    std::sort(prefs.begin(), prefs.end(), [](const Preference& a, const Preference& b) {
        return a.pairId != b.pairId ? a.pairId < b.pairId : a.id < b.id;
    });
    std::vector<Preference> out;
    out.reserve(prefs.size());
    for (std::size_t begin = 0; begin < prefs.size();) {
        std::size_t end = begin;
        std::map<std::string, std::size_t> latestHuman;
        while (end < prefs.size() && prefs[end].pairId == prefs[begin].pairId) {
            if (prefs[end].source == PreferenceSource::Human)
                latestHuman[prefs[end].annotator] = end;
            ++end;
        }
        for (std::size_t i = begin; i < end; ++i) {
            const auto it = latestHuman.find(prefs[i].annotator);
            if (prefs[i].source == PreferenceSource::Ai || (it != latestHuman.end() && it->second == i))
                out.push_back(std::move(prefs[i]));
        }
        begin = end;
    }
    return out;
}

} // namespace

AgreementSummary AgreementCalculator::compute(std::vector<Preference> preferences) const
{
    AgreementSummary s;
    const std::vector<Preference> prefs = currentJudgements(std::move(preferences));

    const AgreementReport agreement = AgreementEvaluator().evaluate(prefs);
    s.sharedPairs = agreement.humanVsAi.sharedPairs;
    s.comparisons = agreement.humanVsAi.comparisons;
    s.agreement = s.comparisons ? agreement.humanVsAi.agreement : kNaN;
    s.agreements = s.comparisons ? std::llround(s.agreement * static_cast<double>(s.comparisons)) : 0;
    s.expectedAgreement = agreement.humanVsAi.expectedAgreement;
    s.kappa = s.comparisons ? agreement.humanVsAi.kappa : kNaN;
    s.people = agreement.people;
    s.everyone = agreement.everyone;

    std::vector<int> edges;
    for (int e = 0; e <= 100; e += 10)
        edges.push_back(e);
    const JudgeAuditReport audit = JudgeAuditEvaluator(edges).evaluate(prefs);

    // Judgements per annotator; the AI judges' position bias from the audit, the people's here.
    std::map<std::pair<PreferenceSource, std::string>, AnnotatorCounts> annotators;
    for (const Preference& p : prefs) {
        AnnotatorCounts& c = annotators[{p.source, p.annotator}];
        c.source = p.source;
        c.annotator = p.annotator;
        ++c.judgements;
        c.ties += p.choice == Choice::Tie ? 1 : 0;
        c.firstShownWins += p.choice == Choice::First ? 1 : 0;
    }
    for (auto& [key, c] : annotators) {
        const std::int64_t decided = c.judgements - c.ties;
        c.firstShownRate = decided ? static_cast<double>(c.firstShownWins) / static_cast<double>(decided) : kNaN;
        c.pValue = binomialTestTwoSided(c.firstShownWins, decided);
        if (c.source == PreferenceSource::Ai) {
            for (const auto& bias : audit.positionBias) {
                if (bias.judge == "ai:" + c.annotator) {
                    c.firstShownRate = bias.firstShownWinRate;
                    c.pValue = bias.pValue;
                }
            }
        }
        s.annotators.push_back(c);
    }

    for (const auto& swap : audit.swapConsistency) {
        if (swap.judge != "ai")
            continue;
        s.swapPairs = swap.pairs;
        s.swapComparisons = swap.comparisons;
        s.swapConsistent = swap.consistent;
        s.swapRate = swap.comparisons ? swap.rate : kNaN;
    }
    s.calibrationError = kNaN;
    for (const auto& judge : audit.calibration) {
        if (judge.judge != "ai")
            continue;
        s.calibrationError = judge.expectedCalibrationError;
        for (const auto& b : judge.buckets) {
            CalibrationBin bin;
            bin.from = b.lowerConfidence;
            bin.to = b.upperConfidence == 100 ? 101 : b.upperConfidence;
            bin.comparisons = b.comparisons;
            bin.agreements = b.correct;
            bin.meanConfidence = b.comparisons ? b.meanConfidence * 100.0 : kNaN;
            bin.agreementRate = b.comparisons ? b.accuracy : kNaN;
            s.calibration.push_back(bin);
        }
    }

    // The disagreements to resolve: per pair, the most confident AI judgement that a person's differs from.
    for (std::size_t begin = 0; begin < prefs.size();) {
        std::size_t end = begin;
        while (end < prefs.size() && prefs[end].pairId == prefs[begin].pairId)
            ++end;
        std::optional<Disagreement> strongest;
        for (std::size_t h = begin; h < end; ++h) {
            if (prefs[h].source != PreferenceSource::Human)
                continue;
            for (std::size_t a = begin; a < end; ++a) {
                const Preference& ai = prefs[a];
                if (ai.source != PreferenceSource::Ai || outcomeOf(ai) == outcomeOf(prefs[h]))
                    continue;
                if (!strongest || ai.confidence.value_or(-1) > strongest->aiConfidence.value_or(-1))
                    strongest = Disagreement{prefs[h].pairId, prefs[h].jobId, prefs[h].annotator, winnerOf(prefs[h]),
                                             ai.annotator, winnerOf(ai), ai.confidence};
            }
        }
        if (strongest) {
            ++s.disagreementCount;
            s.disagreements.push_back(*strongest);
        }
        begin = end;
    }
    std::stable_sort(s.disagreements.begin(), s.disagreements.end(), [](const Disagreement& a, const Disagreement& b) {
        return a.aiConfidence.value_or(-1) > b.aiConfidence.value_or(-1);
    });
    if (s.disagreements.size() > AgreementSummary::kMaxDisagreements)
        s.disagreements.resize(AgreementSummary::kMaxDisagreements);
    return s;
}

} // namespace rankpo::ui
