#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace rankpo {

// A 128-bit content hash (XXH3-128) used to deduplicate job and candidate texts and to key the
// embedding cache. 128 bits make an accidental collision across millions of texts negligible.
struct ContentHash {
    std::array<std::uint8_t, 16> bytes{};

    static ContentHash of(std::string_view text);
    std::string hex() const;

    bool operator==(const ContentHash& o) const { return bytes == o.bytes; }
    bool operator!=(const ContentHash& o) const { return bytes != o.bytes; }
    bool operator<(const ContentHash& o) const { return bytes < o.bytes; }
};

struct ContentHashHasher {
    std::size_t operator()(const ContentHash& h) const noexcept
    {
        std::size_t v = 0;
        for (int i = 0; i < 8; ++i)
            v = (v << 8) | h.bytes[i];
        return v;
    }
};

} // namespace rankpo
