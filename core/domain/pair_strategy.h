#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rankpo {

// How `rankpo make-pairs` draws pairs to judge from a model's ranking of one job's top K candidates.
enum class PairStrategy {
    Paper,     // as the paper did: two distinct ranks drawn uniformly from the top K, one after the other
    Adjacent,  // neighbours in the ranking, from the top down (hard pairs)
    Uniform,   // any two of the top K, every unordered pair equally likely (a shuffled list of all of them)
    Uncertain, // the smallest score gaps first (the pairs the model is least sure about)
};

std::string_view toString(PairStrategy strategy); // "paper", "adjacent", "uniform", "uncertain"
std::optional<PairStrategy> pairStrategyFromString(std::string_view text);

// Two positions (0-based) in a ranking; `first` is the one drawn first (shown first where that matters).
struct RankPair {
    int first = 0;
    int second = 0;
};

// Up to `count` distinct pairs of positions among the first `scores.size()` of a ranking (scores in rank order,
// best first), skipping those `taken` says exist already (it gets the two positions, in any order). The same
// seed gives the same pairs; `Adjacent` and `Uncertain` do not use it. Fewer pairs come back when the ranking
// has no more new ones. Deterministic across platforms: the generator is std::mt19937_64 and the draws are
// plain modulo reductions.
std::vector<RankPair> drawRankPairs(const std::vector<double>& scores, PairStrategy strategy, int count,
                                    std::uint64_t seed, const std::function<bool(int, int)>& taken);

} // namespace rankpo
