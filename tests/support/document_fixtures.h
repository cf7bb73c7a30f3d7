#pragma once

// Documents the tests write from known texts, and the words a text must keep through extraction (line breaks,
// page breaks and non-breaking spaces may change; the words may not). Qt-free, so benchmarks use it too.
#include "tests/support/docx_fixture.h"
#include "tests/support/minimal_pdf_writer.h"

#include <string>
#include <string_view>
#include <vector>

namespace rankpo::test {

inline std::vector<std::string> wordsOf(std::string_view text)
{
    std::vector<std::string> out;
    std::string w;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool nbsp = c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0';
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || nbsp) {
            if (!w.empty())
                out.push_back(w);
            w.clear();
            i += nbsp;
        } else {
            w.push_back(c);
        }
    }
    if (!w.empty())
        out.push_back(w);
    return out;
}

// A PDF of `text` laid out on as many pages as it needs (Windows-1252 letters only).
inline std::string pdfOf(const std::string& text)
{
    MinimalPdfWriter pdf;
    for (auto& page : MinimalPdfWriter::layout(text))
        pdf.addTextPage(page);
    return pdf.bytes();
}

// An HTML page with one paragraph per line of `text`, and a style and scripts whose text must not be extracted.
inline std::string htmlOf(const std::string& text)
{
    std::string body;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string::npos)
            eol = text.size();
        body += "<p>" + xmlEscaped(text.substr(pos, eol - pos)) + "</p>\n";
        pos = eol + 1;
    }
    return "<!DOCTYPE html><html><head><title>t</title><style>p{color:red}</style><script>var x = 1;</script></head>"
           "<body>" + body + "<script>var hidden = 1;</script></body></html>";
}

} // namespace rankpo::test
