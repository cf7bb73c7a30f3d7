#pragma once

#include "core/documents/document_format.h"
#include "core/documents/extracted_document.h"
#include "core/documents/text_file_decoder.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace rankpo {

struct ExtractOptions {
    // Files larger than this are refused (DocumentProblem::TooLarge) before they are read; 0: no limit.
    std::uint64_t maxBytes = 0;
    // What .txt, .md and .html files without a byte-order mark or declared charset may be in.
    TextEncoding encoding = TextEncoding::Utf8;
};

// Turns one document file into text: .txt/.md (decodeTextFile), .pdf (extractPdfText), .docx
// (extractDocxText), .html/.htm (extractHtmlText). Every failure is a DocumentError (a rankpo::Error of kind
// Data, Io for a file that cannot be read) whose message starts with the file's name, so that an importer can
// stop on it (strict) or skip the file and list the message (--skip-invalid).
//
// Threads: extract() and extractBytes() may run on several threads at once (on different documents). The
// constructor initialises libxml2, which must happen once before threads use it: construct the first
// extractor on the main thread. Poppler documents are independent of each other; its error messages are
// collected per thread.
class DocumentExtractor {
public:
    DocumentExtractor();

    // Reads `path` (its extension says the format). `name` is the file as messages should name it (the path
    // when empty).
    ExtractedDocument extract(const std::string& path, const ExtractOptions& options = {}, const std::string& name = {}) const;
    // The same from bytes in memory (an upload, a zip member, the fuzzer).
    ExtractedDocument extractBytes(std::string_view bytes, DocumentFormat format, const std::string& name,
                                   const ExtractOptions& options = {}) const;
};

} // namespace rankpo
