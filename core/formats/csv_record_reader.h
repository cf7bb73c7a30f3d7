#pragma once

#include "core/formats/csv_field_reader.h"
#include "core/formats/import_records.h"

#include <string>
#include <vector>

namespace rankpo {

class LineReader;

// Reads preference rows from CSV (RFC 4180: commas, double quotes, "" for a quote, quoted fields
// may span lines). The header names the columns, in any order:
//   required: job, candidate_a, candidate_b, preferred (A, B or tie)
//   optional: confidence (0-100), rationale, annotator, source (ai|human), created (Unix seconds),
//             job_id, candidate_a_id, candidate_b_id
class CsvRecordReader {
public:
    // `allowUnjudged`: the preferred column may be missing or empty (a pair waiting for judgement).
    explicit CsvRecordReader(LineReader& lines, bool allowUnjudged = false);

    // Returns false at the end. Throws RecordError for an invalid row (recordLine() names it) and
    // rankpo::Error for a file-level problem (no header, missing required columns).
    bool next(ParsedRecord& out);
    std::size_t recordLine() const { return m_csv.recordLine(); }

private:
    bool readFields(std::vector<std::string>& fields);
    void readHeader();

    LineReader& m_lines;
    CsvFieldReader m_csv;
    bool m_headerRead = false;
    bool m_allowUnjudged = false;
    std::vector<std::string> m_fields;
    int m_job = -1, m_a = -1, m_b = -1, m_preferred = -1;
    int m_confidence = -1, m_rationale = -1, m_annotator = -1, m_source = -1, m_created = -1;
    int m_jobId = -1, m_aId = -1, m_bId = -1;
    std::size_t m_columns = 0;
};

// Quotes a field for CSV output when it needs it.
std::string csvField(std::string_view text);

} // namespace rankpo
