#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rankpo {

// The interchange formats the project store imports and exports. README.md documents each one.
enum class DataFormat {
    RankPOPairs,       // the paper's annotated pairs: {query, passage1, passage2, preferred, ...}
    RankPOContrastive, // {query, positives[], negatives[]}
    RankPOEval,        // {"query": {"text"}, "positives": {"index": [...]}} with a {"text"} corpus
    TrlDpo,            // {prompt, chosen, rejected}
    TrecQrels,         // qid 0 docid rel
    Csv,               // header: job, candidate_a, candidate_b, preferred[, confidence, rationale, annotator]
};

std::string_view formatName(DataFormat format);
std::optional<DataFormat> formatFromName(std::string_view name);
const std::vector<DataFormat>& allFormats();
std::string formatNameList(); // "rankpo-pairs, rankpo-contrastive, ..." for messages

// Guesses the format from the first non-blank line of a file (and its name, for CSV and qrels).
// Returns nullopt when nothing fits; `why` then says what the line looked like.
std::optional<DataFormat> detectFormat(std::string_view firstLine, std::string_view fileName, std::string* why);

} // namespace rankpo
