#pragma once

#include "core/documents/document_extractor.h"
#include "core/documents/document_scanner.h"
#include "core/domain/job.h"
#include "core/formats/pool_record_reader.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace rankpo {

struct PoolSourceOptions {
    bool recursive = false;      // descend into subfolders of the folders given
    ExtractOptions extract;      // size limit (documents only) and the fallback encoding of text files
    PoolReaderOptions records;   // id and text fields of .jsonl/.csv pools
};

// One text of a pool: a document's extracted text or a record of a .jsonl/.csv pool.
struct PoolText {
    std::string externalId;   // a document: its path relative to the folder given; a record: its id field
    std::string text;
    std::string sourceFormat; // "pdf", "docx", "html", "txt", "md", "jsonl", "csv"
    JobFacts facts;           // a record's own fields that name job facts (empty for documents)
    std::string file;         // the file as messages name it
    std::size_t line = 0;     // 1-based line of a record; 0 for documents
    std::vector<std::string> warnings; // problems that did not stop the document ("page 3 has no text")
};

// A file or record that gives no text: unsupported files are listed and skipped in any mode; invalid ones
// stop a strict import.
struct PoolSkip {
    std::string file;
    std::string message; // names the file first: "cv/x.pdf: needs a password to open", "pool.csv:12: ..."
    bool unsupported = false;
};

// Reads the texts of the files and folders given, one at a time and in the scanner's order, so that an
// importer holds one document in memory at a time whatever the size of the folder: documents through
// DocumentExtractor, .jsonl/.csv files through PoolRecordReader. Failures are items too (never thrown), so
// that the caller decides between strict and --skip-invalid. Throws rankpo::Error (Io) from the constructor
// for a path given that does not exist.
class PoolSource {
public:
    enum class Item { Text, Invalid, Unsupported, End };

    PoolSource(const std::vector<std::string>& paths, PoolSourceOptions options);
    ~PoolSource();
    PoolSource(const PoolSource&) = delete;
    PoolSource& operator=(const PoolSource&) = delete;

    // Fills `text` (Item::Text) or `skip` (Invalid, Unsupported).
    Item next(PoolText& text, PoolSkip& skip);

    const std::vector<ScanEntry>& entries() const { return m_entries; }
    std::size_t documentCount() const; // documents and pool files found (for "12 of 2,000")
    // Bytes of the files done so far and in all, for progress bars.
    std::uint64_t bytesDone() const;
    std::uint64_t bytesTotal() const { return m_bytesTotal; }

private:
    Item nextRecord(PoolText& text, PoolSkip& skip);

    PoolSourceOptions m_options;
    std::vector<ScanEntry> m_entries;
    DocumentExtractor m_extractor;
    std::size_t m_next = 0;
    std::unique_ptr<PoolRecordReader> m_records; // the pool file being read
    const ScanEntry* m_recordEntry = nullptr;
    std::uint64_t m_bytesDone = 0; // whole files done
    std::uint64_t m_bytesTotal = 0;
};

} // namespace rankpo
