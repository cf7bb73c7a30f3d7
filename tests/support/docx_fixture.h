#pragma once

// Word documents for tests, written with libzip (no raw string literals here: moc misreads them and loses the
// namespace the test class is in): a minimal but complete .docx package ([Content_Types].xml,
// _rels/.rels, word/document.xml) around a body given as WordprocessingML.
#include <zip.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rankpo::test {

inline std::string xmlEscaped(std::string_view text)
{
    std::string out;
    for (char c : text) {
        switch (c) {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '"': out += "&quot;"; break;
        default: out.push_back(c);
        }
    }
    return out;
}

inline std::string wordDocumentXml(const std::string& body)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
           "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
           " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""
           " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
           " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\""
           " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
           " xmlns:v=\"urn:schemas-microsoft-com:vml\" mc:Ignorable=\"wps\">"
           "<w:body>"
        + body + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>";
}

// One paragraph per line of `text` (an empty line: an empty paragraph).
inline std::string paragraphsXml(std::string_view text)
{
    std::string body;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos)
            eol = text.size();
        const std::string_view line = text.substr(pos, eol - pos);
        if (line.empty())
            body += "<w:p/>";
        else
            body += "<w:p><w:r><w:t xml:space=\"preserve\">" + xmlEscaped(line) + "</w:t></w:r></w:p>";
        if (eol == text.size())
            break;
        pos = eol + 1;
    }
    return body;
}

inline void writeZip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& entries)
{
    int error = 0;
    zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!zip)
        throw std::runtime_error("zip_open failed for " + path);
    for (const auto& [name, content] : entries) {
        // libzip reads the buffer at zip_close: keep a copy alive until then.
        void* copy = std::malloc(content.size() ? content.size() : 1);
        std::memcpy(copy, content.data(), content.size());
        zip_source_t* source = zip_source_buffer(zip, copy, content.size(), 1);
        if (!source || zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0)
            throw std::runtime_error("zip_file_add failed for " + name);
    }
    if (zip_close(zip) != 0)
        throw std::runtime_error("zip_close failed for " + path);
}

inline void writeDocx(const std::string& path, const std::string& documentXml)
{
    writeZip(path, {
        {"[Content_Types].xml",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
         "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
         "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
         "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"},
        {"_rels/.rels",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"},
        {"word/document.xml", documentXml},
    });
}

} // namespace rankpo::test
