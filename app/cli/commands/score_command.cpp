// rankpo score: a model's scores of every pair's two candidates for its job, stored in the project's model_scores
// table (what the studio's "uncertain first" order and model-AI disagreement filter read).
#include "app/cli/command.h"
#include "app/cli/workflow_cli.h"
#include "db/project_store.h"
#include "workflows/score_pairs.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>

namespace rankpo::cli {
namespace {

struct ScoreArgs {
    std::string project;
    bool json = false;
    workflows::PairScoreOptions options;
};

void run(ScoreArgs& a)
{
    auto store = db::ProjectStore::open(a.project);
    StageProgress progress;
    a.options.progress = progress.callback();
    const workflows::PairScoreResult r = workflows::scorePairs(*store, a.options);
    progress.finish();
    if (a.json) {
        nlohmann::ordered_json j;
        j["model"] = r.model;
        j["pairs"] = r.pairs;
        j["jobs"] = r.jobs;
        j["candidates"] = r.candidates;
        j["scores"] = r.scores;
        j["embeddings"] = {{"cached", r.embeddings.cached}, {"encoded", r.embeddings.encoded}};
        j["seconds"] = r.seconds;
        std::cout << j.dump(2) << "\n";
        return;
    }
    std::printf("%s scored the %zu pairs of %s: %zu (job, candidate) scores over %zu jobs and %zu candidates "
                "(%zu embeddings from the cache, %zu encoded) in %.1f s\n",
                r.model.c_str(), r.pairs, a.project.c_str(), r.scores, r.jobs, r.candidates, r.embeddings.cached,
                r.embeddings.encoded, r.seconds);
}

void setup(CLI::App& root)
{
    auto a = std::make_shared<ScoreArgs>();
    CLI::App* cmd = root.add_subcommand("score", "Score every pair's candidates with a model (for the studio's "
                                                 "uncertain-first order and model-AI filter)");
    cmd->add_option("project", a->project, "Project file")->required();
    addModelOptions(cmd, a->options);
    cmd->add_option("--as", a->options.storeAs, "Store the scores under this name (default: the model's name)");
    cmd->add_flag("--json", a->json, "Print {\"model\", \"pairs\", \"jobs\", \"candidates\", \"scores\", ...}");
    cmd->callback([a] { run(*a); });
}

} // namespace

RANKPO_CLI_COMMAND(74, "score", setup);

} // namespace rankpo::cli
