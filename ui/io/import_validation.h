#pragma once

#include "core/formats/import_format.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace rankpo::ui {

// What the import wizard shows before anything is written: per file, the format (given or detected
// from the first record), a preview of the first records, and every invalid record with its line
// number. It reads the file with the same parsers the importer uses, writing nothing; checks that
// need the project (an external id naming another text, qrels naming unknown jobs) happen at import,
// which then either writes everything or nothing.
struct PreviewRecord {
    std::size_t line = 0;
    QString job;     // a snippet of the text, or the external id
    QString first;   // candidate A (or the labelled candidate)
    QString second;  // candidate B
    QString outcome; // "A", "B", "tie", "relevance 1", "corpus text", ...
};

struct RecordProblem {
    std::size_t line = 0;
    std::string reason;
};

struct FileCheck {
    std::string path;
    std::optional<DataFormat> format;
    std::string fileError;      // the file cannot be read, its format not detected, a CSV header missing
    std::size_t records = 0;    // valid records
    std::size_t invalid = 0;
    std::vector<PreviewRecord> preview;
    std::vector<RecordProblem> problems; // the first maxProblems invalid records
    bool cancelled = false;

    bool ok() const { return fileError.empty() && invalid == 0 && format && !cancelled; }
};

struct ImportCheckOptions {
    std::optional<DataFormat> format; // nullopt: detect from the first record
    bool corpus = false;              // the {"text"} corpus of a rankpo-eval import
    std::size_t previewRecords = 20;
    std::size_t maxProblems = 500;
    // Bytes done and in all; return false to stop (the result is then marked cancelled).
    std::function<bool(std::uint64_t done, std::uint64_t total)> progress;
};

FileCheck checkImportFile(const std::string& path, const ImportCheckOptions& options);

// "FILE:LINE: reason" lines for a report.
QString problemReport(const std::vector<FileCheck>& checks);

// The first `max` characters of a text on one line, with an ellipsis when cut.
QString snippet(std::string_view text, int max = 140);

} // namespace rankpo::ui
