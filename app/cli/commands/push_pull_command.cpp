// rankpo push / pull: a local project file and a shared project (a server URL, or another file) merged one way.
// push uploads what the server lacks and can be repeated; pull makes a new local snapshot with the server's ids.
#include "app/cli/command.h"
#include "core/util/error.h"
#include "db/project_merge.h"
#include "db/project_store.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>

namespace rankpo::cli {
namespace {

nlohmann::ordered_json reportJson(const db::MergeReport& r)
{
    const auto counts = [](const db::MergeCounts& c) {
        return nlohmann::ordered_json{{"added", c.added}, {"present", c.present}};
    };
    return {{"jobs", counts(r.jobs)},
            {"candidates", counts(r.candidates)},
            {"external_ids", counts(r.externalIds)},
            {"pairs", counts(r.pairs)},
            {"preferences", counts(r.preferences)},
            {"labels", counts(r.labels)},
            {"assignments", counts(r.assignments)},
            {"adjudications", counts(r.adjudications)},
            {"splits_set", r.splitsSet},
            {"conflicts", {{"split", r.splitConflicts}, {"label", r.labelConflicts}, {"external_id", r.idConflicts}}}};
}

void printReport(const std::string& from, const std::string& to, const db::MergeReport& r)
{
    std::cout << from << " -> " << to << "\n";
    const auto line = [](const char* what, const db::MergeCounts& c) {
        std::cout << "  " << what << c.added << " added, " << c.present << " already there\n";
    };
    line("jobs           ", r.jobs);
    line("candidates     ", r.candidates);
    line("pairs          ", r.pairs);
    line("judgements     ", r.preferences);
    line("labels         ", r.labels);
    line("assignments    ", r.assignments);
    line("decisions      ", r.adjudications);
    if (r.splitsSet)
        std::cout << "  split          " << r.splitsSet << " jobs took the source's side\n";
    if (r.splitConflicts || r.labelConflicts || r.idConflicts)
        std::cout << "  kept the destination's: " << r.splitConflicts << " split sides, " << r.labelConflicts
                  << " labels, " << r.idConflicts << " external ids that differ\n";
}

void setupPush(CLI::App& root)
{
    auto* cmd = root.add_subcommand("push", "Upload a local project into a shared one (postgresql://... URL or a file): "
                                            "only what it lacks, so it can be repeated");
    struct Options {
        std::string local, shared;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("local", o->local, "The local project file")->required();
    cmd->add_option("shared", o->shared, "The shared project (created if missing)")->required();
    cmd->add_flag("--json", o->json, "Print the counts as JSON");
    cmd->callback([o] {
        auto from = db::ProjectStore::open(o->local);
        auto to = db::ProjectStore::open(o->shared, db::ProjectStore::OpenMode::OpenOrCreate);
        const auto report = db::mergeProject(*from, *to);
        if (o->json)
            std::cout << reportJson(report).dump(2) << "\n";
        else
            printReport(from->path(), to->path(), report);
    });
}

void setupPull(CLI::App& root)
{
    auto* cmd = root.add_subcommand("pull", "Make a local snapshot of a shared project (a new file that keeps the "
                                            "server's ids: P<n> there is P<n> here)");
    struct Options {
        std::string shared, local;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("shared", o->shared, "The shared project (postgresql://... URL or a file)")->required();
    cmd->add_option("local", o->local, "The new local project file")->required();
    cmd->add_flag("--json", o->json, "Print the counts as JSON");
    cmd->callback([o] {
        std::error_code ec;
        if (std::filesystem::exists(o->local, ec))
            throw usageError(o->local + " exists: pull makes a new snapshot (choose another name; `rankpo push "
                             + o->shared + " " + o->local + "` merges into an existing file instead)");
        auto from = db::ProjectStore::open(o->shared);
        auto to = db::ProjectStore::open(o->local, db::ProjectStore::OpenMode::Create);
        db::MergeOptions options;
        options.keepIds = true;
        db::MergeReport report;
        try {
            report = db::mergeProject(*from, *to, options);
        } catch (...) {
            to.reset();
            std::filesystem::remove(o->local, ec); // no half snapshot left behind
            for (const char* suffix : {"-wal", "-shm"})
                std::filesystem::remove(o->local + suffix, ec);
            throw;
        }
        if (o->json)
            std::cout << reportJson(report).dump(2) << "\n";
        else
            printReport(from->path(), to->path(), report);
    });
}

} // namespace

RANKPO_CLI_COMMAND(12, "push", setupPush);
RANKPO_CLI_COMMAND(13, "pull", setupPull);

} // namespace rankpo::cli
