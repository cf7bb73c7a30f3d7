// rankpo rank: one job's best candidates under a model, with scores, marking those the rules call relevant.
#include "app/cli/command.h"
#include "app/cli/workflow_cli.h"
#include "core/util/error.h"
#include "db/project_store.h"
#include "workflows/rank_job.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>

namespace rankpo::cli {
namespace {

struct RankArgs {
    std::string project;
    std::string job;
    bool json = false;
    workflows::RankOptions options;
};

// A short, valid UTF-8 line: cut on a character boundary.
std::string preview(const std::string& text, std::size_t width)
{
    std::string line;
    for (char c : text)
        line += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    if (line.size() <= width)
        return line;
    std::size_t cut = width - 3;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80)
        --cut;
    return line.substr(0, cut) + "...";
}

std::string describe(const Candidate& c)
{
    const auto join = [](const std::vector<std::string>& items, std::size_t n) {
        std::string out;
        for (std::size_t i = 0; i < items.size() && i < n; ++i)
            out += (i ? "; " : "") + items[i];
        return out;
    };
    if (!c.profile.keywords.empty())
        return join(c.profile.keywords, 4);
    if (!c.profile.publicationTitles.empty())
        return join(c.profile.publicationTitles, 1);
    return c.text;
}

void run(RankArgs& a)
{
    auto store = db::ProjectStore::open(a.project);
    const auto job = store->findJob(a.job);
    if (!job)
        throw usageError(a.project + ": no job '" + a.job + "' (give its external id, J<n> or its number)");
    StageProgress progress;
    a.options.progress = progress.callback();
    const workflows::JobRanking r = workflows::rankJob(*store, *job, a.options);
    progress.finish();
    if (a.json) {
        nlohmann::ordered_json top = nlohmann::ordered_json::array();
        for (const auto& e : r.entries)
            top.push_back({{"rank", e.rank}, {"candidate", e.reference}, {"candidate_id", e.candidate},
                           {"score", e.score},
                           {"relevance", e.relevance ? nlohmann::ordered_json(*e.relevance) : nlohmann::ordered_json(nullptr)},
                           {"relevant", e.relevance.value_or(0) >= 1}});
        nlohmann::ordered_json j;
        j["job"] = r.reference;
        j["job_id"] = r.job;
        j["model"] = r.model;
        j["candidates"] = r.candidates;
        j["relevant_labels"] = r.relevantLabels;
        j["top"] = std::move(top);
        std::cout << j.dump(2) << "\n";
        return;
    }
    const auto jobRecord = store->job(*job);
    std::printf("job %s: %s\n", r.reference.c_str(), preview(jobRecord ? jobRecord->text : "", 100).c_str());
    std::printf("model %s, %zu candidates ranked; %zu relevant by the rules (marked *)\n", r.model.c_str(),
                r.candidates, r.relevantLabels);
    std::printf("%5s %8s %1s %-36s %s\n", "rank", "score", "", "candidate", "profile");
    for (const auto& e : r.entries) {
        const auto c = store->candidate(e.candidate);
        std::printf("%5d %8.4f %1s %-36s %s\n", e.rank, e.score, e.relevance.value_or(0) >= 1 ? "*" : "",
                    preview(e.reference, 36).c_str(), c ? preview(describe(*c), 60).c_str() : "");
    }
}

void setup(CLI::App& root)
{
    auto a = std::make_shared<RankArgs>();
    CLI::App* cmd = root.add_subcommand("rank", "Rank the project's candidates for one job with a model");
    cmd->add_option("project", a->project, "Project file")->required();
    cmd->add_option("--job", a->job, "The job: its external id, J<n> or its number")->required();
    cmd->add_option("--top", a->options.top, "Candidates to show")->capture_default_str()->check(CLI::PositiveNumber);
    addModelOptions(cmd, a->options);
    cmd->add_flag("--json", a->json, "Print {\"job\", \"model\", \"candidates\", \"relevant_labels\", \"top\": [...]}");
    cmd->callback([a] { run(*a); });
}

} // namespace

RANKPO_CLI_COMMAND(72, "rank", setup);

} // namespace rankpo::cli
