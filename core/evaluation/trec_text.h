#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace rankpo {

// The whitespace-separated line format shared by TREC qrels and run files.
//
// Calls `onLine(lineNumber, fields)` for every line that is not blank (lines are 1-based; fields are
// views into `text`). Spaces, tabs and a trailing CR separate fields.
void forEachTrecLine(std::string_view text, const std::function<void(std::size_t, const std::vector<std::string_view>&)>& onLine);

// Reads a whole file; throws an I/O error naming the path when it cannot be read.
std::string readTextFile(const std::string& path);

// Strict field parsers: the whole field must be the number. They throw a data error
// "SOURCE:LINE: FIELD 'TEXT' is not ..." so that the message names the place.
std::int64_t parseTrecInteger(std::string_view field, std::string_view what, const std::string& source, std::size_t line);
double parseTrecScore(std::string_view field, std::string_view what, const std::string& source, std::size_t line);

// A (query, document) pair of a file and the line it is on.
struct TrecPairRef {
    std::string_view query;
    std::string_view doc;
    std::size_t line;
};

// Throws "SOURCE:LINE: query Q VERB document D again (first at line N)" for the earliest line that
// repeats a pair. Grouped by query and sorted within each group: no allocation per line.
void rejectRepeatedTrecPairs(const std::vector<TrecPairRef>& pairs, const std::string& source, const std::string& verb);

// "SOURCE:LINE: reason" as a data error.
[[noreturn]] void throwTrecError(const std::string& source, std::size_t line, const std::string& reason);

} // namespace rankpo
