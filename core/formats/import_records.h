#pragma once

#include "core/domain/preference.h"
#include "core/util/content_hash.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rankpo {

// A job or candidate as a record names it: by its text, by an external id, or both. Views point
// into the parser's buffers and stay valid until the next record is parsed.
struct TextRef {
    std::string_view text;
    std::string_view externalId;
    // Filled by computeHashes() (the importer's parsing thread does it, off the writing thread).
    ContentHash textHash;
    ContentHash idHash;
    bool hashed = false;

    void computeHashes()
    {
        textHash = ContentHash::of(text);
        idHash = ContentHash::of(externalId);
        hashed = true;
    }
};

struct PreferenceRecord {
    TextRef job;
    TextRef first;  // shown first ("A", passage1)
    TextRef second; // shown second ("B", passage2)
    Choice choice = Choice::First;
    std::optional<int> confidence;
    std::string_view rationale;
    std::string_view annotator;
    std::optional<PreferenceSource> source;
    std::optional<std::int64_t> createdAt;
    // false: a pair waiting for judgement (`--allow-unjudged` rows without `preferred`); no preference is written.
    bool judged = true;
    // Where the pair came from (the sample's passage_rank1/passage_rank2; our export's made_by, strategy,
    // passage_score1/2): both candidates' ranks and scores in the ranking the pair was drawn from.
    std::optional<int> firstRank, secondRank;
    std::optional<double> firstScore, secondScore;
    std::string_view madeBy;
    std::string_view strategy;
    // What an AI judge answered: its raw response and token usage (JSON text), kept with the preference.
    std::string_view response;
    std::string_view usage;
};

struct LabelRecord {
    TextRef job;
    TextRef candidate;
    int relevance = 0;
};

// A query of the paper's evaluation files: positives are line numbers of the corpus file (0-based).
struct EvalQueryRecord {
    TextRef job;
    std::vector<std::int64_t> positiveCorpusIndices;
};

// Everything one line (or CSV record) of an input file yields. Parsers validate a whole record
// before anything of it is written, so a bad record leaves no trace.
struct ParsedRecord {
    std::vector<PreferenceRecord> preferences;
    std::vector<LabelRecord> labels;
    std::vector<TextRef> candidates; // candidates with no label (an evaluation corpus)
    std::vector<EvalQueryRecord> evalQueries;
    std::deque<std::string> storage; // owns unescaped text the views above point to

    void clear()
    {
        preferences.clear();
        labels.clear();
        candidates.clear();
        evalQueries.clear();
        storage.clear();
    }
    std::string_view keep(std::string text)
    {
        storage.push_back(std::move(text));
        return storage.back();
    }
};

// Thrown by a parser for an invalid record; the importer adds FILE:LINE.
struct RecordError {
    std::string reason;
};

} // namespace rankpo
