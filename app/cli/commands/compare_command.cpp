// rankpo compare: models side by side on a split, from their stored evaluations (evaluating those without one),
// with metric deltas and how each job's top candidates moved.
#include "app/cli/command.h"
#include "core/evaluation/metric_keys.h"
#include "app/cli/workflow_cli.h"
#include "core/util/error.h"
#include "db/project_store.h"
#include "workflows/model_comparison.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

namespace rankpo::cli {
namespace {

using Json = nlohmann::ordered_json;

struct CompareArgs {
    std::string project;
    std::string models;
    std::string split = "test";
    std::string cutoffs = "1,5,10,20,100";
    std::size_t jobs = 10;
    bool json = false;
    workflows::CompareOptions options;
};

std::string number(const Json& v, const char* format = "%.4f")
{
    if (!v.is_number())
        return "n/a";
    char buf[32];
    std::snprintf(buf, sizeof buf, format, v.get<double>());
    return buf;
}

std::string rank(const std::optional<int>& r, int depth)
{
    return r ? std::to_string(*r) : ">" + std::to_string(depth);
}

std::string shortName(const std::string& name)
{
    const auto slash = name.find_last_of('/');
    return slash == std::string::npos || slash + 1 == name.size() ? name : name.substr(slash + 1);
}

void printTable(const workflows::ModelComparison& c)
{
    const auto& j = c.json;
    int labelWidth = 6, width = 10;
    for (const auto& m : c.models)
        width = std::max(width, std::min(24, int(shortName(m.name).size())));
    for (const char* family : {metric_keys::Standard, metric_keys::Upstream, metric_keys::AlignmentGroups})
        for (const auto& [key, row] : j["metrics"][family].items())
            labelWidth = std::max(labelWidth, int(std::string(family).size() + 1 + key.size()));
    std::printf("%-*s", labelWidth, "metric");
    for (const auto& m : c.models)
        std::printf(" %*.*s", width, width, shortName(m.name).c_str());
    for (std::size_t i = 1; i < c.models.size(); ++i)
        std::printf(" %9s", c.models.size() > 2 ? ("delta" + std::to_string(i)).c_str() : "delta");
    std::printf("\n");
    for (const char* family : {metric_keys::Standard, metric_keys::Upstream, metric_keys::AlignmentGroups}) {
        for (const auto& [key, row] : j["metrics"][family].items()) {
            const std::string label = std::string(family) + " " + key;
            std::printf("%-*s", labelWidth, label.c_str());
            for (const auto& v : row["values"])
                std::printf(" %*s", width, number(v).c_str());
            for (const auto& d : row["deltas"])
                std::printf(" %9s", number(d, "%+.4f").c_str());
            std::printf("\n");
        }
    }
}

void printMoveList(char sign, const std::vector<workflows::CandidateMove>& moves, const workflows::RankComparison& rc,
                   std::size_t limit)
{
    for (std::size_t i = 0; i < moves.size() && i < limit; ++i)
        std::printf("    %c %-44s %5s -> %s\n", sign, moves[i].reference.c_str(),
                    rank(moves[i].rankFrom, rc.depthFrom).c_str(), rank(moves[i].rankTo, rc.depthTo).c_str());
    if (moves.size() > limit)
        std::printf("    %c ... %zu more\n", sign, moves.size() - limit);
}

void printMoves(const workflows::ModelComparison& c, std::size_t maxJobs, std::size_t perJob)
{
    for (const auto& rc : c.rankChanges) {
        std::printf("\nrank changes %s -> %s (top %d): %zu of %zu jobs changed their top, mean overlap %.2f\n",
                    shortName(rc.from).c_str(), shortName(rc.to).c_str(), rc.top, rc.jobsChanged, rc.jobsCompared,
                    rc.meanOverlap);
        std::size_t shown = 0;
        for (const auto& job : rc.jobs) {
            if (job.entered.empty() && job.left.empty() && job.biggestMoves.empty())
                continue;
            if (shown++ == maxJobs) {
                std::printf("  ... (--jobs N shows more, --json all)\n");
                break;
            }
            std::printf("  job %s: %d in both tops, %zu entered (+), %zu left (-), biggest moves (~)\n",
                        job.reference.c_str(), job.overlap, job.entered.size(), job.left.size());
            printMoveList('+', job.entered, rc, perJob);
            printMoveList('-', job.left, rc, perJob);
            printMoveList('~', job.biggestMoves, rc, perJob);
        }
    }
}

void run(CompareArgs& a)
{
    std::stringstream list(a.models);
    for (std::string item; std::getline(list, item, ',');) {
        const auto b = item.find_first_not_of(' '), e = item.find_last_not_of(' ');
        if (b == std::string::npos)
            throw usageError("--models: empty model name in '" + a.models + "'");
        a.options.models.push_back(item.substr(b, e - b + 1));
    }
    a.options.split = *db::splitFromString(a.split);
    a.options.cutoffs = MetricCutoffs::parse(a.cutoffs);
    auto store = db::ProjectStore::open(a.project);
    StageProgress progress;
    a.options.progress = progress.callback();
    const auto c = workflows::compareModels(*store, a.options);
    progress.finish();
    if (a.json) {
        std::cout << c.json.dump(2) << "\n";
        return;
    }
    std::printf("split %s:", a.split.c_str());
    for (const auto& m : c.models)
        std::printf(" %s (evaluation %lld%s)", m.name.c_str(), static_cast<long long>(m.evaluation.id),
                    m.evaluatedNow ? ", evaluated now" : "");
    std::printf("\n");
    printTable(c);
    printMoves(c, a.jobs, a.options.movesPerJob);
}

void setup(CLI::App& root)
{
    auto a = std::make_shared<CompareArgs>();
    CLI::App* cmd = root.add_subcommand("compare", "Compare models' evaluations: metric deltas and rank moves per job");
    cmd->add_option("project", a->project, "Project file")->required();
    cmd->add_option("--models", a->models, "Comma-separated models, the first is the baseline (e.g. default,stage1)")
        ->required();
    cmd->add_option("--split", a->split, "Split the evaluations are of")->capture_default_str()
        ->check(CLI::IsMember({"test", "train"}));
    cmd->add_option("--top", a->options.top, "Rank moves within each job's top N")->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd->add_option("--moves", a->options.movesPerJob, "Moves listed per job and kind (entered, left, biggest)")->capture_default_str();
    cmd->add_option("--jobs", a->jobs, "Jobs shown in the text output")->capture_default_str();
    cmd->add_option("--cutoffs", a->cutoffs, "Cutoffs for models evaluated now")->capture_default_str();
    addModelOptions(cmd, a->options, false);
    cmd->add_flag("--json", a->json, "Print the comparison as JSON");
    cmd->footer("A stored evaluation is reused while the model's files are unchanged; a model without one is\n"
                "evaluated first (and stored), with the device and length options given here.");
    cmd->callback([a] { run(*a); });
}

} // namespace

RANKPO_CLI_COMMAND(71, "compare", setup);

} // namespace rankpo::cli
