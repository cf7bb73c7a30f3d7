#pragma once

// A small, exact PDF writer for test fixtures and the document benchmark: pages of text in the standard
// Helvetica font (WinAnsiEncoding, so Windows-1252 characters only; others become '?'), pages holding only an
// image (a scan), blank pages. Positions are PDF points from the bottom left of an A4 page (595 x 842).
#include "core/documents/cp1252_codec.h"

#include <cstdio>
#include <string>
#include <vector>

namespace rankpo::test {

struct PdfTextLine {
    double x = 50;
    double y = 780;
    std::string text; // UTF-8
    double fontSize = 10;
};

class MinimalPdfWriter {
public:
    void addTextPage(std::vector<PdfTextLine> lines) { m_pages.push_back({std::move(lines), false}); }
    void addImagePage() { m_pages.push_back({{}, true}); }
    void addBlankPage() { m_pages.push_back({{}, false}); }

    std::string bytes() const
    {
        std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
        std::vector<std::size_t> offsets;
        auto object = [&](const std::string& body) {
            offsets.push_back(out.size());
            out += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
        };
        // 1 catalog, 2 page tree, 3 font, 4 image, then a page and its content per page.
        std::string kids;
        for (std::size_t i = 0; i < m_pages.size(); ++i)
            kids += std::to_string(5 + 2 * i) + " 0 R ";
        object("<< /Type /Catalog /Pages 2 0 R >>");
        object("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(m_pages.size()) + " >>");
        object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        const std::string pixels("\x00\xFF\xFF\x00", 4);
        object("<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n"
               + pixels + "\nendstream");
        for (std::size_t i = 0; i < m_pages.size(); ++i) {
            const Page& page = m_pages[i];
            std::string content;
            if (page.image)
                content += "q 400 0 0 500 100 200 cm /Im1 Do Q\n";
            for (const PdfTextLine& line : page.lines) {
                char position[96];
                std::snprintf(position, sizeof position, "BT /F1 %.2f Tf %.2f %.2f Td (", line.fontSize, line.x, line.y);
                content += position + escaped(utf8ToCp1252(line.text)) + ") Tj ET\n";
            }
            object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> "
                   "/XObject << /Im1 4 0 R >> >> /Contents "
                   + std::to_string(6 + 2 * i) + " 0 R >>");
            object("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream");
        }
        const std::size_t xref = out.size();
        out += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
        for (std::size_t offset : offsets) {
            char entry[32];
            std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
            out += entry;
        }
        out += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) + " /Root 1 0 R >>\nstartxref\n"
            + std::to_string(xref) + "\n%%EOF\n";
        return out;
    }

    // Lays `text` out as pages of left-aligned lines of at most `maxChars` characters, breaking at spaces only
    // (and never after a word that ends in '-', so that no line ends in a hyphen the extractor would join).
    // Blank lines in `text` are kept as paragraph gaps.
    static std::vector<std::vector<PdfTextLine>> layout(const std::string& text, std::size_t maxChars = 95,
                                                        double top = 800, double bottom = 50, double lineHeight = 12)
    {
        std::vector<std::vector<PdfTextLine>> pages(1);
        double y = top;
        auto emit = [&](const std::string& line) {
            if (y < bottom) {
                pages.emplace_back();
                y = top;
            }
            if (!line.empty()) {
                // A word longer than a line (a URL) is set smaller: text beyond the page's edge is not on it.
                std::size_t chars = 0;
                for (unsigned char c : line)
                    chars += (c & 0xC0) != 0x80;
                const double size = chars > maxChars ? 10.0 * static_cast<double>(maxChars) / static_cast<double>(chars) : 10.0;
                pages.back().push_back({50, y, line, size});
            }
            y -= lineHeight;
        };
        std::size_t pos = 0;
        while (pos <= text.size()) {
            std::size_t eol = text.find('\n', pos);
            if (eol == std::string::npos)
                eol = text.size();
            const std::string paragraph = text.substr(pos, eol - pos);
            std::string line;
            std::size_t chars = 0;
            std::size_t i = 0;
            bool any = false;
            while (i < paragraph.size()) {
                while (i < paragraph.size() && (paragraph[i] == ' ' || paragraph[i] == '\t'))
                    ++i;
                std::size_t j = i;
                while (j < paragraph.size() && paragraph[j] != ' ' && paragraph[j] != '\t')
                    ++j;
                if (j == i)
                    break;
                const std::string word = paragraph.substr(i, j - i);
                std::size_t wordChars = 0;
                for (unsigned char c : word)
                    wordChars += (c & 0xC0) != 0x80;
                const bool lineEndsInHyphen = !line.empty() && line.back() == '-';
                if (!line.empty() && chars + 1 + wordChars > maxChars && !lineEndsInHyphen) {
                    emit(line);
                    line.clear();
                    chars = 0;
                }
                if (!line.empty()) {
                    line += ' ';
                    ++chars;
                }
                line += word;
                chars += wordChars;
                any = true;
                i = j;
            }
            if (any)
                emit(line);
            else
                emit(std::string()); // a blank line: a paragraph gap
            if (eol == text.size())
                break;
            pos = eol + 1;
        }
        return pages;
    }

private:
    struct Page {
        std::vector<PdfTextLine> lines;
        bool image = false;
    };

    static std::string escaped(const std::string& s)
    {
        std::string out;
        for (char c : s) {
            if (c == '(' || c == ')' || c == '\\')
                out.push_back('\\');
            if (c == '\n' || c == '\r')
                c = ' ';
            out.push_back(c);
        }
        return out;
    }

    std::vector<Page> m_pages;
};

} // namespace rankpo::test
