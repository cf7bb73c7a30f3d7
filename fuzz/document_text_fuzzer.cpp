// Fuzzes our document text extraction from bytes in memory: DOCX archives (libzip, then our walk over
// word/document.xml), word/document.xml itself, HTML pages in both encodings, text files, and the résumé
// section parser on whatever text comes out. The first byte picks the target. Any input must give text or a
// DocumentError, never a crash, a leak, undefined behaviour or text that is not valid UTF-8.
#include "core/documents/document_error.h"
#include "core/documents/docx_text_extractor.h"
#include "core/documents/html_text_extractor.h"
#include "core/documents/text_file_decoder.h"
#include "core/documents/xml_library.h"
#include "core/formats/resume_section_parser.h"
#include "core/text/utf8_codec.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

void sections(const std::string& text)
{
    const rankpo::ResumeSections s = rankpo::parseResumeSections(text);
    if (s.preambleEnd > text.size() || s.preambleOffset > s.preambleEnd)
        std::abort();
    for (const auto& section : s.sections)
        if (section.bodyEnd > text.size() || section.bodyOffset > section.bodyEnd || section.headingOffset > section.bodyOffset
            || text.compare(section.bodyOffset, section.bodyEnd - section.bodyOffset, section.body) != 0)
            std::abort();
}

void check(const std::string& text)
{
    if (!rankpo::isValidUtf8(text) || text.find('\r') != std::string::npos)
        std::abort();
    sections(text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const bool ready = (rankpo::prepareXmlLibrary(), true);
    (void)ready;
    if (size == 0)
        return 0;
    const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        switch (data[0] % 6) {
        case 0: check(rankpo::extractDocxText(bytes, "fuzz.docx", 8u << 20).text); break;
        case 1: check(rankpo::docxDocumentXmlText(bytes, "fuzz.docx")); break;
        case 2: check(rankpo::extractHtmlText(bytes, "fuzz.html", rankpo::TextEncoding::Utf8).text); break;
        case 3: check(rankpo::extractHtmlText(bytes, "fuzz.html", rankpo::TextEncoding::Cp1252).text); break;
        case 4: check(rankpo::decodeTextFile(bytes, rankpo::TextEncoding::Cp1252, "fuzz.txt")); break;
        case 5: sections(std::string(bytes)); break;
        }
    } catch (const rankpo::DocumentError&) {
        // A clear error is a fine answer to bad input.
    }
    return 0;
}
