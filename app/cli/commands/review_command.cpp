// rankpo review: the reviewer's queue, the pairs whose raters disagree, with every judgement and rationale side by
// side and the decision if one was made (`rankpo adjudicate` makes it).
#include "app/cli/command.h"
#include "db/project_store.h"
#include "db/review_queue.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace rankpo::cli {
namespace {

std::string outcomeOf(const Preference& p)
{
    return p.isTie() ? "tie" : "C" + std::to_string(p.winner());
}

nlohmann::ordered_json itemJson(const db::ReviewItem& item)
{
    nlohmann::ordered_json judgements = nlohmann::ordered_json::array();
    for (const Preference& p : item.judgements) {
        nlohmann::ordered_json j{{"source", std::string(toString(p.source))},
                                 {"annotator", p.annotator},
                                 {"winner", outcomeOf(p)},
                                 {"shown_first", "C" + std::to_string(p.shownFirst)}};
        j["confidence"] = p.confidence ? nlohmann::ordered_json(*p.confidence) : nlohmann::ordered_json();
        j["rationale"] = p.rationale;
        j["created"] = p.createdAt;
        judgements.push_back(std::move(j));
    }
    nlohmann::ordered_json out{{"pair", "P" + std::to_string(item.pairId)},
                               {"job", "J" + std::to_string(item.jobId)},
                               {"candidates", {"C" + std::to_string(item.lo), "C" + std::to_string(item.hi)}},
                               {"judgements", judgements}};
    if (item.decision)
        out["decision"] = {{"winner", item.decision->winner ? "C" + std::to_string(*item.decision->winner) : "tie"},
                           {"reviewer", item.decision->reviewer},
                           {"note", item.decision->note},
                           {"created", item.decision->createdAt}};
    else
        out["decision"] = nullptr;
    return out;
}

void setupReview(CLI::App& root)
{
    auto* cmd = root.add_subcommand("review", "The pairs whose raters disagree, every judgement and rationale side by "
                                              "side (rankpo adjudicate decides them)");
    struct Options {
        std::string project;
        bool withAi = false, decided = false, json = false;
        std::size_t limit = 0;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("project", o->project, "Project file")->required();
    cmd->add_flag("--with-ai", o->withAi, "Also pairs where a person and an AI judge disagree");
    cmd->add_flag("--decided", o->decided, "Also pairs already decided");
    cmd->add_option("--limit", o->limit, "At most this many pairs (0: all)");
    cmd->add_flag("--json", o->json, "Print JSON");
    cmd->callback([o] {
        auto store = db::ProjectStore::open(o->project);
        db::ReviewQuery q;
        q.withAi = o->withAi;
        q.includeDecided = o->decided;
        auto items = db::reviewQueue(*store, q);
        const std::size_t total = items.size();
        if (o->limit > 0 && items.size() > o->limit)
            items.resize(o->limit);
        if (o->json) {
            nlohmann::ordered_json list = nlohmann::ordered_json::array();
            for (const auto& item : items)
                list.push_back(itemJson(item));
            std::cout << nlohmann::ordered_json{{"pairs", total}, {"items", list}}.dump(2) << "\n";
            return;
        }
        std::cout << store->path() << ": " << total << " pair" << (total == 1 ? "" : "s") << " to review"
                  << (o->withAi ? " (people, and people against the AI judges)" : " (people who disagree)") << "\n";
        for (const auto& item : items) {
            const auto job = store->job(item.jobId);
            std::cout << "\nP" << item.pairId << "  J" << item.jobId;
            if (job && !job->facts.title.empty())
                std::cout << " " << job->facts.title;
            std::cout << ": C" << item.lo << " vs C" << item.hi << "\n";
            for (const Preference& p : item.judgements) {
                std::cout << "  " << (p.source == PreferenceSource::Ai ? "ai:" : "") << p.annotator << ": "
                          << outcomeOf(p);
                if (p.confidence)
                    std::cout << " (" << *p.confidence << ")";
                if (!p.rationale.empty())
                    std::cout << " - " << p.rationale;
                std::cout << "\n";
            }
            if (item.decision)
                std::cout << "  decided by " << item.decision->reviewer << ": "
                          << (item.decision->winner ? "C" + std::to_string(*item.decision->winner) : "tie")
                          << (item.decision->note.empty() ? "" : " - " + item.decision->note) << "\n";
        }
    });
}

} // namespace

RANKPO_CLI_COMMAND(28, "review", setupReview);

} // namespace rankpo::cli
