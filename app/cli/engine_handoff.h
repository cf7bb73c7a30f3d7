#pragma once

// How a data command that sometimes needs the engine reaches it. `rankpo votes` is a data command (no libtorch:
// it starts in milliseconds over what the project stores), but `votes --model M` first scores the candidates
// that have no score under M, which needs a model. Rather than a second, engine-only votes command, the one
// command file is linked into both executables and asks these hooks: in rankpo-engine, votes_scoring_engine.cpp
// sets the scorer; in rankpo, engine_forwarding.cpp sets the handoff, which re-runs the same command line in
// rankpo-engine (whose votes then finds the scorer). Torch-free: only declarations of the workflow's types.
#include "db/model_score_store.h"
#include "workflows/score_pairs.h"

#include <functional>
#include <vector>

namespace rankpo::db {
class ProjectStore;
}

namespace rankpo::cli {

using MissingScorer = std::function<workflows::MissingScoreResult(
    db::ProjectStore& store, const std::vector<db::JobCandidate>& couples, const workflows::EncodingOptions& options)>;

// Set in rankpo-engine; empty in rankpo.
MissingScorer& missingScorer();
// Set in rankpo: execs rankpo-engine with this process's arguments and never returns; empty in rankpo-engine.
std::function<void()>& engineHandoff();

} // namespace rankpo::cli
