#pragma once

// Scores the two candidates of every pair for its job with a model and stores the cosine similarities in the
// project's model_scores table, under the model's name: what the studio's "uncertain first" order (active
// learning) and its model-AI disagreement filter read. No torch in this header: the CLI and the UI call it.
#include "db/model_score_store.h"
#include "workflows/project_model.h"
#include "workflows/text_embedder.h"

#include <cstddef>
#include <string>
#include <vector>

namespace rankpo::db {
class ProjectStore;
}

namespace rankpo::workflows {

inline constexpr const char* kStageScore = "score";

struct PairScoreOptions : EncodingOptions {
    // The name the scores are stored under; empty: the model's resolved name (a run's name, a built-in name, a
    // folder's absolute path).
    std::string storeAs;
};

struct PairScoreResult {
    std::string model;          // the name the scores are stored under
    std::size_t pairs = 0;      // pairs whose candidates were scored
    std::size_t jobs = 0;       // distinct jobs with a pair
    std::size_t candidates = 0; // distinct candidates in a pair
    std::size_t scores = 0;     // (job, candidate) rows written
    EmbedCounts embeddings;
    double seconds = 0;
};

// Replaces the model's earlier scores in one transaction: a cancel (rankpo::Error Cancelled) or an error leaves
// the earlier scores as they were. Embeddings come from and go to the project's embedding cache (unless
// options.useCache is false); the model is loaded only when a text is missing from it. Errors: unknown model
// (usage), no pairs (data), Cancelled.
PairScoreResult scorePairs(db::ProjectStore& store, const PairScoreOptions& options);
// The same with any embedder (a trainer's loaded model, a test's vectors); stores under `modelName`.
PairScoreResult scorePairs(db::ProjectStore& store, TextEmbedder& embedder, const std::string& modelName,
                           const PairScoreOptions& options);

struct MissingScoreResult {
    std::string model;       // the name the scores are stored under (the model's resolved name)
    std::size_t asked = 0;   // (job, candidate) couples asked for
    std::size_t scored = 0;  // of them without a stored score, now scored and stored
    EmbedCounts embeddings;
    double seconds = 0;
};

// Scores only those of `couples` that have no score stored under the model's name and adds them (one
// transaction), keeping the model's other scores: `rankpo votes --model` fills what its Kendall's tau-b needs
// without rescoring a project. Only the texts of the missing couples are embedded (cache first, as above); with
// nothing missing, the model is not loaded. Errors: unknown model (usage), Cancelled.
MissingScoreResult scoreMissing(db::ProjectStore& store, const std::vector<db::JobCandidate>& couples,
                                const EncodingOptions& options);
MissingScoreResult scoreMissing(db::ProjectStore& store, TextEmbedder& embedder, const std::string& modelName,
                                const std::vector<db::JobCandidate>& couples, const EncodingOptions& options);

} // namespace rankpo::workflows
