#pragma once

#include "core/domain/job.h"
#include "core/util/error.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace rankpo {

// One document of a pool given as records (a job or a candidate; the importer says which).
struct PoolRecord {
    std::string externalId;
    std::string text;  // "\n" line ends
    JobFacts facts;    // from the record's own fields, where it has them (empty otherwise)
    std::size_t line = 0; // 1-based first line of the record in its file
};

struct PoolReaderOptions {
    std::string idField = "id";     // JSONL: the key (exact); CSV: the column (case-insensitive)
    std::string textField = "text";
};

enum class PoolFileFormat { Jsonl, Csv };

// .jsonl/.ndjson -> Jsonl, .csv -> Csv (case-insensitive); nullopt otherwise.
std::optional<PoolFileFormat> poolFileFormatForPath(std::string_view path);

// A record that cannot be read: "pool.csv:12: record has no id (column 'id' is empty)". The reader has
// consumed the record, so a caller that skips invalid records (--skip-invalid) can go on reading; a strict
// caller lets it propagate like any rankpo::Error (kind Data).
class PoolRecordError : public Error {
public:
    PoolRecordError(const std::string& file, std::size_t line, const std::string& reason)
        : Error(ErrorKind::Data, file + ":" + std::to_string(line) + ": " + reason), m_file(file), m_line(line), m_reason(reason)
    {
    }
    const std::string& file() const noexcept { return m_file; }
    std::size_t line() const noexcept { return m_line; }
    const std::string& reason() const noexcept { return m_reason; }

private:
    std::string m_file;
    std::size_t m_line;
    std::string m_reason;
};

// Streams a pool of records from a JSONL file (one JSON object per line) or a CSV file (a header line names
// the columns; fields are read by CsvFieldReader), with bounded memory whatever the file's size.
// Each record needs an id (JSON: a string or an integer) and a text (a non-blank string). The record's fields
// that name job facts are kept as facts (case-insensitive; ' ' and '-' read as '_'):
//   title, job_title, position, role                                  -> title
//   institution, employer, organisation, organization, company, university -> institution
//   location, based_in                                                -> location
//   contract, contract_type, employment_type, terms                   -> contract
//   salary, salary_range, salary_package, pay                         -> salary
//   closing_date, closing, deadline, application_deadline             -> closingDate
// (JSON values may be strings or numbers.) Other fields are ignored.
// Errors: PoolRecordError for a record (no id or text, malformed JSON, a wrong number of CSV columns, invalid
// UTF-8); rankpo::Error for the file (cannot be opened: Io; a CSV header without the id or text column: Data),
// which every later next() throws again.
class PoolRecordReader {
public:
    // The format from the file's extension; throws rankpo::Error (Usage) for another extension.
    explicit PoolRecordReader(const std::string& path, PoolReaderOptions options = {});
    PoolRecordReader(const std::string& path, PoolFileFormat format, PoolReaderOptions options = {});
    ~PoolRecordReader();
    PoolRecordReader(const PoolRecordReader&) = delete;
    PoolRecordReader& operator=(const PoolRecordReader&) = delete;

    // The next record; false at the end of the file.
    bool next(PoolRecord& out);

    // For progress bars.
    std::uint64_t bytesRead() const;
    std::uint64_t fileSize() const;
    const std::string& path() const;

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace rankpo
