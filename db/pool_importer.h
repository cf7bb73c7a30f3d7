#pragma once

#include "core/domain/job.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace rankpo::db {

class ProjectStore;

// Which side of the project a pool fills.
enum class PoolKind { Jobs, Candidates };
std::string_view toString(PoolKind kind); // "jobs", "candidates"

// One text of a pool as the importer writes it.
struct PoolEntry {
    std::string_view externalId;
    std::string_view text;
    std::string_view sourceFormat; // "pdf", "docx", "html", "txt", "md", "jsonl", "csv"
    const JobFacts* facts = nullptr; // a record's own job facts, kept over what the text's parser finds
    std::string_view file;           // for messages: "FILE: job id 'x' already names a different job text"
};

struct PoolImportCounts {
    std::int64_t added = 0;     // new texts
    std::int64_t duplicates = 0; // texts already in the project (or earlier in this pool): another id at most
};

// Writes a pool of job or candidate texts into a project in one transaction: texts are deduplicated by content
// as every import does (ProjectWriter); each text keeps where it came from (source_format) and, for candidates,
// the résumé sections found in it (parseResumeSections, JSON [{"heading", "kind", "begin", "end"}] with byte
// offsets of each section's body into the text). Facts a record gives (title, location, ...) win over those
// parsed from its text. An external id that already names a different text is a rankpo::Error (Data) naming
// the id and the file; that entry is undone then (a savepoint), so a caller that skips invalid entries can go on.
// Nothing is written unless commit() is called.
class PoolImporter {
public:
    PoolImporter(ProjectStore& store, PoolKind kind);
    ~PoolImporter();
    PoolImporter(const PoolImporter&) = delete;
    PoolImporter& operator=(const PoolImporter&) = delete;

    // The job's or candidate's id; `added` (when given) says whether the text is new.
    std::int64_t add(const PoolEntry& entry, bool* added = nullptr);
    void commit();

    const PoolImportCounts& counts() const { return m_counts; }

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
    PoolImportCounts m_counts;
};

} // namespace rankpo::db
