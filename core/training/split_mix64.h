#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace rankpo {

// Our own pseudo-random generator for every order the trainer draws (epoch shuffles, sampled
// negatives, train/validation splits). std::shuffle and the std distributions are implementation
// defined, so the same seed would give different orders on libstdc++, libc++ and MSVC; SplitMix64
// (Steele, Lea & Flood 2014; Vigna's reference splitmix64.c) plus our own bounded draw and
// Fisher-Yates make the orders identical everywhere.
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : m_state(seed) {}

    std::uint64_t next();
    // Uniform in [0, bound) without modulo bias (rejection sampling); bound must be >= 1.
    std::uint64_t nextBelow(std::uint64_t bound);
    // Uniform in [0, 1) with 53 random bits.
    double nextDouble();

    std::uint64_t state() const { return m_state; }

private:
    std::uint64_t m_state;
};

// A seed for an independent stream (an epoch, a mining round) derived from the run's seed, so that
// the order of epoch 3 does not depend on how many numbers epochs 0-2 drew.
std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream);

// Fisher-Yates from the back: for i = n-1 .. 1, swap(items[i], items[nextBelow(i + 1)]).
template <typename T>
void shuffleInPlace(std::vector<T>& items, SplitMix64& rng)
{
    for (std::size_t i = items.size(); i > 1; --i) {
        const auto j = static_cast<std::size_t>(rng.nextBelow(i));
        using std::swap;
        swap(items[i - 1], items[j]);
    }
}

// 0 .. n-1 in the order of `stream` (e.g. the epoch) of the run seeded with `seed`.
std::vector<std::size_t> shuffledIndices(std::size_t n, std::uint64_t seed, std::uint64_t stream);

// 0 .. n-1 (n = groupOf.size()) with the members of a group next to each other: the groups in a
// seeded order, each group's members shuffled. groupOf[i] is item i's group, numbered from 0.
std::vector<std::size_t> groupedShuffledIndices(const std::vector<std::size_t>& groupOf, std::uint64_t seed,
                                                std::uint64_t stream);

} // namespace rankpo
