#include "core/evaluation/agreement_evaluator.h"

#include "core/evaluation/cohen_kappa.h"
#include "core/evaluation/pair_judgement.h"

#include <map>
#include <utility>

namespace rankpo {
namespace {

struct RatedOutcome {
    std::size_t rater;
    PreferenceSource source;
    int outcome;
    std::pair<std::int64_t, std::int64_t> madeAt; // (createdAt, id): which of a rater's judgements is the latest
};

struct Comparisons {
    std::int64_t sharedPairs = 0;
    std::vector<std::pair<int, int>> labels;
};

AgreementStats toStats(std::string a, std::string b, const Comparisons& c)
{
    const auto kappa = cohenKappa(c.labels, kPairOutcomeCount);
    AgreementStats s;
    s.raterA = std::move(a);
    s.raterB = std::move(b);
    s.sharedPairs = c.sharedPairs;
    s.comparisons = kappa.items;
    s.agreement = kappa.observedAgreement;
    s.expectedAgreement = kappa.expectedAgreement;
    s.kappa = kappa.kappa;
    return s;
}

} // namespace

AgreementReport AgreementEvaluator::evaluate(const std::vector<Preference>& preferences) const
{
    std::map<std::string, std::size_t> raterIndex;
    for (const auto& p : preferences)
        raterIndex.emplace(raterLabel(p), 0);
    std::vector<std::string> raters;
    for (auto& [label, index] : raterIndex) {
        index = raters.size();
        raters.push_back(label);
    }

    std::map<PairKey, std::vector<RatedOutcome>> byPair;
    for (const auto& p : preferences) {
        const auto j = toPairJudgement(p);
        byPair[j.pair].push_back({raterIndex[raterLabel(p)], p.source, static_cast<int>(j.outcome),
                                  {p.createdAt, std::int64_t(p.id)}});
    }

    Comparisons humanVsAi;
    std::map<std::pair<std::size_t, std::size_t>, Comparisons> betweenRaters;
    for (const auto& [pair, judgements] : byPair) {
        bool shared = false;
        std::map<std::pair<std::size_t, std::size_t>, bool> sharedByRaters;
        for (const auto& a : judgements) {
            for (const auto& b : judgements) {
                if (a.source == PreferenceSource::Human && b.source == PreferenceSource::Ai) {
                    humanVsAi.labels.emplace_back(a.outcome, b.outcome);
                    shared = true;
                }
                if (a.rater < b.rater) {
                    betweenRaters[{a.rater, b.rater}].labels.emplace_back(a.outcome, b.outcome);
                    sharedByRaters[{a.rater, b.rater}] = true;
                }
            }
        }
        humanVsAi.sharedPairs += shared ? 1 : 0;
        for (const auto& [raterPair, unused] : sharedByRaters)
            ++betweenRaters[raterPair].sharedPairs;
    }

    AgreementReport report;
    std::vector<std::vector<int>> peopleUnits, everyoneUnits;
    for (const auto& [pair, judgements] : byPair) {
        std::map<std::size_t, const RatedOutcome*> latest; // equal times: the later in the input
        for (const auto& j : judgements) {
            const RatedOutcome*& kept = latest[j.rater];
            if (!kept || j.madeAt >= kept->madeAt)
                kept = &j;
        }
        std::vector<int> people, everyone;
        for (const auto& [rater, j] : latest) {
            everyone.push_back(j->outcome);
            if (j->source == PreferenceSource::Human)
                people.push_back(j->outcome);
        }
        peopleUnits.push_back(std::move(people));
        everyoneUnits.push_back(std::move(everyone));
    }
    report.people = multiRaterAgreement(peopleUnits, kPairOutcomeCount);
    report.everyone = multiRaterAgreement(everyoneUnits, kPairOutcomeCount);
    report.humanVsAi = toStats("human", "ai", humanVsAi);
    for (const auto& [raterPair, comparisons] : betweenRaters)
        report.betweenRaters.push_back(toStats(raters[raterPair.first], raters[raterPair.second], comparisons));
    return report;
}

} // namespace rankpo
