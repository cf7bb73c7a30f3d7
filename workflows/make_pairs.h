#pragma once

// Pairs to judge, made the paper's way: a model ranks every candidate of the project for each job (through the
// project's embedding cache), and pairs are drawn among each job's top K with a strategy (core/domain/
// pair_strategy.h). Each pair keeps the model, the strategy and both candidates' ranks and scores. No torch in
// this header: the CLI and the engine module call it.
#include "core/domain/ids.h"
#include "core/domain/pair_strategy.h"
#include "core/domain/rule_label.h"
#include "workflows/project_model.h"
#include "workflows/text_embedder.h"

#include <optional>
#include <string>
#include <vector>

namespace rankpo::db {
class ProjectStore;
}

namespace rankpo::workflows {

inline constexpr const char* kStageMakePairs = "make pairs";

struct MakePairsOptions : EncodingOptions {
    std::optional<Split> split; // nullopt: every job
    int perJob = 10;            // new pairs per job
    int top = 100;              // K: pairs are drawn among the job's K best candidates
    PairStrategy strategy = PairStrategy::Paper;
    std::uint64_t seed = 42;
    bool dryRun = false;        // draw and report, write nothing
};

struct MadePairEntry {
    JobId job = 0;
    std::string jobReference;
    CandidateId first = 0, second = 0; // first: the one drawn first
    std::string firstReference, secondReference;
    int firstRank = 0, secondRank = 0; // 1-based ranks in the job's ranking
    double firstScore = 0, secondScore = 0;
};

struct SkippedJob {
    JobId job = 0;
    std::string reference;
    std::string reason;
};

struct MakePairsResult {
    std::string model;
    PairStrategy strategy = PairStrategy::Paper;
    std::size_t jobs = 0;       // jobs ranked
    std::size_t candidates = 0; // candidates ranked for each job
    std::size_t added = 0;      // pairs written (0 for a dry run)
    std::vector<MadePairEntry> pairs; // drawn, in job order then draw order
    std::vector<SkippedJob> skipped;  // jobs with fewer than two candidates or no new pair left
    EmbedCounts embeddings;
    double seconds = 0;
};

// Errors: unknown model or bad options (usage), no jobs in the split (data), Cancelled (nothing written).
MakePairsResult makePairs(db::ProjectStore& store, const MakePairsOptions& options);
// The same with any embedder (a test's vectors); `modelName` is stored as the pairs' made_by.
MakePairsResult makePairs(db::ProjectStore& store, TextEmbedder& embedder, const std::string& modelName,
                          const MakePairsOptions& options);

} // namespace rankpo::workflows
