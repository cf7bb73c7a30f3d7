#include "ui/agreement_calculator.h"

#include <algorithm>
#include <array>
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

} // namespace

AgreementSummary AgreementCalculator::compute(std::vector<Preference> prefs) const
{
    AgreementSummary s;
    std::sort(prefs.begin(), prefs.end(), [](const Preference& a, const Preference& b) {
        return a.pairId != b.pairId ? a.pairId < b.pairId : a.id < b.id;
    });

    std::map<std::pair<PreferenceSource, std::string>, AnnotatorCounts> annotators;
    std::array<std::int64_t, 3> humanMarginal{}, aiMarginal{};
    constexpr int kBinWidth = 10;
    std::array<CalibrationBin, 10> bins{};
    std::array<double, 10> confidenceSums{};
    for (int b = 0; b < 10; ++b) {
        bins[static_cast<std::size_t>(b)].from = b * kBinWidth;
        bins[static_cast<std::size_t>(b)].to = b == 9 ? 101 : (b + 1) * kBinWidth;
    }

    for (std::size_t begin = 0; begin < prefs.size();) {
        std::size_t end = begin;
        while (end < prefs.size() && prefs[end].pairId == prefs[begin].pairId)
            ++end;

        std::vector<const Preference*> ai;
        std::map<std::string, const Preference*> humans; // the latest per person
        for (std::size_t i = begin; i < end; ++i) {
            const Preference& p = prefs[i];
            AnnotatorCounts& c = annotators[{p.source, p.annotator}];
            c.source = p.source;
            c.annotator = p.annotator;
            ++c.judgements;
            c.ties += p.choice == Choice::Tie ? 1 : 0;
            c.firstShownWins += p.choice == Choice::First ? 1 : 0;
            if (p.source == PreferenceSource::Ai)
                ai.push_back(&p);
            else
                humans[p.annotator] = &p;
        }

        // Swap consistency, per AI judge that saw this pair both ways round.
        std::map<std::string, std::vector<const Preference*>> byJudge;
        for (const Preference* p : ai)
            byJudge[p->annotator].push_back(p);
        for (const auto& [judge, list] : byJudge) {
            bool first = false, second = false, consistent = true;
            for (const Preference* p : list) {
                (p->shownFirst == std::min(p->shownFirst, p->shownSecond) ? first : second) = true;
                consistent = consistent && outcomeOf(*p) == outcomeOf(*list.front());
            }
            if (first && second) {
                ++s.swapPairs;
                s.swapConsistent += consistent ? 1 : 0;
            }
        }

        if (!ai.empty() && !humans.empty()) {
            ++s.sharedPairs;
            const Disagreement* recorded = nullptr;
            Disagreement strongest;
            for (const auto& [name, h] : humans) {
                for (const Preference* a : ai) {
                    const int ho = outcomeOf(*h);
                    const int ao = outcomeOf(*a);
                    ++s.comparisons;
                    ++humanMarginal[static_cast<std::size_t>(ho)];
                    ++aiMarginal[static_cast<std::size_t>(ao)];
                    const bool agree = ho == ao;
                    s.agreements += agree ? 1 : 0;
                    if (a->confidence) {
                        const int bin = std::clamp(*a->confidence / kBinWidth, 0, 9);
                        auto& b = bins[static_cast<std::size_t>(bin)];
                        ++b.comparisons;
                        b.agreements += agree ? 1 : 0;
                        confidenceSums[static_cast<std::size_t>(bin)] += *a->confidence;
                    }
                    if (!agree && (!recorded || a->confidence.value_or(-1) > strongest.aiConfidence.value_or(-1))) {
                        strongest = {h->pairId, h->jobId, h->annotator, winnerOf(*h), a->annotator, winnerOf(*a), a->confidence};
                        recorded = &strongest;
                    }
                }
            }
            if (recorded) {
                ++s.disagreementCount;
                s.disagreements.push_back(strongest);
            }
        }
        begin = end;
    }

    s.agreement = s.comparisons ? static_cast<double>(s.agreements) / static_cast<double>(s.comparisons) : kNaN;
    if (s.comparisons) {
        const double n = static_cast<double>(s.comparisons);
        double expected = 0.0;
        for (std::size_t k = 0; k < 3; ++k)
            expected += (static_cast<double>(humanMarginal[k]) / n) * (static_cast<double>(aiMarginal[k]) / n);
        s.kappa = expected < 1.0 ? (s.agreement - expected) / (1.0 - expected) : kNaN;
    } else {
        s.kappa = kNaN;
    }

    for (auto& [key, c] : annotators) {
        const std::int64_t decided = c.judgements - c.ties;
        c.firstShownRate = decided ? static_cast<double>(c.firstShownWins) / static_cast<double>(decided) : kNaN;
        s.annotators.push_back(c);
    }
    for (std::size_t b = 0; b < bins.size(); ++b) {
        auto& bin = bins[b];
        bin.meanConfidence = bin.comparisons ? confidenceSums[b] / static_cast<double>(bin.comparisons) : kNaN;
        bin.agreementRate = bin.comparisons ? static_cast<double>(bin.agreements) / static_cast<double>(bin.comparisons) : kNaN;
        s.calibration.push_back(bin);
    }
    std::stable_sort(s.disagreements.begin(), s.disagreements.end(), [](const Disagreement& a, const Disagreement& b) {
        return a.aiConfidence.value_or(-1) > b.aiConfidence.value_or(-1);
    });
    if (s.disagreements.size() > AgreementSummary::kMaxDisagreements)
        s.disagreements.resize(AgreementSummary::kMaxDisagreements);
    return s;
}

} // namespace rankpo::ui
