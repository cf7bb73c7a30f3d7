// rankpo make-pairs: pairs to judge from a model's ranking of each job's candidates (the paper's stage 1), drawn
// among the top K with a strategy and stored with the model, strategy, ranks and scores that made them.
#include "app/cli/command.h"
#include "app/cli/workflow_cli.h"
#include "core/util/error.h"
#include "db/project_store.h"
#include "workflows/make_pairs.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>

namespace rankpo::cli {
namespace {

struct MakePairsArgs {
    std::string project;
    std::string split = "all";
    std::string strategy = "paper";
    bool json = false;
    workflows::MakePairsOptions options;
};

void run(MakePairsArgs& a)
{
    if (a.split != "all")
        a.options.split = db::splitFromString(a.split);
    a.options.strategy = *pairStrategyFromString(a.strategy);
    auto store = db::ProjectStore::open(a.project);
    StageProgress progress;
    a.options.progress = progress.callback();
    const workflows::MakePairsResult r = workflows::makePairs(*store, a.options);
    progress.finish();
    if (a.json) {
        nlohmann::ordered_json j;
        j["model"] = r.model;
        j["strategy"] = std::string(toString(r.strategy));
        j["seed"] = a.options.seed;
        j["top"] = a.options.top;
        j["per_job"] = a.options.perJob;
        j["dry_run"] = a.options.dryRun;
        j["jobs"] = r.jobs;
        j["candidates"] = r.candidates;
        j["pairs_drawn"] = r.pairs.size();
        j["pairs_added"] = r.added;
        nlohmann::ordered_json skipped = nlohmann::ordered_json::array();
        for (const auto& s : r.skipped)
            skipped.push_back({{"job", s.reference}, {"reason", s.reason}});
        j["skipped_jobs"] = skipped;
        nlohmann::ordered_json pairs = nlohmann::ordered_json::array();
        for (const auto& p : r.pairs)
            pairs.push_back({{"job", p.jobReference},
                             {"candidate_a", p.firstReference},
                             {"candidate_b", p.secondReference},
                             {"rank_a", p.firstRank},
                             {"rank_b", p.secondRank},
                             {"score_a", p.firstScore},
                             {"score_b", p.secondScore}});
        j["pairs"] = pairs;
        j["embeddings"] = {{"cached", r.embeddings.cached}, {"encoded", r.embeddings.encoded}};
        j["seconds"] = r.seconds;
        std::cout << j.dump(2) << "\n";
        return;
    }
    for (const auto& s : r.skipped)
        std::fprintf(stderr, "skipped job %s: %s\n", s.reference.c_str(), s.reason.c_str());
    std::printf("%s ranked %zu candidates for each of %zu jobs and drew %zu pairs (%s, top %d, %d per job, seed %llu)",
                r.model.c_str(), r.candidates, r.jobs, r.pairs.size(), std::string(toString(r.strategy)).c_str(),
                a.options.top, a.options.perJob, static_cast<unsigned long long>(a.options.seed));
    if (a.options.dryRun)
        std::printf("; dry run: nothing written\n");
    else
        std::printf("; added %zu pairs to judge in %.1f s\n", r.added, r.seconds);
}

void setup(CLI::App& root)
{
    auto a = std::make_shared<MakePairsArgs>();
    CLI::App* cmd = root.add_subcommand("make-pairs", "Make pairs to judge from a model's ranking of each job's candidates");
    cmd->add_option("project", a->project, "Project file")->required();
    addModelOptions(cmd, a->options);
    cmd->add_option("--split", a->split, "Jobs of this split: all (default), train or test")
        ->check(CLI::IsMember({"all", "train", "test"}));
    cmd->add_option("--per-job", a->options.perJob, "New pairs per job")->capture_default_str()->check(CLI::PositiveNumber);
    cmd->add_option("--top", a->options.top, "Draw among the job's top K candidates")->capture_default_str()
        ->check(CLI::Range(2, 1000000));
    cmd->add_option("--strategy", a->strategy,
                    "paper (two distinct ranks drawn uniformly, as the paper), adjacent (neighbours in the ranking), "
                    "uniform (any two of the top K), uncertain (smallest score gaps)")
        ->capture_default_str()
        ->check(CLI::IsMember({"paper", "adjacent", "uniform", "uncertain"}));
    cmd->add_option("--seed", a->options.seed, "Random seed (paper, uniform): the same seed gives the same pairs")
        ->capture_default_str();
    cmd->add_flag("--dry-run", a->options.dryRun, "Draw and print the pairs, write nothing");
    cmd->add_flag("--json", a->json, "Print {\"model\", \"strategy\", \"pairs_added\", \"skipped_jobs\", \"pairs\", ...}");
    cmd->callback([a] { run(*a); });
}

} // namespace

RANKPO_CLI_COMMAND(75, "make-pairs", setup);

} // namespace rankpo::cli
