// rankpo votes: from judgements to per-job rankings. Bradley-Terry scores of each job's candidates with
// bootstrap 95% intervals, the unconnected groups a job's comparisons fall into, intransitive triads, and
// Kendall's tau-b between the votes' order and each scored model's order of the same candidates. With --model M,
// the reported candidates without a score under M are scored first (in rankpo-engine: see engine_handoff.h).
#include "app/cli/command.h"
#include "app/cli/engine_handoff.h"
#include "app/cli/workflow_cli.h"
#include "core/evaluation/bradley_terry.h"
#include "core/evaluation/kendall_tau.h"
#include "core/util/error.h"
#include "db/model_score_store.h"
#include "db/project_store.h"
#include "db/project_texts.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace rankpo::cli {
namespace {

using Json = nlohmann::ordered_json;

Json numberOrNull(double value)
{
    return std::isfinite(value) ? Json(value) : Json();
}

// References are often URLs that differ only at the end: keep the end.
std::string shortReference(const std::string& reference, std::size_t width = 24)
{
    if (reference.size() <= width)
        return reference;
    std::size_t start = reference.size() - (width - 1);
    while (start < reference.size() && (static_cast<unsigned char>(reference[start]) & 0xC0) == 0x80)
        ++start; // not inside a UTF-8 sequence
    return "\u2026" + reference.substr(start);
}

struct ModelAgreement {
    std::string model;
    double tau = std::nan("");
    std::size_t candidates = 0; // with both a vote score and a model score
    std::size_t missing = 0;    // of the group's candidates without a model score
};

// Kendall's tau-b within one group (scores of different groups are not comparable).
std::vector<ModelAgreement> agreements(db::ModelScoreStore& scores, const std::vector<std::string>& models, JobId job,
                                       const BradleyTerryResult& fit, int group)
{
    std::vector<ModelAgreement> out;
    for (const auto& model : models) {
        ModelAgreement a;
        a.model = model;
        std::vector<double> votes, modelScores;
        for (const auto& s : fit.scores) {
            if (s.group != group)
                continue;
            const auto score = scores.score(model, job, s.candidate);
            if (!score) {
                ++a.missing;
                continue;
            }
            votes.push_back(s.score);
            modelScores.push_back(*score);
        }
        a.candidates = votes.size();
        a.tau = kendallTauB(votes, modelScores);
        out.push_back(a);
    }
    return out;
}

void setupVotes(CLI::App& root)
{
    auto* cmd = root.add_subcommand("votes", "Per-job Bradley-Terry rankings from the judgements, with bootstrap 95% "
                                             "intervals, intransitive triads and Kendall's tau-b against each model");
    struct Options {
        std::string project, job, source = "all";
        bool json = false;
        int resamples = 1000;
        std::vector<std::string> models;
        workflows::EncodingOptions encoding;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("project", o->project, "Project file")->required();
    cmd->add_option("--job", o->job, "Only this job (external id, J<n> or number)");
    cmd->add_option("--source", o->source, "Judgements of: ai, human or all")
        ->capture_default_str()
        ->check(CLI::IsMember({"ai", "human", "all"}));
    cmd->add_option("--resamples", o->resamples, "Bootstrap resamples (0: no intervals)")
        ->capture_default_str()
        ->check(CLI::Range(0, 100000));
    cmd->add_option("--model,-m", o->models,
                    "Score the reported candidates that have no score under this model first (repeatable): a "
                    "built-in name, a trained run's name, or a folder")
        ->allow_extra_args(false);
    addModelOptions(cmd, o->encoding, /*withModel=*/false);
    cmd->add_flag("--json", o->json, "Print JSON");
    cmd->callback([o] {
        // Scoring needs libtorch: rankpo hands the whole command line to rankpo-engine (never returns).
        if (!o->models.empty() && !missingScorer()) {
            if (engineHandoff())
                engineHandoff()();
            throw dataError("votes --model needs rankpo-engine");
        }
        auto store = db::ProjectStore::open(o->project);
        db::PreferenceFilter filter;
        if (o->source != "all")
            filter.source = preferenceSourceFromString(o->source);
        auto preferences = store->preferences(filter);
        if (!o->job.empty()) {
            const auto job = store->findJob(o->job);
            if (!job)
                throw usageError(o->project + ": no job '" + o->job + "'");
            preferences.erase(std::remove_if(preferences.begin(), preferences.end(),
                                             [&](const Preference& p) { return p.jobId != *job; }),
                              preferences.end());
        }
        BradleyTerryOptions options;
        options.resamples = o->resamples;
        const auto fits = fitBradleyTerryByJob(preferences, options);
        // Only the (job, candidate) couples reported here, and of them only those without a score.
        std::vector<db::JobCandidate> reported;
        for (const auto& [job, fit] : fits)
            for (const auto& s : fit.scores)
                reported.push_back({job, s.candidate});
        Json scored = Json::array();
        for (const auto& model : o->models) {
            workflows::EncodingOptions encoding = o->encoding;
            encoding.model = model;
            StageProgress progress;
            encoding.progress = progress.callback();
            const workflows::MissingScoreResult r = missingScorer()(*store, reported, encoding);
            progress.finish();
            scored.push_back({{"model", r.model}, {"candidates", r.asked}, {"scored", r.scored},
                              {"embeddings", {{"cached", r.embeddings.cached}, {"encoded", r.embeddings.encoded}}},
                              {"seconds", r.seconds}});
            if (!o->json)
                std::printf("%s: scored %zu of the %zu reported (job, candidate) couples that had no score (%zu "
                            "embeddings from the cache, %zu encoded) in %.1f s\n",
                            r.model.c_str(), r.scored, r.asked, r.embeddings.cached, r.embeddings.encoded, r.seconds);
        }
        db::ModelScoreStore scoreStore(*store);
        const auto models = scoreStore.models();
        db::ProjectTextReader texts(*store);

        Json jobs = Json::array();
        for (const auto& [job, fit] : fits) {
            const std::string label = texts.jobLabel(job);
            Json j;
            j["job"] = texts.jobReference(job);
            j["label"] = label;
            j["comparisons"] = fit.comparisons;
            j["groups"] = fit.groups.size();
            Json candidates = Json::array();
            for (const auto& s : fit.scores)
                candidates.push_back({{"candidate", texts.candidateReference(s.candidate)}, {"group", s.group},
                                      {"score", s.score}, {"lower", s.lower}, {"upper", s.upper}, {"wins", s.wins},
                                      {"losses", s.losses}, {"comparisons", s.comparisons}});
            j["candidates"] = candidates;
            Json triads = Json::array();
            for (const auto& t : fit.triads)
                triads.push_back({texts.candidateReference(t.a), texts.candidateReference(t.b), texts.candidateReference(t.c)});
            j["intransitive_triads"] = triads;
            Json tau = Json::array();
            for (int g = 0; g < static_cast<int>(fit.groups.size()); ++g)
                for (const auto& a : agreements(scoreStore, models, job, fit, g))
                    if (fit.groups[g].size() > 1)
                        tau.push_back({{"model", a.model}, {"group", g}, {"kendall_tau_b", numberOrNull(a.tau)},
                                       {"candidates", a.candidates}, {"without_score", a.missing}});
            j["kendall_tau_b"] = tau;
            if (o->json) {
                jobs.push_back(j);
                continue;
            }
            const std::string reference = j["job"].get<std::string>();
            std::printf("%s%s: %lld comparisons, %zu candidates\n", reference.c_str(),
                        label == reference ? "" : (" (" + label + ")").c_str(), static_cast<long long>(fit.comparisons),
                        fit.scores.size());
            if (fit.split())
                std::printf("  the comparisons fall into %zu unconnected groups: scores compare within a group only\n",
                            fit.groups.size());
            std::printf("  %-24s %5s %8s %19s %6s %6s\n", "candidate", "group", "score", "95% interval", "wins", "losses");
            for (const auto& s : fit.scores)
                std::printf("  %-24s %5d %8.3f [%8.3f, %8.3f] %6.1f %6.1f\n",
                            shortReference(texts.candidateReference(s.candidate)).c_str(), s.group, s.score, s.lower,
                            s.upper, s.wins, s.losses);
            for (const auto& t : fit.triads)
                std::printf("  intransitive: %s > %s > %s > %s\n", texts.candidateReference(t.a).c_str(),
                            texts.candidateReference(t.b).c_str(), texts.candidateReference(t.c).c_str(),
                            texts.candidateReference(t.a).c_str());
            for (const auto& t : tau) {
                const std::string value = t["kendall_tau_b"].is_null() ? std::string("\u2013")
                                                                       : std::to_string(t["kendall_tau_b"].get<double>());
                std::printf("  Kendall tau-b vs %s (group %d): %s over %zu candidates", t["model"].get<std::string>().c_str(),
                            t["group"].get<int>(), value.c_str(), t["candidates"].get<std::size_t>());
                if (t["without_score"].get<std::size_t>() > 0)
                    std::printf("; %zu without a score (`rankpo votes --model M` scores them)", t["without_score"].get<std::size_t>());
                std::printf("\n");
            }
        }
        if (models.empty() && !o->json && !fits.empty())
            std::printf("No model scores in the project: `rankpo votes PROJECT --model M` adds a model's order to "
                        "compare with.\n");
        if (o->json) {
            Json out;
            out["source"] = o->source;
            out["resamples"] = o->resamples;
            out["models"] = models;
            out["scored"] = scored;
            out["jobs"] = jobs;
            std::cout << out.dump(2) << "\n";
        }
    });
}

} // namespace

RANKPO_CLI_COMMAND(42, "votes", setupVotes);

} // namespace rankpo::cli
