#include "core/util/content_hash.h"

#include "core/util/error.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstring>

namespace rankpo {

ContentHash ContentHash::of(std::string_view text)
{
    const XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
    XXH128_canonical_t canonical;
    XXH128_canonicalFromHash(&canonical, h);
    ContentHash out;
    std::memcpy(out.bytes.data(), canonical.digest, 16);
    return out;
}

std::string ContentHash::hex() const
{
    static const char* digits = "0123456789abcdef";
    std::string s;
    s.reserve(32);
    for (auto b : bytes) {
        s.push_back(digits[b >> 4]);
        s.push_back(digits[b & 15]);
    }
    return s;
}

} // namespace rankpo
