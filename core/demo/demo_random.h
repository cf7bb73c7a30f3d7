#pragma once

#include <cstdint>
#include <vector>

namespace rankpo::demo {

// The demo corpus's only source of randomness: xoshiro256** seeded through splitmix64, and integer
// draws only. std::uniform_*_distribution is not used on purpose: its output differs between standard
// libraries, and the corpus must be byte-identical for a seed on every platform.
class DemoRandom {
public:
    explicit DemoRandom(std::uint64_t seed);

    // An independent stream for one entity (job 17, candidate 230...), so that what one job draws
    // never shifts what another gets.
    static DemoRandom stream(std::uint64_t seed, std::uint64_t kind, std::uint64_t index);

    std::uint64_t next();
    int below(int n);            // uniform in [0, n); n > 0
    int between(int lo, int hi); // uniform in [lo, hi]
    bool chance(int perMille);   // true with probability perMille / 1000

    template <typename T>
    const T& pick(const std::vector<T>& items)
    {
        return items[static_cast<std::size_t>(below(static_cast<int>(items.size())))];
    }

    // Index drawn with the given non-negative integer weights (at least one positive).
    int weighted(const std::vector<int>& weights);

    template <typename T>
    void shuffle(std::vector<T>& items)
    {
        for (std::size_t i = items.size(); i > 1; --i) {
            const std::size_t j = static_cast<std::size_t>(below(static_cast<int>(i)));
            std::swap(items[i - 1], items[j]);
        }
    }

    // k distinct indices from [0, n), in random order (k <= n).
    std::vector<int> sample(int n, int k);

private:
    std::uint64_t m_state[4];
};

} // namespace rankpo::demo
