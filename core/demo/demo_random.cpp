#include "core/demo/demo_random.h"

#include <stdexcept>

namespace rankpo::demo {
namespace {

std::uint64_t splitmix64(std::uint64_t& x)
{
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

} // namespace

DemoRandom::DemoRandom(std::uint64_t seed)
{
    std::uint64_t x = seed;
    for (auto& word : m_state)
        word = splitmix64(x);
}

DemoRandom DemoRandom::stream(std::uint64_t seed, std::uint64_t kind, std::uint64_t index)
{
    std::uint64_t x = seed;
    const std::uint64_t a = splitmix64(x);
    x = a ^ (kind * 0xd1b54a32d192ed03ULL);
    const std::uint64_t b = splitmix64(x);
    x = b ^ (index * 0x8cb92ba72f3d8dd7ULL);
    return DemoRandom(splitmix64(x));
}

std::uint64_t DemoRandom::next()
{
    const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
    const std::uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return result;
}

int DemoRandom::below(int n)
{
    if (n <= 0)
        throw std::logic_error("DemoRandom::below: empty range");
    const std::uint64_t range = static_cast<std::uint64_t>(n);
    // Rejection sampling: drop the top partial block so that every value is equally likely.
    const std::uint64_t limit = ~std::uint64_t(0) - (~std::uint64_t(0) % range + 1) % range;
    std::uint64_t value = next();
    while (value > limit)
        value = next();
    return static_cast<int>(value % range);
}

int DemoRandom::between(int lo, int hi)
{
    return lo + below(hi - lo + 1);
}

bool DemoRandom::chance(int perMille)
{
    return below(1000) < perMille;
}

int DemoRandom::weighted(const std::vector<int>& weights)
{
    long long total = 0;
    for (int w : weights)
        total += w > 0 ? w : 0;
    if (total <= 0)
        throw std::logic_error("DemoRandom::weighted: no positive weight");
    // The modulo bias is below total / 2^64: negligible for the small totals used here.
    long long draw = static_cast<long long>(next() % static_cast<std::uint64_t>(total));
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const long long w = weights[i] > 0 ? weights[i] : 0;
        if (draw < w)
            return static_cast<int>(i);
        draw -= w;
    }
    return static_cast<int>(weights.size()) - 1;
}

std::vector<int> DemoRandom::sample(int n, int k)
{
    if (k < 0 || k > n)
        throw std::logic_error("DemoRandom::sample: k out of range");
    std::vector<int> all(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        all[static_cast<std::size_t>(i)] = i;
    // Partial Fisher-Yates: the first k slots are a uniform sample.
    for (int i = 0; i < k; ++i) {
        const int j = i + below(n - i);
        std::swap(all[static_cast<std::size_t>(i)], all[static_cast<std::size_t>(j)]);
    }
    all.resize(static_cast<std::size_t>(k));
    return all;
}

} // namespace rankpo::demo
