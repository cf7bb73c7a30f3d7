#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace rankpo {

// One line of a TREC qrels file: `qid iteration docid relevance`.
struct TrecQrel {
    std::string queryId;
    std::string docId;
    int relevance = 0;
    std::size_t line = 0; // where it was read (0 when built in memory)
};

// Judgements in file order. The iteration column is read and dropped, as trec_eval does.
struct TrecQrels {
    std::vector<TrecQrel> judgements;
};

// Parses qrels text. `source` names the input in messages. Throws a data error "SOURCE:LINE: reason" on
// a line without exactly 4 fields, a relevance that is not an integer (negative values are allowed:
// trec_eval reads them as "in the pool, not judged"), or a (query, document) judged twice.
TrecQrels parseTrecQrels(std::string_view text, const std::string& source);
TrecQrels readTrecQrels(const std::string& path);

// Writes `qid 0 docid relevance` lines.
void writeTrecQrels(std::ostream& out, const std::vector<TrecQrel>& judgements);

} // namespace rankpo
