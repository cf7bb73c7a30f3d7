#include "core/evaluation/trec_qrels.h"

#include "core/evaluation/trec_text.h"

#include <limits>
#include <ostream>
#include <unordered_map>

namespace rankpo {

TrecQrels parseTrecQrels(std::string_view text, const std::string& source)
{
    TrecQrels qrels;
    // (query, document) -> line of its first judgement, to name both places in the duplicate error.
    std::unordered_map<std::string, std::size_t> seen;
    forEachTrecLine(text, [&](std::size_t line, const std::vector<std::string_view>& fields) {
        if (fields.size() != 4)
            throwTrecError(source, line,
                           "expected 4 fields 'qid iteration docid relevance', found " + std::to_string(fields.size()));
        const std::int64_t relevance = parseTrecInteger(fields[3], "relevance", source, line);
        if (relevance < std::numeric_limits<int>::min() || relevance > std::numeric_limits<int>::max())
            throwTrecError(source, line, "relevance " + std::string(fields[3]) + " is out of range");
        std::string key;
        key.reserve(fields[0].size() + fields[2].size() + 1);
        key.append(fields[0]).push_back('\0');
        key.append(fields[2]);
        const auto [it, inserted] = seen.emplace(std::move(key), line);
        if (!inserted)
            throwTrecError(source, line,
                           "query " + std::string(fields[0]) + " judges document " + std::string(fields[2])
                               + " again (first at line " + std::to_string(it->second) + ")");
        qrels.judgements.push_back({std::string(fields[0]), std::string(fields[2]), static_cast<int>(relevance), line});
    });
    return qrels;
}

TrecQrels readTrecQrels(const std::string& path)
{
    return parseTrecQrels(readTextFile(path), path);
}

void writeTrecQrels(std::ostream& out, const std::vector<TrecQrel>& judgements)
{
    for (const auto& j : judgements)
        out << j.queryId << " 0 " << j.docId << ' ' << j.relevance << '\n';
}

} // namespace rankpo
