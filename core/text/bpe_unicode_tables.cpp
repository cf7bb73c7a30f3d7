#include "core/text/bpe_unicode_tables.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace rankpo::bpe_unicode {
namespace {

struct ClassRange {
    std::uint32_t first;
    std::uint32_t last;
    unsigned value;
};
struct Fold {
    std::uint32_t from;
    std::uint32_t to;
};
struct Decomposition {
    std::uint32_t from;
    std::uint32_t to[4];
    std::uint32_t length;
};
struct Composition {
    std::uint32_t first;
    std::uint32_t second;
    std::uint32_t composite;
};

#include "core/text/bpe_unicode_tables.inc"

constexpr char32_t kHangulBase = 0xAC00, kHangulCount = 11172;
constexpr char32_t kLeadBase = 0x1100, kVowelBase = 0x1161, kTrailBase = 0x11A7;
constexpr char32_t kLeadCount = 19, kVowelCount = 21, kTrailCount = 28;

template <std::size_t N>
unsigned rangeValue(const ClassRange (&table)[N], char32_t c)
{
    const ClassRange* it = std::upper_bound(std::begin(table), std::end(table), std::uint32_t(c),
                                            [](std::uint32_t v, const ClassRange& r) { return v < r.first; });
    if (it == std::begin(table))
        return 0;
    --it;
    return c <= it->last ? it->value : 0u;
}

unsigned combiningClass(char32_t c)
{
    return c < 0x300 ? 0u : rangeValue(kCombiningClasses, c);
}

void decompose(char32_t c, std::u32string& out)
{
    if (c >= kHangulBase && c < kHangulBase + kHangulCount) {
        const char32_t s = c - kHangulBase;
        out.push_back(kLeadBase + s / (kVowelCount * kTrailCount));
        out.push_back(kVowelBase + (s % (kVowelCount * kTrailCount)) / kTrailCount);
        if (s % kTrailCount)
            out.push_back(kTrailBase + s % kTrailCount);
        return;
    }
    if (c >= 0xC0) {
        const Decomposition* it =
            std::lower_bound(std::begin(kDecompositions), std::end(kDecompositions), std::uint32_t(c),
                             [](const Decomposition& d, std::uint32_t v) { return d.from < v; });
        if (it != std::end(kDecompositions) && it->from == c) {
            out.append(it->to, it->to + it->length);
            return;
        }
    }
    out.push_back(c);
}

// The primary composite of (a, b), or 0.
char32_t compose(char32_t a, char32_t b)
{
    if (a >= kLeadBase && a < kLeadBase + kLeadCount && b >= kVowelBase && b < kVowelBase + kVowelCount)
        return kHangulBase + ((a - kLeadBase) * kVowelCount + (b - kVowelBase)) * kTrailCount;
    if (a >= kHangulBase && a < kHangulBase + kHangulCount && (a - kHangulBase) % kTrailCount == 0 &&
        b > kTrailBase && b < kTrailBase + kTrailCount)
        return a + (b - kTrailBase);
    const Composition* it = std::lower_bound(
        std::begin(kCompositions), std::end(kCompositions), std::pair<std::uint32_t, std::uint32_t>(a, b),
        [](const Composition& x, const std::pair<std::uint32_t, std::uint32_t>& v) {
            return x.first < v.first || (x.first == v.first && x.second < v.second);
        });
    return it != std::end(kCompositions) && it->first == a && it->second == b ? char32_t(it->composite) : 0;
}

} // namespace

unsigned classOf(char32_t c)
{
    if (c < 0x80) { // the common case, without a search
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            return Letter;
        if (c >= '0' && c <= '9')
            return Number;
        return (c == ' ' || (c >= 0x09 && c <= 0x0D)) ? Space : 0u;
    }
    return rangeValue(kClassRanges, c);
}

char32_t contractionLetter(char32_t c)
{
    for (const Fold& f : kContractionFolds)
        if (f.from == c)
            return f.to;
    switch (c) {
    case 's': case 't': case 'r': case 'e': case 'v': case 'm': case 'l': case 'd': return c;
    default: return 0;
    }
}

std::u32string nfc(std::u32string_view text)
{
    // Text that is ASCII throughout is its own NFC: skip the work.
    if (std::all_of(text.begin(), text.end(), [](char32_t c) { return c < 0x80; }))
        return std::u32string(text);
    std::u32string d;
    d.reserve(text.size() + 8);
    for (char32_t c : text)
        decompose(c, d);
    // Canonical ordering: a stable sort of each run of non-starters by combining class.
    for (std::size_t i = 0; i < d.size();) {
        if (combiningClass(d[i]) == 0) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < d.size() && combiningClass(d[j]) != 0)
            ++j;
        std::stable_sort(d.begin() + std::ptrdiff_t(i), d.begin() + std::ptrdiff_t(j),
                         [](char32_t a, char32_t b) { return combiningClass(a) < combiningClass(b); });
        i = j;
    }
    // Canonical composition: each character joins the last starter unless a mark of the same or a higher
    // class stands between them.
    std::u32string out;
    out.reserve(d.size());
    std::size_t starter = std::u32string::npos;
    unsigned lastClass = 0;
    for (char32_t c : d) {
        const unsigned cls = combiningClass(c);
        if (starter != std::u32string::npos &&
            (lastClass < cls || (lastClass == 0 && starter + 1 == out.size()))) {
            if (const char32_t composite = compose(out[starter], c)) {
                out[starter] = composite;
                continue;
            }
        }
        if (cls == 0)
            starter = out.size();
        lastClass = cls;
        out.push_back(c);
    }
    return out;
}

} // namespace rankpo::bpe_unicode
