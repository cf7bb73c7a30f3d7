#pragma once

#include "core/documents/extracted_document.h"

#include <string>
#include <string_view>

namespace rankpo {

// The text of a PDF through Poppler's C++ API (libpoppler-cpp): words in Poppler's reading order (the one
// pdftotext prints by default, columns one after the other) laid out as lines by layoutPdfWords(), pages
// joined with a blank line, words broken at line ends joined by joinLineEndHyphens().
// A PDF with only an owner password (printing or copying restricted) opens like any other.
// Throws DocumentError naming `name`: Broken (Poppler cannot read it; its first complaint is quoted),
// NeedsPassword (a user password), Empty (no pages), NoText (pages without any text: a scan).
// Pages without text in a document with text become warnings. `bytes` must stay valid during the call.
// Safe to call from several threads at once on different documents.
ExtractedDocument extractPdfText(std::string_view bytes, const std::string& name);

} // namespace rankpo
