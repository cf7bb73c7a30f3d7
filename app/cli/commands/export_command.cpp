// rankpo export: write a project's preferences or labels for other trainers.
#include "app/cli/command.h"
#include "core/util/error.h"
#include "db/export_project.h"
#include "db/project_store.h"

#include <iostream>

namespace rankpo::cli {
namespace {

void setupExport(CLI::App& root)
{
    auto* cmd = root.add_subcommand("export", "Export preferences or labels (rankpo-pairs, trl-dpo, csv, "
                                              "rankpo-contrastive, trec-qrels)");
    struct Options {
        std::string project, out, format, source = "all", split = "all", annotator, policy = "all", ties = "drop",
                    adjudication = "prefer";
        bool weight = false, noRationale = false, minimal = false, dropInconsistent = false, unjudged = false;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("project", o->project, "Project file")->required();
    cmd->add_option("out", o->out, "Output file (written atomically)")->required();
    cmd->add_option("--format", o->format, "Output format")
        ->required()
        ->check(CLI::IsMember({"rankpo-pairs", "trl-dpo", "csv", "rankpo-contrastive", "trec-qrels"}));
    cmd->add_option("--source", o->source, "Preferences from: ai, human or all")
        ->capture_default_str()
        ->check(CLI::IsMember({"ai", "human", "all"}));
    cmd->add_option("--split", o->split, "Jobs of: train, test or all")
        ->capture_default_str()
        ->check(CLI::IsMember({"train", "test", "all"}));
    cmd->add_option("--annotator", o->annotator, "Only this annotator's (or judge model's) preferences");
    cmd->add_option("--policy", o->policy,
                    "Pairs with several preferences: all (one row per preference), majority, latest")
        ->capture_default_str()
        ->check(CLI::IsMember({"all", "majority", "latest"}));
    cmd->add_option("--adjudication", o->adjudication,
                    "Reviewers' decisions: prefer (a decided pair is one row, the decision), only (decided pairs "
                    "alone) or ignore; with --annotator the default is ignore")
        ->capture_default_str()
        ->check(CLI::IsMember({"prefer", "only", "ignore"}));
    cmd->add_option("--ties", o->ties, "Ties in rankpo-pairs/trl-dpo: drop, or half (two rows of weight 0.5)")
        ->capture_default_str()
        ->check(CLI::IsMember({"drop", "half"}));
    cmd->add_flag("--weight", o->weight, "Add a 'weight' column: confidence / 100");
    cmd->add_flag("--no-rationale", o->noRationale, "Leave out the rationale column");
    cmd->add_flag("--minimal", o->minimal, "Only the fields the target trainer reads");
    cmd->add_flag("--drop-inconsistent", o->dropInconsistent,
                  "Leave out a judge's rows for the pairs it judged both ways differently (before --policy)");
    cmd->add_flag("--unjudged", o->unjudged,
                  "The pairs nobody judged yet (rankpo-pairs or csv, no 'preferred'), for an external judge; "
                  "`rankpo import --allow-unjudged` reads them back");
    cmd->callback([o, cmd] {
        if (o->unjudged) {
            if (o->format != "rankpo-pairs" && o->format != "csv")
                throw usageError("--unjudged writes rankpo-pairs or csv, not " + o->format);
            for (const char* name : {"--source", "--policy", "--ties", "--annotator", "--weight", "--minimal",
                                     "--drop-inconsistent", "--adjudication"})
                if (cmd->count(name) > 0)
                    throw usageError(std::string(name) + " selects judgements: it does not go with --unjudged");
        }
        db::ExportOptions options;
        options.format = *formatFromName(o->format);
        if (o->source != "all")
            options.filter.source = preferenceSourceFromString(o->source);
        if (o->split != "all")
            options.filter.split = db::splitFromString(o->split);
        if (!o->annotator.empty())
            options.filter.annotator = o->annotator;
        options.policy = *db::policyFromName(o->policy);
        options.ties = *db::tiePolicyFromName(o->ties);
        options.weightColumn = o->weight;
        options.rationaleColumn = !o->noRationale;
        options.minimal = o->minimal;
        options.dropInconsistent = o->dropInconsistent;
        // One person's judgements asked for: a reviewer's decision is not theirs unless asked for too.
        options.adjudication = !o->annotator.empty() && cmd->count("--adjudication") == 0
                                   ? db::AdjudicationPolicy::Ignore
                                   : *db::adjudicationPolicyFromName(o->adjudication);
        options.unjudged = o->unjudged;
        auto store = db::ProjectStore::open(o->project);
        const auto report = db::exportProject(*store, o->out, options);
        std::cout << "Wrote " << report.rows << (o->unjudged ? " unjudged pairs" : " rows") << " to " << o->out
                  << " (" << o->format << ")";
        if (report.tiesDropped)
            std::cout << ", " << report.tiesDropped << " ties dropped";
        if (report.tiesSplit)
            std::cout << ", " << report.tiesSplit << " ties as half rows";
        if (report.inconsistentDropped)
            std::cout << ", " << report.inconsistentDropped << " inconsistent preferences left out";
        if (report.pairsAdjudicated)
            std::cout << ", " << report.pairsAdjudicated << " pairs as reviewers decided";
        if (report.pairsMerged)
            std::cout << ", " << report.pairsMerged << " preferences merged by '" << o->policy << "'";
        std::cout << "\n";
    });
}

} // namespace

RANKPO_CLI_COMMAND(30, "export", setupExport);

} // namespace rankpo::cli
