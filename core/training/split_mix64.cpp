#include "core/training/split_mix64.h"

#include "core/util/error.h"

#include <numeric>

namespace rankpo {

std::uint64_t SplitMix64::next()
{
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t SplitMix64::nextBelow(std::uint64_t bound)
{
    if (bound == 0)
        throw usageError("SplitMix64::nextBelow: the bound must be >= 1");
    // 2^64 mod bound values at the bottom of the range would be drawn once more often than the
    // rest; rejecting them leaves a range that is an exact multiple of bound.
    const std::uint64_t threshold = (0 - bound) % bound;
    for (;;) {
        const std::uint64_t r = next();
        if (r >= threshold)
            return r % bound;
    }
}

double SplitMix64::nextDouble()
{
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream)
{
    // Two rounds of the mixer over (seed, stream): nearby seeds and streams land far apart.
    SplitMix64 mixer(seed);
    const std::uint64_t a = mixer.next();
    SplitMix64 streamMixer(a ^ (stream * 0xd1b54a32d192ed03ULL));
    return streamMixer.next();
}

std::vector<std::size_t> shuffledIndices(std::size_t n, std::uint64_t seed, std::uint64_t stream)
{
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    SplitMix64 rng(deriveSeed(seed, stream));
    shuffleInPlace(order, rng);
    return order;
}

std::vector<std::size_t> groupedShuffledIndices(const std::vector<std::size_t>& groupOf, std::uint64_t seed,
                                                std::uint64_t stream)
{
    std::vector<std::vector<std::size_t>> members;
    for (std::size_t i = 0; i < groupOf.size(); ++i) {
        if (groupOf[i] >= members.size())
            members.resize(groupOf[i] + 1);
        members[groupOf[i]].push_back(i);
    }
    std::vector<std::size_t> groups(members.size());
    std::iota(groups.begin(), groups.end(), std::size_t{0});
    // Its own stream, so that grouping does not share draws with the plain shuffle of the same epoch.
    SplitMix64 rng(deriveSeed(deriveSeed(seed, stream), 0x6a6f62ULL));
    shuffleInPlace(groups, rng);
    std::vector<std::size_t> order;
    order.reserve(groupOf.size());
    for (std::size_t g : groups) {
        shuffleInPlace(members[g], rng);
        order.insert(order.end(), members[g].begin(), members[g].end());
    }
    return order;
}

} // namespace rankpo
