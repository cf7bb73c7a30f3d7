#pragma once

#include "core/domain/ids.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace rankpo::db {
class SqliteDatabase;
}

namespace rankpo::ui {

// Which pairs the queue lists. Filters combine with AND; each one is a set of pairs SQLite finds
// with at most one pass over the preferences (never the texts, except for the text search).
enum QueueFilter : unsigned {
    NotJudgedByMe = 1u << 0,       // no human judgement by the current annotator
    AiOnly = 1u << 1,              // judged by an AI and by no person
    HumanAiDisagreement = 1u << 2, // some person and some AI prefer different candidates (a tie counts as an outcome)
    LowAiConfidence = 1u << 3,     // some AI judgement below the confidence threshold
    ModelAiDisagreement = 1u << 4, // the score model prefers another candidate than some AI judgement
};

enum class QueueOrder {
    PairId,         // import order
    UncertainFirst, // smallest |score(job, a) - score(job, b)| of the score model first (active learning)
};

struct PairQueueQuery {
    unsigned filters = 0;
    QueueOrder order = QueueOrder::PairId;
    std::string annotator;          // for NotJudgedByMe
    int lowConfidenceBelow = 60;    // for LowAiConfidence
    std::string scoreModel;         // for UncertainFirst and ModelAiDisagreement
    std::string search;             // case-insensitive (ASCII) substring of the job's or a candidate's text or external id

    bool operator==(const PairQueueQuery& o) const
    {
        return filters == o.filters && order == o.order && annotator == o.annotator
            && lowConfidenceBelow == o.lowConfidenceBelow && scoreModel == o.scoreModel && search == o.search;
    }
    bool operator!=(const PairQueueQuery& o) const { return !(*this == o); }
};

// The SQL selecting the queue's pair ids in order, and the values of its parameters ?1..?4
// (annotator, confidence threshold, score model, LIKE pattern); only the ones the SQL uses are set.
struct PairQueueSql {
    std::string sql;
    struct Binding {
        int index;
        std::string text;
        std::int64_t number = 0;
        bool isText = true;
    };
    std::vector<Binding> bindings;
};
PairQueueSql buildPairQueueSql(const PairQueueQuery& query);

// A LIKE pattern matching `text` anywhere, with % _ and \ escaped (ESCAPE '\').
std::string likePattern(const std::string& text);

// Runs the query and returns the pair ids in queue order. `cancelled` is polled while SQLite works
// (a progress handler): when it turns true the query stops and rankpo::Error (Cancelled) is thrown.
std::vector<PairId> runPairQueueQuery(db::SqliteDatabase& db, const PairQueueQuery& query,
                                      const std::atomic<bool>* cancelled = nullptr);

} // namespace rankpo::ui
