#pragma once

#include "core/domain/preference.h"
#include "core/formats/import_format.h"
#include "db/project_writer.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace rankpo::db {

class ProjectStore;

struct ImportOptions {
    std::optional<DataFormat> format;        // nullopt: detect per file from its first record
    bool skipInvalid = false;                // false: the first bad record aborts and nothing is written
    std::optional<PreferenceSource> source;  // overrides the records' source (default: ai)
    std::optional<std::string> annotator;    // overrides the records' annotator / model
    std::string corpusPath;                  // rankpo-eval: the {"text": ...} corpus the queries index
    bool allowUnjudged = false;              // rankpo-pairs/CSV rows without `preferred`: pairs to judge
    // Called now and then with bytes done and bytes in all; return false to cancel (nothing is written).
    std::function<bool(std::uint64_t done, std::uint64_t total)> progress;
};

struct SkippedRecord {
    std::string file;
    std::size_t line = 0;
    std::string reason;
};

struct ImportReport {
    struct File {
        std::string path;
        DataFormat format = DataFormat::RankPOPairs;
        std::size_t records = 0;
        std::size_t skipped = 0;
    };
    std::vector<File> files;
    WriteCounts counts;
    std::size_t records = 0;
    std::size_t skippedCount = 0;
    std::vector<SkippedRecord> skipped; // the first kMaxListedSkips
    static constexpr std::size_t kMaxListedSkips = 1000;
};

// Imports files into a project in one transaction. Strict mode throws rankpo::Error with
// "FILE:LINE: reason" on the first bad record and leaves the project exactly as it was.
ImportReport importFiles(ProjectStore& store, const std::vector<std::string>& files, const ImportOptions& options);

// Looks at the first non-blank line of a file: its format, or a Data error saying why not.
DataFormat detectFileFormat(const std::string& path);

} // namespace rankpo::db
