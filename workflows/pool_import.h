#pragma once

#include "db/pool_importer.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace rankpo::db {
class ProjectStore;
}

namespace rankpo::workflows {

struct PoolImportOptions {
    db::PoolKind kind = db::PoolKind::Candidates;
    bool recursive = false;
    // false (strict): the first invalid file or record stops the import and nothing is written.
    bool skipInvalid = false;
    std::uint64_t maxBytes = 20'000'000; // documents only; 0: no limit
    bool cp1252 = false;                 // text files that are not UTF-8 are Windows-1252 (else an error)
    std::string idField = "id";          // .jsonl/.csv pools
    std::string textField = "text";
    // Now and then: bytes done and in all, and the file being read; return false to cancel (nothing is written).
    std::function<bool(std::uint64_t done, std::uint64_t total, const std::string& file)> progress;
};

struct PoolImportReport {
    std::size_t documents = 0; // documents read
    std::size_t records = 0;   // records of .jsonl/.csv pools read
    db::PoolImportCounts counts;
    std::map<std::string, std::size_t> formats;  // "pdf" -> texts read from PDFs
    std::vector<std::string> unsupported;        // "x/a.doc: an old Word document (.doc): ..." (always skipped)
    std::vector<std::string> skipped;            // invalid files and records skipped (--skip-invalid)
    std::vector<std::string> warnings;           // problems that did not stop a document
};

// What an import would read, before anything is written (the studio's import wizard): the first texts, every
// failure and every unsupported file, read exactly as importPool() reads them.
struct PoolPreviewText {
    std::string externalId;
    std::string sourceFormat;
    std::string text; // the first kPreviewChars bytes (cut at a character boundary)
    std::vector<std::string> warnings;
};
struct PoolCheck {
    std::size_t texts = 0;                 // documents and records that would be imported
    std::vector<PoolPreviewText> preview;  // the first `previewTexts`
    std::vector<std::string> invalid;      // every file or record that would stop a strict import
    std::vector<std::string> unsupported;  // listed and skipped in either mode
    bool cancelled = false;
    static constexpr std::size_t kPreviewChars = 2000;
};
PoolCheck checkPool(const std::vector<std::string>& paths, const PoolImportOptions& options, std::size_t previewTexts = 5);

// Whether this build reads documents (PDF, DOCX, HTML: rankpo_documents with Poppler, libzip and libxml2).
bool documentImportAvailable();

// Reads the documents and pools of records in `paths` (files and folders, DocumentScanner's rules) and adds
// them to the project as jobs or candidates (db::PoolImporter), in one transaction. Strict by default: the
// first invalid file or record throws rankpo::Error (Data) with a message naming it, and nothing is written;
// with skipInvalid the others are added and each one skipped is listed with its reason. Unsupported files are
// listed and skipped in either mode. Throws rankpo::Error (Io) for a path that does not exist, (Data) when
// nothing importable was found, (Cancelled) when progress says stop.
PoolImportReport importPool(db::ProjectStore& store, const std::vector<std::string>& paths,
                            const PoolImportOptions& options);

} // namespace rankpo::workflows
