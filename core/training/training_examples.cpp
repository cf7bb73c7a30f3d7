#include "core/training/training_examples.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstdio>
#include <cstring>

namespace rankpo {
namespace {

class Hasher {
public:
    Hasher() { XXH3_128bits_reset(&m_state); }
    void text(const std::string& s)
    {
        const std::uint64_t n = s.size(); // length first, so ("ab","c") != ("a","bc")
        XXH3_128bits_update(&m_state, &n, sizeof n);
        XXH3_128bits_update(&m_state, s.data(), s.size());
    }
    void number(double d) { XXH3_128bits_update(&m_state, &d, sizeof d); }
    std::string hex()
    {
        const XXH128_hash_t h = XXH3_128bits_digest(&m_state);
        char buf[40];
        std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                      static_cast<unsigned long long>(h.low64));
        return buf;
    }

private:
    XXH3_state_t m_state;
};

} // namespace

std::string dataHash(const std::vector<PreferenceExample>& examples)
{
    Hasher h;
    for (const auto& e : examples) {
        h.text(e.job);
        h.text(e.chosen);
        h.text(e.rejected);
        h.number(e.weight);
    }
    return h.hex();
}

std::string dataHash(const std::vector<ContrastiveExample>& examples)
{
    Hasher h;
    for (const auto& e : examples) {
        h.text(e.job);
        h.text(e.positive);
        h.number(static_cast<double>(e.negatives.size()));
        for (const auto& n : e.negatives)
            h.text(n);
    }
    return h.hex();
}

} // namespace rankpo
