#include "core/training/hard_negative_miner.h"

#include "core/training/split_mix64.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <unordered_set>

namespace rankpo {

std::string_view toString(HardNegativeMethod method)
{
    return method == HardNegativeMethod::Sample ? "sample" : "topk";
}

std::optional<HardNegativeMethod> hardNegativeMethodFromString(std::string_view text)
{
    for (auto method : {HardNegativeMethod::TopK, HardNegativeMethod::Sample})
        if (toString(method) == text)
            return method;
    return std::nullopt;
}

void HardNegativeMinerOptions::validate() const
{
    const std::string owner = "hard-negative miner options: ";
    if (skipTop < 0)
        throw usageError(owner + "skipTop must be >= 0, got " + std::to_string(skipTop));
    if (searchDepth < 0)
        throw usageError(owner + "searchDepth must be >= 0 (0: the whole ranking), got " + std::to_string(searchDepth));
    if (searchDepth > 0 && searchDepth <= skipTop)
        throw usageError(owner + "searchDepth (" + std::to_string(searchDepth) + ") must be greater than skipTop ("
                         + std::to_string(skipTop) + ")");
    if (negativesPerJob < 1)
        throw usageError(owner + "negativesPerJob must be >= 1, got " + std::to_string(negativesPerJob));
}

HardNegativeMiner::HardNegativeMiner(HardNegativeMinerOptions options) : m_options(options)
{
    m_options.validate();
}

std::vector<CandidateIndex> HardNegativeMiner::rankRow(const float* row, std::size_t candidates, std::size_t depth)
{
    std::vector<CandidateIndex> order(candidates);
    std::iota(order.begin(), order.end(), CandidateIndex{0});
    const std::size_t keep = depth == 0 ? candidates : std::min(depth, candidates);
    // A total order (score, then index) so the result does not depend on the sort's implementation.
    const auto better = [row](CandidateIndex a, CandidateIndex b) {
        return row[a] > row[b] || (row[a] == row[b] && a < b);
    };
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(), better);
    order.resize(keep);
    return order;
}

std::vector<std::vector<CandidateIndex>>
HardNegativeMiner::mine(const std::vector<std::vector<CandidateIndex>>& rankedLists,
                        const std::vector<std::vector<CandidateIndex>>& positives) const
{
    if (rankedLists.size() != positives.size())
        throw dataError("hard-negative mining: " + std::to_string(rankedLists.size()) + " ranked lists but "
                        + std::to_string(positives.size()) + " positive lists");
    const auto begin = static_cast<std::size_t>(m_options.skipTop);
    const auto wanted = static_cast<std::size_t>(m_options.negativesPerJob);
    std::vector<std::vector<CandidateIndex>> result(rankedLists.size());
    for (std::size_t job = 0; job < rankedLists.size(); ++job) {
        const auto& ranked = rankedLists[job];
        const std::unordered_set<CandidateIndex> excluded(positives[job].begin(), positives[job].end());
        const std::size_t end =
            m_options.searchDepth == 0 ? ranked.size() : std::min(ranked.size(), static_cast<std::size_t>(m_options.searchDepth));
        std::unordered_set<CandidateIndex> taken;
        auto& negatives = result[job];
        // topk stops at the wanted count; sample collects the whole range to draw from.
        const bool sample = m_options.method == HardNegativeMethod::Sample;
        // Upstream slices the ranking to the search range first and filters positives afterwards,
        // so a positive inside the skipped top does not shift the range.
        for (std::size_t rank = begin; rank < end && (sample || negatives.size() < wanted); ++rank) {
            const CandidateIndex candidate = ranked[rank];
            if (candidate < 0)
                throw dataError("hard-negative mining: job " + std::to_string(job) + " has an invalid candidate index "
                                + std::to_string(candidate) + " at rank " + std::to_string(rank));
            if (excluded.count(candidate) || !taken.insert(candidate).second)
                continue;
            negatives.push_back(candidate);
        }
        if (negatives.size() < wanted && !m_options.allowFewer)
            throw dataError("hard-negative mining: job " + std::to_string(job) + " has only "
                            + std::to_string(negatives.size()) + " negatives in ranks [" + std::to_string(begin) + ", "
                            + std::to_string(end) + "), " + std::to_string(wanted)
                            + " wanted: widen the search range or allow fewer");
        if (sample && negatives.size() > wanted) {
            // A seeded partial Fisher-Yates over the positions, kept in rank order: job j's draw depends on
            // the seed and j only.
            std::vector<std::size_t> positions(negatives.size());
            std::iota(positions.begin(), positions.end(), std::size_t{0});
            SplitMix64 rng(deriveSeed(m_options.seed, static_cast<std::uint64_t>(job)));
            for (std::size_t k = 0; k < wanted; ++k)
                std::swap(positions[k], positions[k + static_cast<std::size_t>(rng.nextBelow(positions.size() - k))]);
            positions.resize(wanted);
            std::sort(positions.begin(), positions.end());
            std::vector<CandidateIndex> drawn;
            for (std::size_t p : positions)
                drawn.push_back(negatives[p]);
            negatives = std::move(drawn);
        }
    }
    return result;
}

std::vector<std::vector<CandidateIndex>>
HardNegativeMiner::mine(const ScoreMatrixView& scores, const std::vector<std::vector<CandidateIndex>>& positives) const
{
    if (scores.jobs > 0 && scores.candidates > 0 && scores.data == nullptr)
        throw usageError("hard-negative mining: the score matrix has no data");
    if (positives.size() != scores.jobs)
        throw dataError("hard-negative mining: the score matrix has " + std::to_string(scores.jobs) + " rows but "
                        + std::to_string(positives.size()) + " positive lists were given");
    const auto depth = static_cast<std::size_t>(m_options.searchDepth);
    std::vector<std::vector<CandidateIndex>> ranked(scores.jobs);
    for (std::size_t job = 0; job < scores.jobs; ++job) {
        const float* row = scores.data + job * scores.candidates;
        for (std::size_t c = 0; c < scores.candidates; ++c)
            if (std::isnan(row[c]))
                throw dataError("hard-negative mining: score of job " + std::to_string(job) + ", candidate "
                                + std::to_string(c) + " is NaN");
        for (CandidateIndex p : positives[job])
            if (p < 0 || static_cast<std::size_t>(p) >= scores.candidates)
                throw dataError("hard-negative mining: job " + std::to_string(job) + " has positive " + std::to_string(p)
                                + " outside the " + std::to_string(scores.candidates) + " scored candidates");
        ranked[job] = rankRow(row, scores.candidates, depth);
    }
    return mine(ranked, positives);
}

} // namespace rankpo
