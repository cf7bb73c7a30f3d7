#include "core/text/unicode_tables.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace rankpo::unicode_facts {
namespace {

struct CodePointRange {
    std::uint32_t first;
    std::uint32_t last;
    unsigned flags;
};
struct ConstantRun {
    std::uint32_t first;
    std::uint32_t count;
    std::uint32_t target;
};
struct AffineRun {
    std::uint32_t first;
    std::uint32_t count;
    std::uint32_t stride;
    std::int32_t delta;
};
struct MultiMapping {
    std::uint32_t from;
    std::uint32_t to[4];
    std::uint32_t length;
};

#include "core/text/unicode_tables.inc"

constexpr char32_t kHangulBase = 0xAC00;
constexpr char32_t kHangulCount = 11172;

// The last entry whose first code point is <= c, or end.
template <typename T, std::size_t N>
const T* lastStartingAtOrBefore(const T (&table)[N], char32_t c)
{
    const T* it = std::upper_bound(std::begin(table), std::end(table), std::uint32_t(c),
                                   [](std::uint32_t v, const T& e) { return v < e.first; });
    return it == std::begin(table) ? std::end(table) : it - 1;
}

template <std::size_t N>
const MultiMapping* findMulti(const MultiMapping (&table)[N], char32_t c)
{
    const MultiMapping* it = std::lower_bound(std::begin(table), std::end(table), std::uint32_t(c),
                                              [](const MultiMapping& e, std::uint32_t v) { return e.from < v; });
    return it != std::end(table) && it->from == c ? it : nullptr;
}

} // namespace

unsigned flags(char32_t c)
{
    const CodePointRange* r = lastStartingAtOrBefore(kCodePointRanges, c);
    return r != std::end(kCodePointRanges) && c <= r->last ? r->flags : 0u;
}

void appendStripped(char32_t c, std::u32string& out)
{
    if (c >= kHangulBase && c < kHangulBase + kHangulCount) {
        // Hangul syllables decompose algorithmically into leading consonant, vowel and optional trailing one.
        const char32_t s = c - kHangulBase;
        out.push_back(0x1100 + s / 588);
        out.push_back(0x1161 + (s % 588) / 28);
        if (s % 28)
            out.push_back(0x11A7 + s % 28);
        return;
    }
    if (flags(c) & Mark)
        return;
    if (const MultiMapping* m = findMulti(kStripMulti, c)) {
        out.append(m->to, m->to + m->length);
        return;
    }
    const ConstantRun* r = lastStartingAtOrBefore(kStripRuns, c);
    if (r != std::end(kStripRuns) && c < r->first + r->count) {
        out.push_back(r->target);
        return;
    }
    out.push_back(c);
}

void appendLowered(char32_t c, std::u32string& out)
{
    if (c < 0x80) { // the common case
        out.push_back(c >= 'A' && c <= 'Z' ? c + 32 : c);
        return;
    }
    if (const MultiMapping* m = findMulti(kLowerMulti, c)) {
        out.append(m->to, m->to + m->length);
        return;
    }
    const AffineRun* r = lastStartingAtOrBefore(kLowerRuns, c);
    if (r != std::end(kLowerRuns) && c < r->first + r->count * r->stride && (c - r->first) % r->stride == 0) {
        out.push_back(char32_t(std::int64_t(c) + r->delta));
        return;
    }
    out.push_back(c);
}

} // namespace rankpo::unicode_facts
