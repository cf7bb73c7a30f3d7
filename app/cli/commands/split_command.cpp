// rankpo split: the query-grouped train/test split.
#include "app/cli/command.h"
#include "db/project_store.h"

#include <iostream>

namespace rankpo::cli {
namespace {

void setupSplit(CLI::App& root)
{
    auto* cmd = root.add_subcommand("split", "Assign each job (with its pairs and labels) to train or test");
    struct Options {
        std::string path;
        double testFraction = 0.3;
        std::uint64_t seed = 42;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("project", o->path, "Project file")->required();
    cmd->add_option("--test-fraction", o->testFraction, "Share of jobs held out for testing")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--seed", o->seed, "Seed: the same seed and jobs give the same split")->capture_default_str();
    cmd->callback([o] {
        auto store = db::ProjectStore::open(o->path);
        const auto r = store->assignSplit(o->testFraction, o->seed);
        std::cout << "Split " << (r.train + r.test) << " jobs: " << r.train << " train, " << r.test
                  << " test (seed " << o->seed << ")\n";
    });
}

} // namespace

RANKPO_CLI_COMMAND(50, "split", setupSplit);

} // namespace rankpo::cli
