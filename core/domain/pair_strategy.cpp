#include "core/domain/pair_strategy.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <utility>

namespace rankpo {

std::string_view toString(PairStrategy strategy)
{
    switch (strategy) {
    case PairStrategy::Paper: return "paper";
    case PairStrategy::Adjacent: return "adjacent";
    case PairStrategy::Uniform: return "uniform";
    case PairStrategy::Uncertain: return "uncertain";
    }
    return "paper";
}

std::optional<PairStrategy> pairStrategyFromString(std::string_view text)
{
    for (PairStrategy s : {PairStrategy::Paper, PairStrategy::Adjacent, PairStrategy::Uniform, PairStrategy::Uncertain})
        if (toString(s) == text)
            return s;
    return std::nullopt;
}

std::vector<RankPair> drawRankPairs(const std::vector<double>& scores, PairStrategy strategy, int count,
                                    std::uint64_t seed, const std::function<bool(int, int)>& taken)
{
    std::vector<RankPair> out;
    const int k = static_cast<int>(scores.size());
    if (k < 2 || count < 1)
        return out;
    std::set<std::pair<int, int>> chosen;
    auto take = [&](int a, int b) {
        const std::pair<int, int> key{std::min(a, b), std::max(a, b)};
        if (a == b || chosen.count(key) || (taken && taken(a, b)))
            return false;
        chosen.insert(key);
        out.push_back({a, b});
        return true;
    };
    const std::int64_t all = static_cast<std::int64_t>(k) * (k - 1) / 2;
    std::mt19937_64 rng(seed);
    switch (strategy) {
    case PairStrategy::Paper: {
        // Rejection sampling like the paper's script, with a bound so that a ranking whose pairs are nearly all
        // taken still ends; what the bound leaves is picked up in a fixed order, so a ranking with n new pairs
        // left always yields min(count, n).
        std::int64_t tries = 0;
        const std::int64_t maxTries = 20 * std::max<std::int64_t>(count, 1) + 4 * all;
        while (static_cast<int>(out.size()) < count && tries++ < maxTries) {
            const int a = static_cast<int>(rng() % static_cast<std::uint64_t>(k));
            const int b = static_cast<int>(rng() % static_cast<std::uint64_t>(k));
            take(a, b);
        }
        for (int a = 0; a < k && static_cast<int>(out.size()) < count; ++a)
            for (int b = a + 1; b < k && static_cast<int>(out.size()) < count; ++b)
                take(a, b);
        break;
    }
    case PairStrategy::Adjacent:
        for (int a = 0; a + 1 < k && static_cast<int>(out.size()) < count; ++a)
            take(a, a + 1);
        // Then the next-nearest (a, a + 2), ... so that a job still gets its count when neighbours are taken.
        for (int gap = 2; gap < k && static_cast<int>(out.size()) < count; ++gap)
            for (int a = 0; a + gap < k && static_cast<int>(out.size()) < count; ++a)
                take(a, a + gap);
        break;
    case PairStrategy::Uniform: {
        std::vector<std::pair<int, int>> pairs;
        pairs.reserve(static_cast<std::size_t>(all));
        for (int a = 0; a < k; ++a)
            for (int b = a + 1; b < k; ++b)
                pairs.emplace_back(a, b);
        // Fisher-Yates with the modulo draws (std::shuffle's distribution differs between standard libraries).
        for (std::size_t i = pairs.size(); i > 1; --i)
            std::swap(pairs[i - 1], pairs[static_cast<std::size_t>(rng() % i)]);
        for (const auto& [a, b] : pairs) {
            if (static_cast<int>(out.size()) >= count)
                break;
            // Which of the two is shown first is drawn too.
            (rng() & 1) ? take(b, a) : take(a, b);
        }
        break;
    }
    case PairStrategy::Uncertain: {
        std::vector<std::pair<int, int>> pairs;
        pairs.reserve(static_cast<std::size_t>(all));
        for (int a = 0; a < k; ++a)
            for (int b = a + 1; b < k; ++b)
                pairs.emplace_back(a, b);
        std::stable_sort(pairs.begin(), pairs.end(), [&](const auto& x, const auto& y) {
            return std::abs(scores[x.first] - scores[x.second]) < std::abs(scores[y.first] - scores[y.second]);
        });
        for (const auto& [a, b] : pairs) {
            if (static_cast<int>(out.size()) >= count)
                break;
            take(a, b);
        }
        break;
    }
    }
    return out;
}

} // namespace rankpo
