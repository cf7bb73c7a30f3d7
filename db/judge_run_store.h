#pragma once

#include "core/domain/ids.h"
#include "core/domain/preference.h"
#include "db/run_registry.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rankpo::db {

class Connection;
class ProjectStore;

// What a judge run has produced so far; kept on the run's row after every answer, so that a run killed
// outright still says how far it got.
struct JudgeRunCounts {
    std::int64_t judged = 0;
    std::int64_t inconsistent = 0;
    std::int64_t failed = 0;
    std::int64_t retried = 0;
    std::int64_t promptTokens = 0;
    std::int64_t completionTokens = 0;
};

// One run of the AI judge as the project records it (table judge_runs). Never holds the API key.
struct JudgeRunRecord {
    std::int64_t id = 0;
    RunStatus status = RunStatus::Running;
    std::string endpointHost; // scheme://host[:port], no user info, path or query
    std::string model;
    std::string annotator;
    std::string promptHash;
    std::string prompt;
    std::string optionsJson = "{}";
    JudgeRunCounts counts;
    std::string message;
    std::int64_t startedAt = 0;
    std::optional<std::int64_t> finishedAt;
    std::optional<double> seconds;
};

// A parsed answer, in the order it was shown (shownFirst is candidate "A").
struct JudgedAnswer {
    PairId pair = 0;
    CandidateId shownFirst = 0;
    Choice choice = Choice::First;
    std::optional<int> confidence;
    std::string rationale;
    std::string response;          // the raw answer, think blocks included
    std::optional<std::string> usageJson;
    double seconds = 0;
};

// An answer that did not become a preference.
struct JudgeFailureRow {
    std::int64_t id = 0;
    PairId pair = 0;
    CandidateId shownFirst = 0;
    std::string kind;              // JudgeFailureKind's stable name
    std::string message;
    std::optional<long> httpStatus;
    std::string response;
};

// The judge_runs and judge_failures tables and the judge's preferences. Every write is its own small
// transaction, so an answer is on disk the moment it is recorded.
class JudgeRunStore {
public:
    explicit JudgeRunStore(ProjectStore& store);

    // Records a new run as running; returns it with its id and start time.
    JudgeRunRecord begin(JudgeRunRecord run);
    // Stores the answer as an `ai` preference of `annotator` and the run's counts, in one transaction.
    // The same choice in the same order by the same judge is one preference: answering again replaces its
    // confidence, rationale, response, usage, time and run. Returns the preference's id.
    PreferenceId recordAnswer(std::int64_t runId, const std::string& annotator, const JudgedAnswer& answer,
                              const JudgeRunCounts& counts);
    // Stores the failure and the run's counts, in one transaction.
    void recordFailure(std::int64_t runId, const JudgeFailureRow& failure, const JudgeRunCounts& counts);
    void finish(std::int64_t runId, RunStatus status, const JudgeRunCounts& counts, const std::string& message,
                double seconds);

    std::vector<JudgeRunRecord> list();
    std::optional<JudgeRunRecord> find(std::int64_t runId);
    std::vector<JudgeFailureRow> failures(std::int64_t runId);
    // The run's failures by kind.
    std::map<std::string, std::int64_t> failureCounts(std::int64_t runId);

private:
    void storeCounts(std::int64_t runId, const JudgeRunCounts& counts);

    ProjectStore& m_store; // asked for the team rights a write needs
    Connection& m_db;
};

} // namespace rankpo::db
