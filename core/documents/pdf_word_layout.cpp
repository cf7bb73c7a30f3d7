#include "core/documents/pdf_word_layout.h"

#include "core/text/utf8_codec.h"

#include <algorithm>

namespace rankpo {
namespace {

// A word's extents along its text direction and across it, turned so that text runs towards larger `along`
// and lines follow each other towards larger `across`, whatever the rotation.
struct Extent {
    double along0, along1, across0, across1;
};

Extent extentOf(const PdfWord& w)
{
    const double x0 = w.x, x1 = w.x + w.width, y0 = w.y, y1 = w.y + w.height;
    switch (w.rotation & 3) {
    case 1: return {y0, y1, -x1, -x0};
    case 2: return {-x1, -x0, -y1, -y0};
    case 3: return {-y1, -y0, x0, x1};
    default: return {x0, x1, y0, y1};
    }
}

void appendCleanWord(std::string& line, const std::string& word)
{
    bool plain = true;
    for (char c : word)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) == 0xEF)
            plain = false; // control characters, or maybe a ligature (U+FB00-FB06 start with 0xEF)
    if (plain) {
        line += word;
        return;
    }
    for (char32_t c : decodeUtf8Lossy(word)) {
        if (c < 0x20 || c == 0x7F)
            continue;
        switch (c) {
        case 0xFB00: line += "ff"; break;
        case 0xFB01: line += "fi"; break;
        case 0xFB02: line += "fl"; break;
        case 0xFB03: line += "ffi"; break;
        case 0xFB04: line += "ffl"; break;
        case 0xFB05:
        case 0xFB06: line += "st"; break;
        default: appendUtf8(line, c);
        }
    }
}

} // namespace

std::vector<std::string> layoutPdfWords(const std::vector<PdfWord>& words)
{
    std::vector<std::string> lines;
    std::string line;
    const PdfWord* previous = nullptr;
    Extent lineExtent{};
    for (const PdfWord& word : words) {
        if (word.text.empty())
            continue;
        const Extent e = extentOf(word);
        if (previous) {
            const Extent p = extentOf(*previous);
            const double overlap = std::min(lineExtent.across1, e.across1) - std::max(lineExtent.across0, e.across0);
            const double height = std::min(p.across1 - p.across0, e.across1 - e.across0);
            const bool sameLine = (word.rotation & 3) == (previous->rotation & 3) && overlap >= 0.5 * height
                && e.along0 >= p.along0;
            if (sameLine) {
                if (previous->spaceAfter)
                    line.push_back(' ');
                appendCleanWord(line, word.text);
                lineExtent.across0 = std::min(lineExtent.across0, e.across0);
                lineExtent.across1 = std::max(lineExtent.across1, e.across1);
                previous = &word;
                continue;
            }
            lines.push_back(std::move(line));
            line.clear();
            const double lineHeight = std::max(lineExtent.across1 - lineExtent.across0, e.across1 - e.across0);
            const bool turned = (word.rotation & 3) != (previous->rotation & 3);
            const bool backUp = e.across0 < lineExtent.across0 - 0.5 * lineHeight;
            const bool gap = e.across0 - lineExtent.across1 > 0.8 * lineHeight;
            if (turned || backUp || gap)
                lines.emplace_back();
        }
        appendCleanWord(line, word.text);
        lineExtent = e;
        previous = &word;
    }
    if (previous)
        lines.push_back(std::move(line));
    return lines;
}

} // namespace rankpo
