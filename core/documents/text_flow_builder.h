#pragma once

#include <string>
#include <string_view>

namespace rankpo {

// Builds the text of a structured document (DOCX, HTML) from a walk over its tree: text runs, spaces, tabs and
// line breaks as the structure asks for them. Block breaks are lazy: a paragraph that ends asks for a line
// end before whatever text comes next, so that nested blocks (a <div> in a <li> in a <ul>) give one line
// break, not three, and nothing trails at the end.
class TextFlowBuilder {
public:
    // Text as it is (DOCX runs, HTML <pre>).
    void appendText(std::string_view utf8);
    // HTML text: runs of white space (ASCII white space and U+00A0) become one space, none at a line start.
    void appendCollapsed(std::string_view utf8);
    // A space between words (dropped at a line start, merged with a neighbouring one).
    void space() { m_pendingSpace = true; }
    // A tab (a table cell boundary, a DOCX tab); a pending space is dropped.
    void tab();
    // A line end here, even if the line is empty (<br>, a DOCX <w:br/>): two in a row make a blank line.
    void lineBreak();
    // At least `lineEnds` line ends before the next text (1: a new line, 2: a blank line between).
    void blockBreak(int lineEnds);

    bool empty() const { return m_out.empty(); }
    // The text tidied (tidyExtractedText); the builder is left empty.
    std::string take();

private:
    void flush();

    std::string m_out;
    int m_pendingBreaks = 0;
    bool m_pendingSpace = false;
};

} // namespace rankpo
