#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace rankpo {

class LineReader;

// Splits CSV (RFC 4180: commas, double quotes, "" for a quote, quoted fields may span lines) into records of
// fields, streaming from a LineReader. Unquoted fields are trimmed; blank lines between records are skipped.
// The one CSV tokenizer of core/formats: CsvRecordReader (preference rows) and PoolRecordReader (pools of
// documents) read through it.
class CsvFieldReader {
public:
    explicit CsvFieldReader(LineReader& lines) : m_lines(lines) {}

    // Reads the next record into `fields`; false at the end of the file. Throws RecordError for a malformed
    // record; the record's lines are consumed then, so reading can go on with the next one.
    bool next(std::vector<std::string>& fields);
    // 1-based line on which the record last read starts.
    std::size_t recordLine() const { return m_recordLine; }
    LineReader& lines() { return m_lines; }

private:
    LineReader& m_lines;
    std::size_t m_recordLine = 0;
};

} // namespace rankpo
