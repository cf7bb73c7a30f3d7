#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rankpo {

// The kinds of document a pool can be made of: one document per file, recognised by the file's extension
// (case-insensitive). `.jsonl`/`.csv` files are not documents but pools of records (PoolRecordReader).
enum class DocumentFormat {
    Text,     // .txt
    Markdown, // .md, .markdown (kept as written: Markdown is meant to be read as text)
    Pdf,      // .pdf
    Docx,     // .docx
    Html,     // .html, .htm, .xhtml
};

// The format for a path's extension, or nullopt when it is not a supported document.
std::optional<DocumentFormat> documentFormatForPath(std::string_view path);
// "txt", "md", "pdf", "docx", "html": stable names for logs, JSON and the database.
std::string_view documentFormatName(DocumentFormat format);
// The extension of a file name, lower case and without the dot ("Report.PDF" -> "pdf"; "" when none).
std::string lowerExtension(std::string_view path);

} // namespace rankpo
