#pragma once

#include "core/domain/ids.h"
#include "db/judgement_reader.h"

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rankpo::db {

class ProjectStore;

// Which pairs the queue lists. Filters combine with AND; each one is a set of pairs the database finds
// with at most one pass over the preferences (never the texts, except for the text search).
enum QueueFilter : unsigned {
    NotJudgedByMe = 1u << 0,       // no human judgement by the current annotator
    AiOnly = 1u << 1,              // judged by an AI and by no person
    HumanAiDisagreement = 1u << 2, // some person and some AI prefer different candidates (a tie counts as an outcome)
    LowAiConfidence = 1u << 3,     // some AI judgement below the confidence threshold
    ModelAiDisagreement = 1u << 4, // the score model prefers another candidate than some AI judgement
    NotJudgedYet = 1u << 5,        // no judgement by anyone (pairs made to be judged, `rankpo make-pairs`)
    AssignedToMe = 1u << 6,        // assigned to the current annotator (`rankpo assign`)
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

// What the queue shows of a pair: names (never the texts), the score model's scores, every judgement's outcome.
struct PairQueueRow {
    PairId id = 0;
    CandidateId lo = 0, hi = 0;
    std::string jobLabel;  // title, else the job's reference
    std::string loLabel, hiLabel; // the candidates' references
    std::optional<double> scoreLo, scoreHi;
    std::vector<JudgementOutcome> judgements; // oldest first
};

// The pair queue over a project of any size. When the current annotator has assignments, the pairs assigned to
// them come first in either order: the matching ids are selected in order (8 bytes a pair), and
// the rows' display values are read a page of ids at a time.
class PairQueue {
public:
    explicit PairQueue(ProjectStore& store) : m_store(store) {}

    // The pair ids in queue order. `cancelled` is polled while the database works: when it turns true the
    // query stops and rankpo::Error (Cancelled) is thrown.
    std::vector<PairId> select(const PairQueueQuery& query, const std::atomic<bool>* cancelled = nullptr);
    // The rows of a page of pair ids, in the order given; a pair removed since it was selected is left out.
    std::vector<PairQueueRow> rows(const std::vector<PairId>& page, const std::string& scoreModel);

private:
    ProjectStore& m_store;
};

} // namespace rankpo::db
