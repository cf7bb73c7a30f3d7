#pragma once

#include "core/documents/document_format.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rankpo {

enum class ScanEntryKind {
    Document,    // a file to extract (DocumentExtractor)
    RecordPool,  // a .jsonl/.csv file given by name: a pool of records (PoolRecordReader)
    Unsupported, // listed with a reason and skipped; never an error
};

struct ScanEntry {
    std::string path;       // the file to open: the path given, or the folder given joined with externalId
    std::string externalId; // relative to the folder given, '/'-separated ("a/x.pdf"); a file given: its name
    ScanEntryKind kind = ScanEntryKind::Unsupported;
    std::optional<DocumentFormat> format; // for documents
    std::uint64_t size = 0;               // bytes (for progress and the size limit before reading)
    std::string reason;                   // why an unsupported entry is skipped
};

struct ScanOptions {
    bool recursive = false; // descend into subfolders (off: each subfolder is listed as skipped)
};

// Lists the documents in the files and folders given, in a deterministic order: the paths in the order
// given, each folder's entries sorted by their external id (byte order). Inside folders:
//   - .txt .md .pdf .docx .html .htm are documents; so are those given directly;
//   - Office lock files (~$x.docx), hidden files and folders (a leading '.'), other types (.doc, .odt,
//     images, ...), .jsonl/.csv files (a pool is given by name, not found in a folder), subfolders without
//     `recursive`, folders that cannot be read and anything that is not a regular file are listed as
//     unsupported with a reason;
//   - a file reached twice (given twice, or through a symbolic link) is listed once; symbolic links to
//     folders are followed once (no loops).
// A .jsonl/.csv file given directly is a RecordPool. Throws rankpo::Error (Io) only for a path given that
// does not exist: everything found inside folders is listed, never fatal.
class DocumentScanner {
public:
    explicit DocumentScanner(ScanOptions options = {}) : m_options(options) {}
    std::vector<ScanEntry> scan(const std::vector<std::string>& paths) const;

private:
    ScanOptions m_options;
};

// Why a file of this name is not a document we read ("an old Word document (.doc): save it as .docx or
// PDF"); for messages about files given directly too.
std::string unsupportedDocumentReason(std::string_view path);

} // namespace rankpo
