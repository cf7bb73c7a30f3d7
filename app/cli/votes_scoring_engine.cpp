// rankpo-engine only: the scorer `rankpo votes --model` uses (see engine_handoff.h). Linked into the executable
// directly, so that this registration runs.
#include "app/cli/engine_handoff.h"
#include "workflows/score_pairs.h"

namespace {

const bool kVotesScorerRegistered = [] {
    rankpo::cli::missingScorer() = [](rankpo::db::ProjectStore& store, const std::vector<rankpo::db::JobCandidate>& couples,
                                      const rankpo::workflows::EncodingOptions& options) {
        return rankpo::workflows::scoreMissing(store, couples, options);
    };
    return true;
}();

} // namespace
