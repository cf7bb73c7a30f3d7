// rankpo runs: the project's training runs and AI judge runs.
#include "app/cli/command.h"
#include "core/evaluation/metric_keys.h"
#include "core/training/method_names.h"
#include "db/judge_run_store.h"
#include "db/project_store.h"
#include "db/run_registry.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ctime>
#include <cmath>
#include <iostream>
#include <map>

namespace rankpo::cli {
namespace {

void setupRuns(CLI::App& root)
{
    auto* cmd = root.add_subcommand("runs", "List the project's training runs (method, status, base model, timings, "
                                            "final metrics) and AI judge runs (model, counts)");
    struct Options {
        std::string project;
        bool json = false;
        bool metrics = false;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("project", o->project, "Project file")->required();
    cmd->add_flag("--json", o->json, "Print JSON (with each run's config)");
    cmd->add_flag("--metrics", o->metrics, "With --json: every logged step's metrics too");
    cmd->callback([o] {
        auto store = db::ProjectStore::open(o->project);
        db::RunRegistry runs(*store);
        nlohmann::ordered_json all = nlohmann::ordered_json::array();
        if (!o->json)
            std::printf("%-6s %-28s %-12s %-10s %-22s %8s %8s %9s  %s\n", "kind", "run", "method", "status", "base", "steps",
                        "seconds", metric_keys::NDCG20, "alignment");
        for (const auto& r : runs.list()) {
            std::map<std::string, double> final;
            std::int64_t steps = 0;
            const auto points = runs.metrics(r.id);
            for (const auto& p : points) {
                steps = std::max(steps, p.step);
                if (p.name.rfind("final/", 0) == 0)
                    final[p.name.substr(6)] = p.value;
            }
            if (o->json) {
                nlohmann::ordered_json j;
                j["id"] = r.id;
                j["kind"] = "train";
                j["name"] = r.name;
                j["method"] = r.method;
                j["method_name"] = recordedMethodDisplayName(r.method, r.configJson);
                j["status"] = std::string(db::toString(r.status));
                j["base_model"] = r.baseModel;
                j["device"] = r.device;
                j["seed"] = r.seed;
                j["data_hash"] = r.dataHash;
                j["checkpoint_dir"] = r.checkpointDir;
                j["sweep"] = r.sweep;
                j["started_at"] = r.startedAt;
                j["finished_at"] = r.finishedAt ? nlohmann::ordered_json(*r.finishedAt) : nlohmann::ordered_json();
                j["seconds"] = r.seconds ? nlohmann::ordered_json(*r.seconds) : nlohmann::ordered_json();
                j["steps"] = steps;
                j["message"] = r.message;
                j["config"] = nlohmann::ordered_json::parse(r.configJson);
                j["final"] = final;
                if (o->metrics) {
                    nlohmann::ordered_json log = nlohmann::ordered_json::array();
                    for (const auto& p : points)
                        log.push_back({{"step", p.step}, {"epoch", p.epoch}, {"name", p.name}, {"value", p.value}});
                    j["metrics"] = log;
                }
                all.push_back(j);
            } else {
                // A figure the run does not have (failed, cancelled, no labels) shows as missing, never as a number.
                auto metric = [&](const char* key) {
                    char buffer[32];
                    if (!final.count(key) || !std::isfinite(final[key]))
                        return std::string("\u2013");
                    std::snprintf(buffer, sizeof buffer, "%.4f", final[key]);
                    return std::string(buffer);
                };
                const std::string seconds = r.seconds ? std::to_string(static_cast<long long>(*r.seconds + 0.5)) : "\u2013";
                // Padded by characters, not bytes: the dash is three bytes of UTF-8.
                auto right = [](const std::string& text, std::size_t width) {
                    std::size_t chars = 0;
                    for (const char c : text)
                        chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
                    return std::string(chars < width ? width - chars : 0, ' ') + text;
                };
                std::printf("%-6s %-28s %-12s %-10s %-22s %8lld %s %s  %s\n", "train", r.name.c_str(),
                            recordedMethodDisplayName(r.method, r.configJson).c_str(),
                            std::string(db::toString(r.status)).c_str(), r.baseModel.substr(0, 22).c_str(),
                            static_cast<long long>(steps), right(seconds, 8).c_str(),
                            right(metric(metric_keys::NDCG20), 9).c_str(), metric(metric_keys::AlignmentAi).c_str());
                if (!r.message.empty() && r.status != db::RunStatus::Done)
                    std::printf("    %s\n", r.message.c_str());
            }
        }
        // Judge runs: "steps" are the answers stored; the counts follow on their own line.
        for (const auto& r : db::JudgeRunStore(*store).list()) {
            const std::string name = "judge-" + std::to_string(r.id);
            if (o->json) {
                nlohmann::ordered_json j;
                j["id"] = r.id;
                j["kind"] = "judge";
                j["name"] = name;
                j["status"] = std::string(db::toString(r.status));
                j["endpoint_host"] = r.endpointHost;
                j["model"] = r.model;
                j["annotator"] = r.annotator;
                j["prompt_hash"] = r.promptHash;
                j["options"] = nlohmann::ordered_json::parse(r.optionsJson);
                j["judged"] = r.counts.judged;
                j["inconsistent"] = r.counts.inconsistent;
                j["failed"] = r.counts.failed;
                j["retried"] = r.counts.retried;
                j["prompt_tokens"] = r.counts.promptTokens;
                j["completion_tokens"] = r.counts.completionTokens;
                j["started_at"] = r.startedAt;
                j["finished_at"] = r.finishedAt ? nlohmann::ordered_json(*r.finishedAt) : nlohmann::ordered_json();
                j["seconds"] = r.seconds ? nlohmann::ordered_json(*r.seconds) : nlohmann::ordered_json();
                j["message"] = r.message;
                all.push_back(j);
            } else {
                // No ranking metrics for a judge run: "–" (padded by hand, printf counts its three bytes).
                std::printf("%-6s %-28s %-12s %-10s %-22s %8lld %8.0f %s  %s\n", "judge", name.c_str(), "ai-judge",
                            std::string(db::toString(r.status)).c_str(), r.annotator.substr(0, 22).c_str(),
                            static_cast<long long>(r.counts.judged), r.seconds.value_or(0), "        \u2013", "\u2013");
                std::printf("    %s: judged %lld, inconsistent %lld, failed %lld, retried %lld, tokens %lld + %lld\n",
                            r.endpointHost.c_str(), static_cast<long long>(r.counts.judged),
                            static_cast<long long>(r.counts.inconsistent), static_cast<long long>(r.counts.failed),
                            static_cast<long long>(r.counts.retried), static_cast<long long>(r.counts.promptTokens),
                            static_cast<long long>(r.counts.completionTokens));
                if (!r.message.empty())
                    std::printf("    %s\n", r.message.c_str());
            }
        }
        if (o->json)
            std::cout << all.dump(2) << "\n";
    });
}

} // namespace

RANKPO_CLI_COMMAND(62, "runs", setupRuns);

} // namespace rankpo::cli
