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

// "SOURCE:LINE: reason" as a data error.
[[noreturn]] void throwTrecError(const std::string& source, std::size_t line, const std::string& reason);

} // namespace rankpo
