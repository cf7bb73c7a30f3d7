#include "core/evaluation/trec_qrels.h"

#include "core/evaluation/trec_text.h"

#include <algorithm>
#include <limits>
#include <ostream>

namespace rankpo {

TrecQrels parseTrecQrels(std::string_view text, const std::string& source)
{
    TrecQrels qrels;
    qrels.judgements.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
    forEachTrecLine(text, [&](std::size_t line, const std::vector<std::string_view>& fields) {
        if (fields.size() != 4)
            throwTrecError(source, line,
                           "expected 4 fields 'qid iteration docid relevance', found " + std::to_string(fields.size()));
        const std::int64_t relevance = parseTrecInteger(fields[3], "relevance", source, line);
        if (relevance < std::numeric_limits<int>::min() || relevance > std::numeric_limits<int>::max())
            throwTrecError(source, line, "relevance " + std::string(fields[3]) + " is out of range");
        qrels.judgements.push_back({std::string(fields[0]), std::string(fields[2]), static_cast<int>(relevance), line});
    });
    std::vector<TrecPairRef> pairs;
    pairs.reserve(qrels.judgements.size());
    for (const auto& l : qrels.judgements)
        pairs.push_back({l.queryId, l.docId, l.line});
    rejectRepeatedTrecPairs(pairs, source, "judges");
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
