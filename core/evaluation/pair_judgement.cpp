#include "core/evaluation/pair_judgement.h"

#include "core/util/error.h"

namespace rankpo {

PairJudgement toPairJudgement(const Preference& preference)
{
    if (preference.shownFirst == preference.shownSecond)
        throw dataError("preference " + std::to_string(preference.id) + " (job " + std::to_string(preference.jobId)
                        + "): both shown candidates are " + std::to_string(preference.shownFirst));
    PairJudgement j;
    j.lowerShownFirst = preference.shownFirst < preference.shownSecond;
    j.pair = {preference.jobId, j.lowerShownFirst ? preference.shownFirst : preference.shownSecond,
              j.lowerShownFirst ? preference.shownSecond : preference.shownFirst};
    if (preference.choice == Choice::Tie)
        j.outcome = PairOutcome::Tie;
    else
        j.outcome = preference.winner() == j.pair.lower ? PairOutcome::LowerWins : PairOutcome::HigherWins;
    return j;
}

std::string raterLabel(const Preference& preference)
{
    return std::string(toString(preference.source)) + ":" + preference.annotator;
}

} // namespace rankpo
