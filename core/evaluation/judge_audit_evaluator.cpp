#include "core/evaluation/judge_audit_evaluator.h"

#include "core/evaluation/binomial_test.h"
#include "core/evaluation/pair_judgement.h"
#include "core/util/error.h"

#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

namespace rankpo {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct BucketTally {
    std::int64_t comparisons = 0;
    std::int64_t correct = 0;
    double confidenceSum = 0.0; // in [0, 1] units
};

// Everything counted for one judge; "ai" is the sum of the judges' tallies.
struct JudgeTally {
    std::int64_t judgements = 0, ties = 0, firstShownWins = 0;
    std::int64_t swapPairs = 0, swapComparisons = 0, swapConsistent = 0, firstShownWonBoth = 0;
    std::int64_t comparisons = 0, correct = 0, withoutConfidence = 0;
    std::vector<BucketTally> buckets;

    void addTo(JudgeTally& total) const
    {
        total.judgements += judgements;
        total.ties += ties;
        total.firstShownWins += firstShownWins;
        total.swapPairs += swapPairs;
        total.swapComparisons += swapComparisons;
        total.swapConsistent += swapConsistent;
        total.firstShownWonBoth += firstShownWonBoth;
        total.comparisons += comparisons;
        total.correct += correct;
        total.withoutConfidence += withoutConfidence;
        total.buckets.resize(buckets.size());
        for (std::size_t b = 0; b < buckets.size(); ++b) {
            total.buckets[b].comparisons += buckets[b].comparisons;
            total.buckets[b].correct += buckets[b].correct;
            total.buckets[b].confidenceSum += buckets[b].confidenceSum;
        }
    }
};

double ratio(std::int64_t a, std::int64_t b) { return b > 0 ? static_cast<double>(a) / static_cast<double>(b) : kNaN; }

std::size_t bucketOf(const std::vector<int>& edges, int confidence)
{
    for (std::size_t b = 0; b + 2 < edges.size(); ++b) {
        if (confidence < edges[b + 1])
            return b;
    }
    return edges.size() - 2;
}

void appendReport(JudgeAuditReport& report, const std::string& judge, const JudgeTally& t, const std::vector<int>& edges)
{
    PositionBiasStats position;
    position.judge = judge;
    position.judgements = t.judgements;
    position.ties = t.ties;
    position.firstShownWins = t.firstShownWins;
    position.firstShownWinRate = ratio(t.firstShownWins, t.judgements);
    position.pValue = binomialTestTwoSided(t.firstShownWins, t.judgements, 0.5);
    report.positionBias.push_back(position);

    SwapConsistencyStats swap;
    swap.judge = judge;
    swap.pairs = t.swapPairs;
    swap.comparisons = t.swapComparisons;
    swap.consistent = t.swapConsistent;
    swap.firstShownWonBoth = t.firstShownWonBoth;
    swap.rate = ratio(t.swapConsistent, t.swapComparisons);
    report.swapConsistency.push_back(swap);

    JudgeCalibration calibration;
    calibration.judge = judge;
    calibration.comparisons = t.comparisons;
    calibration.correct = t.correct;
    calibration.withoutConfidence = t.withoutConfidence;
    calibration.accuracy = ratio(t.correct, t.comparisons);
    std::int64_t bucketed = 0;
    double gap = 0.0;
    for (std::size_t b = 0; b + 1 < edges.size(); ++b) {
        const BucketTally tally = b < t.buckets.size() ? t.buckets[b] : BucketTally{};
        CalibrationBucket bucket;
        bucket.lowerConfidence = edges[b];
        bucket.upperConfidence = edges[b + 1];
        bucket.comparisons = tally.comparisons;
        bucket.correct = tally.correct;
        bucket.accuracy = ratio(tally.correct, tally.comparisons);
        bucket.meanConfidence = tally.comparisons > 0 ? tally.confidenceSum / static_cast<double>(tally.comparisons) : kNaN;
        if (tally.comparisons > 0) {
            bucketed += tally.comparisons;
            gap += static_cast<double>(tally.comparisons) * std::abs(bucket.accuracy - bucket.meanConfidence);
        }
        calibration.buckets.push_back(bucket);
    }
    calibration.expectedCalibrationError = bucketed > 0 ? gap / static_cast<double>(bucketed) : kNaN;
    report.calibration.push_back(std::move(calibration));
}

} // namespace

JudgeAuditEvaluator::JudgeAuditEvaluator(std::vector<int> confidenceEdges) : m_edges(std::move(confidenceEdges))
{
    bool ascending = true;
    for (std::size_t i = 1; i < m_edges.size(); ++i)
        ascending = ascending && m_edges[i] > m_edges[i - 1];
    if (m_edges.size() < 2 || m_edges.front() != 0 || m_edges.back() != 100 || !ascending)
        throw usageError("confidence buckets: edges must ascend from 0 to 100 (e.g. 0,50,60,70,80,90,100)");
}

JudgeAuditReport JudgeAuditEvaluator::evaluate(const std::vector<Preference>& preferences) const
{
    // Human outcomes per pair: the labels the judges are checked against.
    std::unordered_map<PairKey, std::vector<PairOutcome>, PairKeyHash> humanOutcomes;
    for (const auto& p : preferences) {
        const auto j = toPairJudgement(p);
        if (p.source == PreferenceSource::Human)
            humanOutcomes[j.pair].push_back(j.outcome);
    }

    std::map<std::string, JudgeTally> tallies;
    // Per judge and pair: the outcomes given with the lower id shown first, and with the higher shown first.
    std::map<std::string, std::map<PairKey, std::pair<std::vector<PairOutcome>, std::vector<PairOutcome>>>> orders;
    for (const auto& p : preferences) {
        if (p.source != PreferenceSource::Ai)
            continue;
        if (p.confidence && (*p.confidence < 0 || *p.confidence > 100))
            throw dataError("preference " + std::to_string(p.id) + " (job " + std::to_string(p.jobId)
                            + "): confidence " + std::to_string(*p.confidence) + " is outside 0..100");
        const std::string judge = raterLabel(p);
        auto& t = tallies[judge];
        t.buckets.resize(m_edges.size() - 1);
        const auto j = toPairJudgement(p);
        if (p.isTie()) {
            ++t.ties;
        } else {
            ++t.judgements;
            t.firstShownWins += p.choice == Choice::First ? 1 : 0;
        }
        auto& byOrder = orders[judge][j.pair];
        (j.lowerShownFirst ? byOrder.first : byOrder.second).push_back(j.outcome);

        const auto human = humanOutcomes.find(j.pair);
        if (human == humanOutcomes.end())
            continue;
        for (PairOutcome label : human->second) {
            const bool correct = label == j.outcome;
            ++t.comparisons;
            t.correct += correct ? 1 : 0;
            if (!p.confidence) {
                ++t.withoutConfidence;
                continue;
            }
            auto& bucket = t.buckets[bucketOf(m_edges, *p.confidence)];
            ++bucket.comparisons;
            bucket.correct += correct ? 1 : 0;
            bucket.confidenceSum += *p.confidence / 100.0;
        }
    }

    for (const auto& [judge, pairs] : orders) {
        auto& t = tallies[judge];
        for (const auto& [pair, byOrder] : pairs) {
            const auto& [lowerFirst, higherFirst] = byOrder;
            if (lowerFirst.empty() || higherFirst.empty())
                continue;
            ++t.swapPairs;
            for (PairOutcome a : lowerFirst) {
                for (PairOutcome b : higherFirst) {
                    ++t.swapComparisons;
                    t.swapConsistent += a == b ? 1 : 0;
                    // the first-shown candidate won in both orders: lower when it was first, higher when it was
                    t.firstShownWonBoth += (a == PairOutcome::LowerWins && b == PairOutcome::HigherWins) ? 1 : 0;
                }
            }
        }
    }

    JudgeTally pooled;
    pooled.buckets.resize(m_edges.size() - 1);
    for (const auto& [judge, t] : tallies)
        t.addTo(pooled);
    JudgeAuditReport report;
    appendReport(report, "ai", pooled, m_edges);
    for (const auto& [judge, t] : tallies)
        appendReport(report, judge, t, m_edges);
    return report;
}

} // namespace rankpo
