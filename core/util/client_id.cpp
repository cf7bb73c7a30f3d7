#include "core/util/client_id.h"

#include <cstdint>
#include <cstdio>
#include <chrono>
#include <random>

namespace rankpo {

std::string newClientId()
{
    // One seeded engine per thread: random_device may be slow (or a fixed sequence on odd platforms, where the
    // address and the clock still tell threads and processes apart).
    thread_local std::mt19937_64 engine = [] {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device(),
                           static_cast<unsigned>(reinterpret_cast<std::uintptr_t>(&device)),
                           static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count())};
        return std::mt19937_64(seed);
    }();
    std::uint64_t hi = engine(), lo = engine();
    hi = (hi & ~std::uint64_t(0xF000)) | 0x4000;                    // version 4
    lo = (lo & ~(std::uint64_t(0xC) << 60)) | (std::uint64_t(0x8) << 60); // variant 10
    char text[37];
    std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                  static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                  static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
    return text;
}

bool isValidClientId(std::string_view id)
{
    if (id.empty() || id.size() > 100)
        return false;
    for (const char c : id) {
        if (c <= ' ' || c > '~')
            return false;
    }
    return true;
}

} // namespace rankpo
