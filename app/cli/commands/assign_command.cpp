// rankpo assign: each pair to k of the team's annotators, balanced, so that every pair gets judged by several people
// and their agreement can be measured. Running it again only tops up pairs with fewer than k assignees.
#include "app/cli/command.h"
#include "core/util/error.h"
#include "db/pair_assignments.h"
#include "db/project_store.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <sstream>

namespace rankpo::cli {
namespace {

std::vector<std::string> splitNames(const std::string& list)
{
    std::vector<std::string> names;
    std::stringstream in(list);
    std::string name;
    while (std::getline(in, name, ','))
        names.push_back(name);
    if (!list.empty() && list.back() == ',')
        names.emplace_back(); // "a,b," names an empty annotator: refused as such, not silently dropped
    return names;
}

void setupAssign(CLI::App& root)
{
    auto* cmd = root.add_subcommand("assign", "Assign each pair to k annotators, balanced (again: only pairs with "
                                              "fewer than k; --rebalance redistributes what is not yet judged)");
    struct Options {
        std::string project, annotators, split = "all";
        int perPair = 2;
        std::uint64_t seed = 0;
        bool rebalance = false, json = false;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("project", o->project, "Project file")->required();
    cmd->add_option("--annotators", o->annotators, "Comma-separated names, as each person annotates")->required();
    cmd->add_option("--per-pair", o->perPair, "Annotators per pair (k); 2 or more measures agreement")
        ->capture_default_str();
    cmd->add_option("--split", o->split, "Which jobs' pairs: all, train or test")
        ->check(CLI::IsMember({"all", "train", "test"}))
        ->capture_default_str();
    cmd->add_option("--seed", o->seed, "Breaks ties between equally loaded annotators")->capture_default_str();
    cmd->add_flag("--rebalance", o->rebalance,
                  "Withdraw the scope's unjudged assignments and give them out again among --annotators");
    cmd->add_flag("--json", o->json, "Print the result as JSON");
    cmd->callback([o] {
        db::AssignmentRequest request;
        request.annotators = splitNames(o->annotators);
        request.perPair = o->perPair;
        if (o->split != "all")
            request.split = *db::splitFromString(o->split);
        request.seed = o->seed;
        request.rebalance = o->rebalance;
        auto store = db::ProjectStore::open(o->project);
        if (request.split && store->jobIds(request.split).empty())
            throw usageError(store->path() + ": no " + o->split + " jobs (rankpo split makes the split)");
        const db::AssignmentResult r = db::PairAssignments(*store).assign(request);
        if (o->json) {
            nlohmann::ordered_json people = nlohmann::ordered_json::array();
            for (const auto& w : r.workload)
                people.push_back({{"annotator", w.annotator}, {"assigned", w.assigned}, {"judged", w.judged},
                                  {"added", w.added}});
            std::cout << nlohmann::ordered_json{{"pairs", r.pairsInScope},
                                                {"per_pair", o->perPair},
                                                {"added", r.assignmentsAdded},
                                                {"withdrawn", r.assignmentsWithdrawn},
                                                {"complete", r.pairsComplete},
                                                {"annotators", people}}
                             .dump(2)
                      << "\n";
            return;
        }
        std::cout << store->path() << ": " << r.assignmentsAdded << " assignment" << (r.assignmentsAdded == 1 ? "" : "s")
                  << " added";
        if (o->rebalance)
            std::cout << ", " << r.assignmentsWithdrawn << " withdrawn";
        std::cout << "; " << r.pairsComplete << " of " << r.pairsInScope << " pairs have " << o->perPair
                  << " annotator" << (o->perPair == 1 ? "" : "s") << "\n";
        for (const auto& w : r.workload)
            std::cout << "  " << w.annotator << ": " << w.assigned << " assigned (" << w.added << " new), " << w.judged
                      << " judged\n";
    });
}

} // namespace

RANKPO_CLI_COMMAND(26, "assign", setupAssign);

} // namespace rankpo::cli
