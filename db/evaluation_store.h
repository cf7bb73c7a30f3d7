#pragma once

#include "core/domain/ids.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rankpo::db {

class Connection;
class ProjectStore;

struct RankedCandidate {
    JobId jobId = 0;
    int rank = 0; // 1-based
    CandidateId candidateId = 0;
    double score = 0;
};

struct EvaluationRecord {
    std::int64_t id = 0;
    std::string model;
    std::string identity;
    std::string split;
    std::string metricsJson;
    std::optional<std::int64_t> runId;
    std::int64_t createdAt = 0;
};

// Every evaluation is kept (model, split, metrics, time, and its top-k rankings), so the app shows
// before/after without recomputing, and a ranking can be exported as a TREC run.
class EvaluationStore {
public:
    explicit EvaluationStore(ProjectStore& store);

    std::int64_t save(const EvaluationRecord& evaluation, const std::vector<RankedCandidate>& rankings);
    std::optional<EvaluationRecord> latest(const std::string& model, const std::string& split);
    std::optional<EvaluationRecord> find(std::int64_t id);
    std::vector<EvaluationRecord> list();
    std::vector<RankedCandidate> rankings(std::int64_t evaluationId, std::optional<JobId> job = std::nullopt);

private:
    ProjectStore& m_store; // asked for the team rights a write needs
    Connection& m_db;
};

} // namespace rankpo::db
