#pragma once

#include "core/evaluation/retrieval_hit.h"

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace rankpo {

// One line of a TREC run file: `qid Q0 docid rank score tag`.
struct TrecRunLine {
    std::string queryId;
    std::string docId;
    int rank = 0;
    double score = 0.0;
    std::string tag;
    std::size_t line = 0; // where it was read (0 when built in memory)
};

struct TrecRun {
    std::vector<TrecRunLine> lines;
};

// Parses run text. `source` names the input in messages. Throws a data error "SOURCE:LINE: reason" on a
// line without exactly 6 fields, a rank that is not an integer, a score that is not a number (or NaN),
// or a document listed twice for the same query (trec_eval refuses those too). The Q0 column is not
// checked; the rank column is kept but evaluation ranks by score, as trec_eval does.
TrecRun parseTrecRun(std::string_view text, const std::string& source);
TrecRun readTrecRun(const std::string& path);

// Writes `qid Q0 docid rank score tag` lines; scores in the shortest form that reads back exactly.
void writeTrecRun(std::ostream& out, const std::vector<TrecRunLine>& lines);
// Throws an I/O error naming the path when it cannot be written.
void writeTrecRunFile(const std::string& path, const std::vector<TrecRunLine>& lines);

// Retrieval results as run lines: query and document ids are the job and candidate ids in decimal.
// Throws a usage error when `tag` is empty or contains whitespace (it would break the format).
std::vector<TrecRunLine> toTrecRunLines(const std::vector<RetrievalHit>& hits, const std::string& tag);

} // namespace rankpo
