#pragma once

#include "core/domain/preference.h"
#include "db/project_store.h"

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace rankpo::db {

// A judgement's outcome without its texts: who won and who lost (ties have neither).
struct JudgementOutcome {
    PairId pairId = 0;
    PreferenceSource source = PreferenceSource::Ai;
    std::string annotator;
    std::optional<CandidateId> winner;
    std::optional<CandidateId> loser;
    std::optional<int> confidence;
};

// The one reader of stored judgements (the preferences table) for every caller: export, training, evaluation,
// the annotation view, the undo commands and the agreement page.
class JudgementReader {
public:
    explicit JudgementReader(ProjectStore& store) : m_store(store) {}

    // Judgements matching `filter`, oldest first. Without the rationale when `withRationale` is false (the
    // agreement figures do not need it, and it dominates the memory of a large project). `cancel` is polled
    // between rows: rankpo::Error (Cancelled) when it turns true.
    std::vector<Preference> list(const PreferenceFilter& filter = {}, bool withRationale = true,
                                 const std::atomic<bool>* cancel = nullptr);
    std::optional<Preference> find(PreferenceId id);
    // A pair's judgements, oldest first.
    std::vector<Preference> ofPair(PairId pair);
    // One annotator's judgements of a pair, oldest first.
    std::vector<Preference> ofPairBy(PairId pair, PreferenceSource source, const std::string& annotator);
    // The outcomes of a job's judgements (by `source`, all when nullopt), oldest first.
    std::vector<JudgementOutcome> outcomesOfJob(JobId job, std::optional<PreferenceSource> source);
    // The outcomes of judgements of the pairs given, oldest first.
    std::vector<JudgementOutcome> outcomesOfPairs(const std::vector<PairId>& pairs);

private:
    ProjectStore& m_store;
};

} // namespace rankpo::db
