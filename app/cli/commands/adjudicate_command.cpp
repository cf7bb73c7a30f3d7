// rankpo adjudicate: a reviewer's decision on a pair (which candidate is better, or a tie), kept apart from the
// raters' judgements; export and training use it by --adjudication.
#include "app/cli/command.h"
#include "app/cli/entity_reference.h"
#include "core/util/error.h"
#include "core/util/trim.h"
#include "db/adjudications.h"
#include "db/project_store.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace rankpo::cli {
namespace {

void setupAdjudicate(CLI::App& root)
{
    auto* cmd = root.add_subcommand("adjudicate", "A reviewer's decision on a pair the raters disagree on (replaces "
                                                  "an earlier decision; --withdraw removes it)");
    struct Options {
        std::string project, pair, winner, reviewer, note;
        bool withdraw = false, json = false;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("project", o->project, "Project file or postgresql:// URL")->required();
    cmd->add_option("--pair", o->pair, "The pair: P<n> as the app names it (or n)")->required();
    cmd->add_option("--winner", o->winner, "The better candidate, C<n> as `rankpo review` lists it, or tie");
    cmd->add_option("--reviewer", o->reviewer, "Who decides (required for a project file; on a server, the connected role)");
    cmd->add_option("--note", o->note, "Why (kept with the decision; export writes it as the rationale)");
    cmd->add_flag("--withdraw", o->withdraw, "Remove the pair's decision");
    cmd->add_flag("--json", o->json, "Print the stored decision as JSON");
    cmd->callback([o] {
        const PairId pair = parsePairReference(o->pair);
        auto store = db::ProjectStore::open(o->project);
        db::Adjudications decisions(*store);
        if (o->withdraw) {
            if (!o->winner.empty())
                throw usageError("--withdraw removes the decision: it does not go with --winner");
            const bool removed = decisions.withdraw(pair);
            std::cout << "P" << pair << ": " << (removed ? "decision withdrawn" : "had no decision") << "\n";
            return;
        }
        if (o->winner.empty())
            throw usageError("--winner C<n>|tie is required (or --withdraw)");
        // On a server the decision is the connected reviewer's (the team's policies hold them to it).
        std::string reviewer(trim(o->reviewer));
        if (const auto user = store->sessionUser()) {
            if (!reviewer.empty() && reviewer != *user)
                throw usageError("--reviewer " + reviewer + ": you are connected as " + *user
                                 + ", and a decision is made in your own name");
            reviewer = *user;
        }
        if (reviewer.empty())
            throw usageError("--reviewer NAME is required: a decision records who made it");
        decisions.decide(pair, parseWinnerReference(o->winner), reviewer, o->note);
        const auto stored = decisions.of(pair);
        const std::string winner = stored->winner ? "C" + std::to_string(*stored->winner) : "tie";
        if (o->json) {
            std::cout << nlohmann::ordered_json{{"pair", "P" + std::to_string(pair)},
                                                {"winner", winner},
                                                {"reviewer", stored->reviewer},
                                                {"note", stored->note}}
                             .dump(2)
                      << "\n";
            return;
        }
        std::cout << "P" << pair << ": " << stored->reviewer << " decided " << (stored->winner ? winner + " better" : "a tie")
                  << "\n";
    });
}

} // namespace

RANKPO_CLI_COMMAND(29, "adjudicate", setupAdjudicate);

} // namespace rankpo::cli
