#pragma once

#include "core/documents/document_format.h"

#include <string>
#include <vector>

namespace rankpo {

// The text of one document, ready to be stored as a job or candidate text.
struct ExtractedDocument {
    std::string text; // UTF-8, "\n" line ends, never blank
    DocumentFormat format = DocumentFormat::Text;
    int pages = 0; // PDF pages; 0 for formats without pages
    // Problems that did not stop the import, each naming the file: "cv/x.pdf: page 3 has no text (a scanned
    // page?)". The importer lists them; the text is still good.
    std::vector<std::string> warnings;
};

} // namespace rankpo
