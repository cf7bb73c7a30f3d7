// rankpo audit: how far the preferences can be trusted. Agreement between humans and the AI judge and between
// every two annotators (Cohen's kappa), each annotator's counts and first-position rate, and the AI-judge audit:
// position bias, swap consistency, accuracy against human labels by stated confidence. Needs no model.
#include "app/cli/command.h"
#include "core/evaluation/agreement_evaluator.h"
#include "core/evaluation/binomial_test.h"
#include "core/evaluation/evaluation_json.h"
#include "core/evaluation/judge_audit_evaluator.h"
#include "core/evaluation/pair_judgement.h"
#include "core/util/error.h"
#include "db/project_store.h"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <set>
#include <memory>

namespace rankpo::cli {
namespace {

using Json = nlohmann::ordered_json;

struct RaterCounts {
    std::int64_t judgements = 0;
    std::int64_t ties = 0;
    std::int64_t firstShownWins = 0;
    std::int64_t withConfidence = 0;
    double confidenceSum = 0;
};

// Per rater, and pooled per source: judgements, ties, and how often the first-shown candidate won.
Json annotatorTable(const std::vector<Preference>& preferences)
{
    std::map<std::string, RaterCounts> byRater;
    for (const auto& p : preferences) {
        for (const std::string& key : {std::string(toString(p.source)), raterLabel(p)}) {
            RaterCounts& c = byRater[key];
            ++c.judgements;
            if (p.isTie())
                ++c.ties;
            else if (p.choice == Choice::First)
                ++c.firstShownWins;
            if (p.confidence) {
                ++c.withConfidence;
                c.confidenceSum += *p.confidence;
            }
        }
    }
    Json rows = Json::array();
    for (const auto& [rater, c] : byRater) {
        const std::int64_t decided = c.judgements - c.ties;
        Json r;
        r["rater"] = rater;
        r["judgements"] = c.judgements;
        r["ties"] = c.ties;
        r["first_shown_wins"] = c.firstShownWins;
        r["first_shown_win_rate"] = numberOrNull<Json>(decided > 0 ? double(c.firstShownWins) / double(decided) : std::nan(""));
        r["p_value"] = binomialTestTwoSided(c.firstShownWins, decided);
        r["mean_confidence"] = numberOrNull<Json>(c.withConfidence ? c.confidenceSum / double(c.withConfidence) : std::nan(""));
        rows.push_back(std::move(r));
    }
    return rows;
}

std::string fmt(const Json& v, const char* format = "%.3f")
{
    if (!v.is_number())
        return "n/a";
    char buf[32];
    std::snprintf(buf, sizeof buf, format, v.get<double>());
    return buf;
}

void printText(const Json& j)
{
    std::printf("%lld preferences (%lld pairs)\n\nannotators (first-shown win rate: an unbiased rater is near 0.5; "
                "p: exact binomial test)\n",
                static_cast<long long>(j["preferences"].get<std::int64_t>()),
                static_cast<long long>(j["pairs"].get<std::int64_t>()));
    std::printf("  %-32s %8s %6s %10s %8s %9s\n", "rater", "judged", "ties", "first-won", "p", "mean conf");
    for (const auto& r : j["annotators"])
        std::printf("  %-32s %8lld %6lld %10s %8s %9s\n", r["rater"].get<std::string>().c_str(),
                    static_cast<long long>(r["judgements"].get<std::int64_t>()),
                    static_cast<long long>(r["ties"].get<std::int64_t>()), fmt(r["first_shown_win_rate"]).c_str(),
                    fmt(r["p_value"], "%.3g").c_str(), fmt(r["mean_confidence"], "%.1f").c_str());
    const auto& hva = j["agreement"]["human_vs_ai"];
    std::printf("\nagreement (comparisons on shared pairs; kappa over first/second/tie in the pair's frame)\n");
    std::printf("  %-32s %-32s %7s %9s %7s\n", "rater a", "rater b", "shared", "agreement", "kappa");
    std::printf("  %-32s %-32s %7lld %9s %7s\n", "human", "ai",
                static_cast<long long>(hva["shared_pairs"].get<std::int64_t>()), fmt(hva["agreement"]).c_str(),
                fmt(hva["kappa"]).c_str());
    for (const auto& s : j["agreement"]["between_raters"])
        std::printf("  %-32s %-32s %7lld %9s %7s\n", s["rater_a"].get<std::string>().c_str(),
                    s["rater_b"].get<std::string>().c_str(),
                    static_cast<long long>(s["shared_pairs"].get<std::int64_t>()), fmt(s["agreement"]).c_str(),
                    fmt(s["kappa"]).c_str());
    std::printf("\nteam agreement (each rater's latest judgement of a pair; pairs with at least two raters)\n");
    std::printf("  %-32s %7s %8s %12s %12s\n", "raters", "pairs", "ratings", "Krippendorff", "Fleiss kappa");
    for (const char* who : {"people", "everyone"}) {
        const auto& t = j["agreement"]["team"][who];
        std::printf("  %-32s %7lld %8lld %12s %12s\n", std::string(who) == "people" ? "people" : "people and AI judges",
                    static_cast<long long>(t["units"].get<std::int64_t>()),
                    static_cast<long long>(t["ratings"].get<std::int64_t>()), fmt(t["krippendorff_alpha"]).c_str(),
                    fmt(t["fleiss_kappa"]).c_str());
    }
    const auto& audit = j["judge_audit"];
    std::printf("\nAI judge: position bias\n");
    for (const auto& p : audit["position_bias"])
        std::printf("  %-32s first shown won %lld of %lld (%s), p = %s\n", p["judge"].get<std::string>().c_str(),
                    static_cast<long long>(p["first_shown_wins"].get<std::int64_t>()),
                    static_cast<long long>(p["judgements"].get<std::int64_t>()),
                    fmt(p["first_shown_win_rate"]).c_str(), fmt(p["p_value"], "%.3g").c_str());
    std::printf("AI judge: swap consistency (pairs judged in both orders)\n");
    for (const auto& s : audit["swap_consistency"])
        std::printf("  %-32s %lld pairs, %lld of %lld comparisons consistent (%s); first shown won both: %lld\n",
                    s["judge"].get<std::string>().c_str(), static_cast<long long>(s["pairs"].get<std::int64_t>()),
                    static_cast<long long>(s["consistent"].get<std::int64_t>()),
                    static_cast<long long>(s["comparisons"].get<std::int64_t>()), fmt(s["rate"]).c_str(),
                    static_cast<long long>(s["first_shown_won_both"].get<std::int64_t>()));
    std::printf("AI judge: accuracy against human labels by stated confidence\n");
    for (const auto& c : audit["calibration"]) {
        std::printf("  %-32s %lld comparisons, accuracy %s, ECE %s\n", c["judge"].get<std::string>().c_str(),
                    static_cast<long long>(c["comparisons"].get<std::int64_t>()), fmt(c["accuracy"]).c_str(),
                    fmt(c["expected_calibration_error"]).c_str());
        for (const auto& b : c["buckets"])
            if (b["comparisons"].get<std::int64_t>() > 0)
                std::printf("    confidence %3d-%-3d %5lld comparisons, accuracy %s\n", b["confidence"][0].get<int>(),
                            b["confidence"][1].get<int>(), static_cast<long long>(b["comparisons"].get<std::int64_t>()),
                            fmt(b["accuracy"]).c_str());
    }
}

void setup(CLI::App& root)
{
    struct Options {
        std::string project;
        std::string split = "all";
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd = root.add_subcommand("audit", "Audit the preferences: agreement, kappa, position bias, the AI judge");
    cmd->add_option("project", o->project, "Project file")->required();
    cmd->add_option("--split", o->split, "Preferences of the jobs of: train, test or all")->capture_default_str()
        ->check(CLI::IsMember({"train", "test", "all"}));
    cmd->add_flag("--json", o->json, "Print {\"preferences\", \"pairs\", \"annotators\", \"agreement\", \"judge_audit\"}");
    cmd->callback([o] {
        auto store = db::ProjectStore::open(o->project);
        db::PreferenceFilter filter;
        if (o->split != "all")
            filter.split = db::splitFromString(o->split);
        const auto preferences = store->preferences(filter);
        if (preferences.empty())
            throw dataError(o->project + ": no preferences to audit" + (o->split == "all" ? "" : " in the " + o->split + " split"));
        std::set<std::int64_t> pairs;
        for (const auto& p : preferences)
            pairs.insert(p.pairId);
        Json j;
        j["split"] = o->split;
        j["preferences"] = preferences.size();
        j["pairs"] = pairs.size();
        j["annotators"] = annotatorTable(preferences);
        j["agreement"] = toJson(AgreementEvaluator().evaluate(preferences));
        j["judge_audit"] = toJson(JudgeAuditEvaluator().evaluate(preferences));
        if (o->json) {
            std::cout << j.dump(2) << "\n";
            return;
        }
        printText(j);
    });
}

} // namespace

RANKPO_CLI_COMMAND(73, "audit", setup);

} // namespace rankpo::cli
