#pragma once

#include "core/formats/import_format.h"
#include "core/formats/import_records.h"

#include <memory>
#include <string_view>

namespace rankpo {

// Turns one non-blank input line into records. Throws RecordError for an invalid record; the
// caller adds FILE:LINE. The line must be followed by LineReader::kPadding readable bytes.
class RecordParser {
public:
    virtual ~RecordParser() = default;
    virtual void parse(std::string_view line, ParsedRecord& out) = 0;
};

// For the line-based formats (all but CSV, which has its own reader because a quoted field may
// span lines).
struct RecordParserOptions {
    // rankpo-pairs rows without `preferred` are pairs waiting for judgement (PreferenceRecord::judged false)
    // instead of an error.
    bool allowUnjudged = false;
};
std::unique_ptr<RecordParser> makeRecordParser(DataFormat format, const RecordParserOptions& options = {});

// An evaluation corpus line: {"text": ...} (also accepts "contents" and an optional "id"/"docid").
std::unique_ptr<RecordParser> makeCorpusLineParser();

} // namespace rankpo
