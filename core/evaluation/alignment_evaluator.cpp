#include "core/evaluation/alignment_evaluator.h"

#include "core/evaluation/pair_judgement.h"
#include "core/util/error.h"

#include <limits>
#include <map>

namespace rankpo {
namespace {

struct Tally {
    std::int64_t pairs = 0;
    std::int64_t scoreTies = 0;
    double aligned = 0.0;

    void add(double winnerScore, double loserScore)
    {
        ++pairs;
        if (winnerScore > loserScore) {
            aligned += 1.0;
        } else if (winnerScore == loserScore) {
            aligned += 0.5;
            ++scoreTies;
        }
    }
};

AlignmentGroup toGroup(const std::string& name, const Tally& t)
{
    AlignmentGroup g;
    g.group = name;
    g.pairs = t.pairs;
    g.scoreTies = t.scoreTies;
    g.aligned = t.aligned;
    g.rate = t.pairs > 0 ? t.aligned / static_cast<double>(t.pairs) : std::numeric_limits<double>::quiet_NaN();
    g.interval95 = wilsonInterval(t.aligned, static_cast<double>(t.pairs));
    return g;
}

double scoreOf(const JobCandidateScores& scores, const Preference& p, CandidateId candidate)
{
    const auto score = scores.find(p.jobId, candidate);
    if (!score)
        throw dataError("alignment: no model score for job " + std::to_string(p.jobId) + ", candidate "
                        + std::to_string(candidate) + " (preference " + std::to_string(p.id) + ")");
    return *score;
}

} // namespace

AlignmentReport AlignmentEvaluator::evaluate(const std::vector<Preference>& preferences, const JobCandidateScores& scores) const
{
    Tally all, ai, human;
    std::map<std::string, Tally> byRater;
    AlignmentReport report;
    for (const auto& p : preferences) {
        toPairJudgement(p); // validates the pair
        if (p.isTie()) {
            ++report.judgedTies;
            continue;
        }
        const double winner = scoreOf(scores, p, p.winner());
        const double loser = scoreOf(scores, p, p.loser());
        all.add(winner, loser);
        (p.source == PreferenceSource::Ai ? ai : human).add(winner, loser);
        byRater[raterLabel(p)].add(winner, loser);
    }
    report.groups.push_back(toGroup("all", all));
    if (ai.pairs > 0)
        report.groups.push_back(toGroup("ai", ai));
    if (human.pairs > 0)
        report.groups.push_back(toGroup("human", human));
    for (const auto& [rater, tally] : byRater)
        report.groups.push_back(toGroup(rater, tally));
    return report;
}

} // namespace rankpo
