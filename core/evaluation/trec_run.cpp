#include "core/evaluation/trec_run.h"

#include "core/evaluation/trec_text.h"
#include "core/util/error.h"

#include <charconv>
#include <fstream>
#include <algorithm>
#include <limits>
#include <ostream>

namespace rankpo {

TrecRun parseTrecRun(std::string_view text, const std::string& source)
{
    TrecRun run;
    run.lines.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
    forEachTrecLine(text, [&](std::size_t line, const std::vector<std::string_view>& fields) {
        if (fields.size() != 6)
            throwTrecError(source, line,
                           "expected 6 fields 'qid Q0 docid rank score tag', found " + std::to_string(fields.size()));
        const std::int64_t rank = parseTrecInteger(fields[3], "rank", source, line);
        if (rank < std::numeric_limits<int>::min() || rank > std::numeric_limits<int>::max())
            throwTrecError(source, line, "rank " + std::string(fields[3]) + " is out of range");
        const double score = parseTrecScore(fields[4], "score", source, line);
        run.lines.push_back({std::string(fields[0]), std::string(fields[2]), static_cast<int>(rank), score,
                             std::string(fields[5]), line});
    });
    std::vector<TrecPairRef> pairs;
    pairs.reserve(run.lines.size());
    for (const auto& l : run.lines)
        pairs.push_back({l.queryId, l.docId, l.line});
    rejectRepeatedTrecPairs(pairs, source, "retrieves");
    return run;
}

TrecRun readTrecRun(const std::string& path)
{
    return parseTrecRun(readTextFile(path), path);
}

void writeTrecRun(std::ostream& out, const std::vector<TrecRunLine>& lines)
{
    char buffer[64];
    for (const auto& l : lines) {
        const auto result = std::to_chars(buffer, buffer + sizeof buffer, l.score);
        out << l.queryId << " Q0 " << l.docId << ' ' << l.rank << ' ';
        out.write(buffer, result.ptr - buffer);
        out << ' ' << l.tag << '\n';
    }
}

void writeTrecRunFile(const std::string& path, const std::vector<TrecRunLine>& lines)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        throw ioError(path + ": cannot open for writing");
    writeTrecRun(out, lines);
    out.flush();
    if (!out)
        throw ioError(path + ": write failed");
}

std::vector<TrecRunLine> toTrecRunLines(const std::vector<RetrievalHit>& hits, const std::string& tag)
{
    if (tag.empty() || tag.find_first_of(" \t\r\n") != std::string::npos)
        throw usageError("run tag '" + tag + "' must be one word (no spaces)");
    std::vector<TrecRunLine> lines;
    lines.reserve(hits.size());
    for (const auto& h : hits)
        lines.push_back({std::to_string(h.jobId), std::to_string(h.candidateId), h.rank, h.score, tag, 0});
    return lines;
}

} // namespace rankpo
