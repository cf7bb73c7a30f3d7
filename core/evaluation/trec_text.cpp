#include "core/evaluation/trec_text.h"

#include "core/util/error.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <algorithm>
#include <unordered_map>
#include <fstream>
#include <sstream>

namespace rankpo {

void forEachTrecLine(std::string_view text, const std::function<void(std::size_t, const std::vector<std::string_view>&)>& onLine)
{
    std::vector<std::string_view> fields;
    std::size_t lineNumber = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        ++lineNumber;
        fields.clear();
        std::size_t i = pos;
        while (i < end) {
            while (i < end && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r'))
                ++i;
            const std::size_t start = i;
            while (i < end && text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
                ++i;
            if (i > start)
                fields.push_back(text.substr(start, i - start));
        }
        if (!fields.empty())
            onLine(lineNumber, fields);
        pos = end + 1;
    }
}

std::string readTextFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ioError(path + ": cannot open (" + std::strerror(errno) + ")");
    std::ostringstream contents;
    contents << in.rdbuf();
    if (in.bad())
        throw ioError(path + ": read failed");
    return contents.str();
}

void rejectRepeatedTrecPairs(const std::vector<TrecPairRef>& pairs, const std::string& source, const std::string& verb)
{
    std::unordered_map<std::string_view, std::vector<std::uint32_t>> byQuery;
    for (std::size_t i = 0; i < pairs.size(); ++i)
        byQuery[pairs[i].query].push_back(static_cast<std::uint32_t>(i));
    const TrecPairRef* repeat = nullptr; // the repeating line that comes first in the file
    std::size_t firstLine = 0;
    for (auto& [query, indices] : byQuery) {
        std::sort(indices.begin(), indices.end(), [&pairs](std::uint32_t a, std::uint32_t b) {
            return pairs[a].doc != pairs[b].doc ? pairs[a].doc < pairs[b].doc : pairs[a].line < pairs[b].line;
        });
        for (std::size_t i = 1; i < indices.size(); ++i) {
            const TrecPairRef& previous = pairs[indices[i - 1]];
            const TrecPairRef& current = pairs[indices[i]];
            if (current.doc != previous.doc || (repeat && repeat->line <= current.line))
                continue;
            std::size_t first = previous.line;
            for (std::size_t j = i - 1; j > 0 && pairs[indices[j - 1]].doc == current.doc; --j)
                first = pairs[indices[j - 1]].line;
            repeat = &current;
            firstLine = first;
        }
    }
    if (repeat)
        throwTrecError(source, repeat->line,
                       "query " + std::string(repeat->query) + " " + verb + " document " + std::string(repeat->doc)
                           + " again (first at line " + std::to_string(firstLine) + ")");
}

void throwTrecError(const std::string& source, std::size_t line, const std::string& reason)
{
    throw dataError(source + ":" + std::to_string(line) + ": " + reason);
}

std::int64_t parseTrecInteger(std::string_view field, std::string_view what, const std::string& source, std::size_t line)
{
    std::int64_t value = 0;
    const char* first = field.data();
    const char* last = field.data() + field.size();
    if (first != last && *first == '+')
        ++first;
    const auto [end, ec] = std::from_chars(first, last, value);
    if (ec != std::errc() || end != last)
        throwTrecError(source, line, std::string(what) + " '" + std::string(field) + "' is not an integer");
    return value;
}

double parseTrecScore(std::string_view field, std::string_view what, const std::string& source, std::size_t line)
{
    double value = 0.0;
    const char* first = field.data();
    const char* last = field.data() + field.size();
    if (first != last && *first == '+')
        ++first;
    const auto [end, ec] = std::from_chars(first, last, value);
    if (ec == std::errc::result_out_of_range)
        throwTrecError(source, line, std::string(what) + " '" + std::string(field) + "' is out of range");
    if (ec != std::errc() || end != last)
        throwTrecError(source, line, std::string(what) + " '" + std::string(field) + "' is not a number");
    if (std::isnan(value))
        throwTrecError(source, line, std::string(what) + " is NaN");
    return value;
}

} // namespace rankpo
