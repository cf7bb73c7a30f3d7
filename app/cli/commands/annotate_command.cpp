// rankpo annotate: one person's judgement of one pair from a script, as the Annotate page records it (a new
// judgement replaces the annotator's earlier one of that pair).
#include "app/cli/command.h"
#include "app/cli/entity_reference.h"
#include "core/util/client_id.h"
#include "core/util/error.h"
#include "core/util/trim.h"
#include "db/judgement_edits.h"
#include "db/pair_details.h"
#include "db/project_store.h"

#include <nlohmann/json.hpp>

#include <ctime>
#include <iostream>

namespace rankpo::cli {
namespace {

void setupAnnotate(CLI::App& root)
{
    auto* cmd = root.add_subcommand("annotate", "Record one person's judgement of a pair (replaces their earlier one "
                                                "of that pair, as the app does)");
    struct Options {
        std::string project, pair, choice, shownFirst = "first", rationale, annotator, clientId;
        int confidence = -1;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("project", o->project, "Project file")->required();
    cmd->add_option("--pair", o->pair, "The pair: P<n> as the app names it (or n)")->required();
    cmd->add_option("--choice", o->choice, "A (the candidate shown first), B, or tie")
        ->required()
        ->check(CLI::IsMember({"A", "B", "tie", "a", "b", "TIE", "Tie"}));
    cmd->add_option("--shown-first", o->shownFirst,
                    "Which of the pair's candidates was shown as A: first (the lower candidate id, default) or second")
        ->check(CLI::IsMember({"first", "second"}));
    cmd->add_option("--confidence", o->confidence, "Confidence 0-100")->check(CLI::Range(0, 100));
    cmd->add_option("--rationale", o->rationale, "Why (kept with the judgement)");
    cmd->add_option("--annotator", o->annotator, "Who judged (required for a project file; on a server, the connected role)");
    cmd->add_option("--client-id", o->clientId,
                    "The judgement's own id (e.g. a UUID; made when absent): run the same command again with the same "
                    "id after a failure and the judgement is stored once");
    cmd->add_flag("--json", o->json, "Print the stored judgement as JSON");
    cmd->callback([o] {
        const PairId pairId = parsePairReference(o->pair);
        if (!o->clientId.empty() && !isValidClientId(o->clientId))
            throw usageError("--client-id " + o->clientId + ": 1-100 printable characters without spaces");
        auto store = db::ProjectStore::open(o->project);
        // On a server the judgement is the connected person's; a file does not know who is judging.
        std::string annotator(trim(o->annotator));
        if (const auto user = store->sessionUser()) {
            if (!annotator.empty() && annotator != *user)
                throw usageError("--annotator " + annotator + ": you are connected as " + *user
                                 + ", and a judgement is made in your own name");
            annotator = *user;
        }
        if (annotator.empty())
            throw usageError("--annotator NAME is required: a project file does not know who is judging");
        const auto pair = db::loadPairDetails(*store, pairId, {});
        if (!pair)
            throw usageError(store->path() + ": no pair P" + std::to_string(pairId) + " (rankpo stats counts the pairs)");
        Preference p;
        p.pairId = pairId;
        p.jobId = pair->job.id;
        p.source = PreferenceSource::Human;
        p.annotator = annotator;
        p.shownFirst = o->shownFirst == "first" ? pair->lo.id : pair->hi.id;
        p.shownSecond = pair->other(p.shownFirst);
        const std::string choice = o->choice;
        p.choice = (choice == "A" || choice == "a") ? Choice::First
                   : (choice == "B" || choice == "b") ? Choice::Second
                                                      : Choice::Tie;
        if (o->confidence >= 0)
            p.confidence = o->confidence;
        p.rationale = std::string(trim(o->rationale));
        p.createdAt = static_cast<std::int64_t>(std::time(nullptr));
        p.clientId = o->clientId.empty() ? newClientId() : o->clientId;

        // The replacement and the new judgement in one transaction: never none, never both. A client id already
        // stored (this command retried after a lost reply) changes nothing and succeeds.
        const db::RecordedJudgement recorded = db::JudgementEdits(*store).replace(p);
        const PreferenceId id = recorded.id;
        const std::size_t replaced = recorded.replaced;

        const std::string winner = p.choice == Choice::Tie ? "tie"
                                   : p.choice == Choice::First ? "C" + std::to_string(p.shownFirst)
                                                               : "C" + std::to_string(p.shownSecond);
        if (o->json) {
            std::cout << nlohmann::ordered_json{{"pair", "P" + std::to_string(pairId)},
                                                {"judgement", id},
                                                {"annotator", annotator},
                                                {"shown_first", p.shownFirst},
                                                {"shown_second", p.shownSecond},
                                                {"choice", p.choice == Choice::Tie ? "tie" : p.choice == Choice::First ? "A" : "B"},
                                                {"winner", winner},
                                                {"replaced", replaced},
                                                {"client_id", p.clientId},
                                                {"already_stored", recorded.alreadyStored}}
                             .dump(2)
                      << "\n";
            return;
        }
        if (recorded.alreadyStored) {
            std::cout << "P" << pairId << ": judgement " << p.clientId << " was already stored (nothing changed)\n";
            return;
        }
        std::cout << "P" << pairId << ": " << annotator << " judged "
                  << (p.choice == Choice::Tie ? std::string("a tie") : winner + " better") << " (A = C" << p.shownFirst
                  << ", B = C" << p.shownSecond << ")";
        if (replaced != 0)
            std::cout << ", replacing " << replaced << " earlier judgement" << (replaced == 1 ? "" : "s");
        std::cout << "\n";
    });
}

} // namespace

RANKPO_CLI_COMMAND(25, "annotate", setupAnnotate);

} // namespace rankpo::cli
