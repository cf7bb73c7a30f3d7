// rankpo demo-data: the built-in demo corpus as a project.
#include "app/cli/command.h"
#include "core/demo/demo_corpus.h"
#include "db/demo_project.h"
#include "core/util/error.h"
#include "db/project_store.h"

#include <iostream>

namespace rankpo::cli {
namespace {

void setupDemoData(CLI::App& root)
{
    auto* cmd = root.add_subcommand("demo-data", "Create a project holding the built-in demo corpus (generated, "
                                                 "deterministic for a seed)");
    struct Options {
        std::string project;
        demo::DemoOptions demo;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("project", o->project, "Project file to create (or an empty one to fill)")->required();
    cmd->add_option("--jobs", o->demo.jobs, "Number of job descriptions")->capture_default_str()->check(CLI::Range(1, 100000));
    cmd->add_option("--candidates", o->demo.candidates, "Number of researcher profiles")
        ->capture_default_str()
        ->check(CLI::Range(2, 1000000));
    cmd->add_option("--pairs", o->demo.pairs, "Number of AI-judged pairs (swapped re-judgements come on top)")
        ->capture_default_str()
        ->check(CLI::Range(0, 10000000));
    cmd->add_option("--seed", o->demo.seed, "Seed: the same seed gives the same corpus")->capture_default_str();
    cmd->callback([o] {
        auto store = db::ProjectStore::open(o->project, db::ProjectStore::OpenMode::OpenOrCreate);
        if (store->stats().jobs > 0)
            throw usageError(o->project + ": the project already holds data; demo-data fills a new project");
        const auto corpus = demo::generateDemoCorpus(o->demo);
        const auto counts = db::writeDemoCorpus(*store, corpus);
        store->setInfo("demo.seed", std::to_string(o->demo.seed));
        std::cout << "Created the demo project " << o->project << ": " << counts.jobsAdded << " jobs, "
                  << counts.candidatesAdded << " candidates, " << counts.labelsAdded << " rule labels, "
                  << counts.pairsAdded << " pairs, " << counts.preferencesAdded << " AI preferences (seed "
                  << o->demo.seed << ")\n";
    });
}

} // namespace

RANKPO_CLI_COMMAND(15, "demo-data", setupDemoData);

} // namespace rankpo::cli
