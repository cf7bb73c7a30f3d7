#pragma once

// One job's best candidates under a model: every candidate of the project scored, the top kept, marked with the
// job's rule labels. Candidate embeddings come from the project's cache when an evaluation stored them.
#include "core/domain/ids.h"
#include "workflows/project_model.h"
#include "workflows/text_embedder.h"

#include <optional>
#include <string>
#include <vector>

namespace rankpo::db {
class ProjectStore;
}

namespace rankpo::workflows {

struct RankOptions : EncodingOptions {
    int top = 20;
};

struct RankedCandidateEntry {
    int rank = 0; // 1-based
    CandidateId candidate = 0;
    std::string reference;
    double score = 0;              // cosine similarity
    std::optional<int> relevance;  // the job's rule label for it, when it has one
};

struct JobRanking {
    JobId job = 0;
    std::string reference;
    std::string model;
    std::size_t candidates = 0;    // scored
    std::size_t relevantLabels = 0; // candidates the rules mark relevant for this job
    std::vector<RankedCandidateEntry> entries;
    EmbedCounts embeddings;
};

// Errors: unknown model (usage), a job that is not in the project (usage), no candidates (data), Cancelled.
JobRanking rankJob(db::ProjectStore& store, JobId job, const RankOptions& options);
// The same with any embedder; `modelName` labels the result.
JobRanking rankJob(db::ProjectStore& store, TextEmbedder& embedder, const std::string& modelName, JobId job,
                   const RankOptions& options);

} // namespace rankpo::workflows
