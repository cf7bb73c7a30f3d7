#pragma once

#include "core/documents/extracted_document.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace rankpo {

// The text of a Word document (.docx: a zip archive, read with libzip) from its main part, word/document.xml
// (parsed with libxml2):
//   - each paragraph (<w:p>) is a line; an empty paragraph a blank line; text is that of <w:t>;
//   - <w:tab/> is a tab, <w:br/> and <w:cr/> a line end, <w:noBreakHyphen/> a '-';
//   - a table row is a line, its cells separated by tabs (a cell's own paragraphs are joined by spaces);
//   - deleted text (tracked changes: <w:del>, <w:delText>, <w:moveFrom>), field codes (<w:instrText>) and
//     hidden runs (<w:vanish/>) are left out; inserted text (<w:ins>) is kept;
//   - text boxes are read once (the <mc:Choice> of an <mc:AlternateContent>, not its VML <mc:Fallback> copy).
// Headers, footers, footnotes and comments live in other parts and are not read.
// Throws DocumentError naming `name`: Broken (not a zip archive, a damaged entry, malformed XML; an
// encrypted or old-format Word file says so), NotWordDocument (no word/document.xml), TooLarge
// (word/document.xml unpacks to more than `maxUnpackedBytes`: a zip bomb), NoText (only images), Empty.
ExtractedDocument extractDocxText(std::string_view bytes, const std::string& name,
                                  std::uint64_t maxUnpackedBytes = std::uint64_t(256) << 20);

// The text of a word/document.xml, as above (for tests and the fuzzer). Throws DocumentError (Broken) for
// malformed XML; returns "" for a document without text.
std::string docxDocumentXmlText(std::string_view xml, const std::string& name);

} // namespace rankpo
