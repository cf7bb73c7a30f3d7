// rankpo stats: counts of what a project holds.
#include "app/cli/command.h"
#include "db/pair_assignments.h"
#include "db/project_store.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace rankpo::cli {
namespace {

nlohmann::ordered_json statsJson(const db::ProjectStats& s, const std::vector<db::AnnotatorWorkload>& work)
{
    nlohmann::ordered_json j;
    j["jobs"] = s.jobs;
    j["candidates"] = s.candidates;
    j["pairs"] = s.pairs;
    j["pairs_unjudged"] = s.pairsUnjudged;
    j["preferences"] = {{"ai", s.preferencesAi}, {"human", s.preferencesHuman}, {"ties", s.ties}};
    j["labels"] = {{"positive", s.labelsPositive}, {"negative", s.labelsNegative}};
    j["split"] = {{"train", s.trainJobs}, {"test", s.testJobs}, {"unassigned", s.unassignedJobs}};
    nlohmann::ordered_json annotators = nlohmann::ordered_json::object();
    for (const auto& [name, count] : s.annotators)
        annotators[name] = count;
    j["annotators"] = annotators;
    nlohmann::ordered_json assignments = nlohmann::ordered_json::object();
    for (const auto& w : work)
        assignments[w.annotator] = {{"assigned", w.assigned}, {"judged", w.judged}};
    j["assignments"] = assignments;
    j["schema_version"] = s.schemaVersion;
    return j;
}

void setupStats(CLI::App& root)
{
    auto* cmd = root.add_subcommand("stats", "Counts of jobs, candidates, pairs, preferences, labels and the split");
    struct Options {
        std::string path;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("project", o->path, "Project file")->required();
    cmd->add_flag("--json", o->json, "Print JSON");
    cmd->callback([o] {
        auto store = db::ProjectStore::open(o->path);
        const auto s = store->stats();
        const auto work = db::PairAssignments(*store).progress();
        if (o->json) {
            std::cout << statsJson(s, work).dump(2) << "\n";
            return;
        }
        std::cout << store->path() << "\n"
                  << "  jobs          " << s.jobs << "  (train " << s.trainJobs << ", test " << s.testJobs
                  << ", unassigned " << s.unassignedJobs << ")\n"
                  << "  candidates    " << s.candidates << "\n"
                  << "  pairs         " << s.pairs << "  (" << s.pairsUnjudged << " not judged yet)\n"
                  << "  preferences   " << s.preferencesAi << " ai, " << s.preferencesHuman << " human (" << s.ties
                  << " ties)\n"
                  << "  labels        " << s.labelsPositive << " positive, " << s.labelsNegative << " negative\n";
        for (const auto& [name, count] : s.annotators)
            std::cout << "  annotator     " << (name.back() == ':' ? name + "(unnamed)" : name) << ": " << count << "\n";
        for (const auto& w : work)
            std::cout << "  assigned      " << w.annotator << ": " << w.judged << " of " << w.assigned << " judged\n";
    });
}

} // namespace

RANKPO_CLI_COMMAND(40, "stats", setupStats);

} // namespace rankpo::cli
