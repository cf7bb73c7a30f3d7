#pragma once

#include "core/domain/ids.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace rankpo::db {

class ProjectStore;

// A (job, candidate) that takes part in a pair.
struct JobCandidate {
    JobId job = 0;
    CandidateId candidate = 0;
};

// The project's model scores: a model's cosine similarity of (job, candidate) for the candidates of every
// pair, stored under the model's name. The studio's "uncertain first" order and model-AI disagreement filter
// read them.
class ModelScoreStore {
public:
    explicit ModelScoreStore(ProjectStore& store) : m_store(store) {}

    // The names with stored scores, sorted.
    std::vector<std::string> models();
    // Every (job, candidate) of a pair, each once, by job then candidate.
    std::vector<JobCandidate> pairCandidates();
    std::optional<double> score(const std::string& model, JobId job, CandidateId candidate);

    // Called every few thousand rows with the rows written; may throw rankpo::Error (Cancelled) to stop.
    using Progress = std::function<void(std::size_t done, std::size_t total)>;
    // Replaces the model's scores by `scores` (one per entry of `couples`) in one transaction: a cancel or an
    // error leaves the earlier scores as they were.
    void replace(const std::string& model, const std::vector<JobCandidate>& couples, const std::vector<double>& scores,
                 const Progress& progress = {});
    // Adds (or overwrites) the model's scores of `couples` in one transaction, keeping its other scores: what
    // `rankpo votes --model` stores for the candidates that had none.
    void add(const std::string& model, const std::vector<JobCandidate>& couples, const std::vector<double>& scores);

private:
    ProjectStore& m_store;
};

} // namespace rankpo::db
