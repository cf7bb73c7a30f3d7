#pragma once

#include <string>
#include <vector>

namespace rankpo {

// One word as Poppler's text_list() gives it, in Poppler's reading order (the order pdftotext prints: flows,
// then blocks, then lines, so that columns are read one after the other). Coordinates are PDF points with the
// origin at the top left of the page.
struct PdfWord {
    std::string text; // UTF-8
    double x = 0, y = 0, width = 0, height = 0;
    int rotation = 0;       // 0, 1, 2, 3: quarter turns of the text direction
    bool spaceAfter = false; // Poppler saw a gap between this word and the next on the same line
};

// Lays the words of one page out as lines of text. A word continues the line when it sits on the same line
// (its extent across the text direction overlaps the line's by at least half a word's height) and starts
// further along it; otherwise a new line starts. An empty string marks a blank line, put where the reading
// order jumps back up (the next column, a sidebar) or down by more than 0.8 of a line's height (a new
// paragraph): what pdftotext marks with a blank line between its text flows, plus paragraph gaps.
// Typographic ligatures (U+FB00-FB06: ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ) are written as their letters, control characters dropped.
// Hyphens at line ends are kept: joinLineEndHyphens() decides about them.
std::vector<std::string> layoutPdfWords(const std::vector<PdfWord>& words);

} // namespace rankpo
