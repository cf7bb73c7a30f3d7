// rankpo judge: the AI judge over an OpenAI-compatible endpoint, every answer stored as it arrives.
#include "app/cli/command.h"
#include "app/cli/terminal_progress.h"
#include "core/judge/api_key.h"
#include "core/judge/judge_failure.h"
#include "core/util/error.h"
#include "db/project_store.h"
#include "workflows/judge_pairs.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace rankpo::cli {
namespace {

std::atomic<bool> g_stop{false};

// The first Ctrl+C stops new requests and lets those in flight finish (their answers are stored); a second
// one ends the process at once, losing only the requests in flight.
extern "C" void onJudgeInterrupt(int)
{
    if (g_stop.exchange(true))
        std::_Exit(130);
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ioError(path + ": cannot open");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string secondsText(double seconds)
{
    if (seconds >= 60)
        return formatDuration(seconds);
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", seconds);
    return text;
}

nlohmann::ordered_json summaryJson(const workflows::JudgeSummary& s)
{
    nlohmann::ordered_json j;
    j["run"] = s.runId;
    j["annotator"] = s.annotator;
    j["status"] = std::string(db::toString(s.status));
    j["masked_personal_details"] = s.masked;
    j["pending"] = s.pending;
    j["judged"] = s.judged;
    j["inconsistent"] = s.inconsistent;
    j["failed"] = s.failed;
    j["failed_by_kind"] = s.failedByKind;
    j["not_asked"] = s.notAsked;
    j["retried"] = s.retried;
    j["prompt_tokens"] = s.promptTokens;
    j["completion_tokens"] = s.completionTokens;
    j["truncated_texts"] = s.truncatedTexts;
    j["seconds"] = s.seconds;
    return j;
}

void setupJudge(CLI::App& root)
{
    auto* cmd = root.add_subcommand("judge", "Judge the project's pairs with an AI model over an OpenAI-compatible "
                                             "endpoint (llama.cpp server, vLLM, Ollama, hosted APIs)");
    struct Options {
        std::string project, endpoint, model, apiKeyEnv = "OPENAI_API_KEY", apiKeyFile, caBundle, promptFile;
        std::vector<std::string> headers;
        std::string split = "all";
        bool bothOrders = false, rejudge = false, mask = false, noMask = false, dryRun = false, json = false;
        std::int64_t limit = 0;
        int concurrency = 4, maxRetries = 5, maxTokens = 1024;
        double timeout = 120, temperature = 0;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("project", o->project, "Project file")->required();
    cmd->add_option("--endpoint", o->endpoint, "The API's base URL, e.g. http://127.0.0.1:8080/v1")->required();
    cmd->add_option("--judge-model", o->model, "The judge model's name as the endpoint knows it")->required();
    cmd->add_option("--api-key-env", o->apiKeyEnv, "Environment variable holding the API key (unset: no key sent)")
        ->capture_default_str();
    cmd->add_option("--api-key-file", o->apiKeyFile, "File holding the API key (instead of the variable)");
    cmd->add_option("--header", o->headers, "An extra request header 'Name: value' (repeatable)");
    cmd->add_option("--ca-bundle", o->caBundle, "PEM file of CA certificates used instead of the system's");
    cmd->add_option("--prompt", o->promptFile, "Prompt template with {job}, {candidate_a}, {candidate_b} "
                                               "([system]/[user] sections); default: the built-in prompt");
    cmd->add_flag("--both-orders", o->bothOrders, "Ask every pair in both display orders (A/B and B/A)");
    cmd->add_option("--split", o->split, "Pairs of the jobs of: all, train or test")
        ->capture_default_str()
        ->check(CLI::IsMember({"all", "train", "test"}));
    cmd->add_flag("--rejudge", o->rejudge, "Ask again where this judge has answered");
    cmd->add_option("--limit", o->limit, "At most this many pairs")->check(CLI::PositiveNumber);
    cmd->add_option("--concurrency", o->concurrency, "Requests in flight")->capture_default_str()->check(CLI::Range(1, 256));
    cmd->add_option("--timeout", o->timeout, "Seconds per request")->capture_default_str()->check(CLI::PositiveNumber);
    cmd->add_option("--max-retries", o->maxRetries, "Retries of 429, 5xx and timeouts (Retry-After honoured)")
        ->capture_default_str()
        ->check(CLI::Range(0, 100));
    cmd->add_option("--temperature", o->temperature, "Sampling temperature")->capture_default_str()->check(CLI::Range(0.0, 2.0));
    cmd->add_option("--max-tokens", o->maxTokens, "Most tokens per answer (a longer one is a cut_off failure)")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    auto* mask = cmd->add_flag("--mask-personal-details", o->mask,
                               "Mask e-mail addresses, phone numbers, links and contact names in the texts sent "
                               "(the default when the endpoint is not on loopback)");
    cmd->add_flag("--no-mask-personal-details", o->noMask, "Send the texts as they are, wherever the endpoint is")
        ->excludes(mask);
    cmd->add_flag("--dry-run", o->dryRun, "Print what would be asked and the first request; send nothing");
    cmd->add_flag("--json", o->json, "Print the summary as JSON");
    cmd->callback([o, cmd] {
        workflows::JudgeWorkflowOptions w;
        w.endpoint = o->endpoint;
        w.model = o->model;
        w.headers = o->headers;
        w.caBundle = o->caBundle;
        if (!o->promptFile.empty())
            w.prompt = JudgePromptTemplate::parse(readFile(o->promptFile), o->promptFile);
        w.bothOrders = o->bothOrders;
        if (o->split != "all")
            w.split = db::splitFromString(o->split);
        w.rejudge = o->rejudge;
        if (o->limit > 0)
            w.limit = o->limit;
        w.concurrency = o->concurrency;
        w.timeoutSeconds = o->timeout;
        w.maxRetries = o->maxRetries;
        w.temperature = o->temperature;
        w.maxTokens = o->maxTokens;
        if (o->mask)
            w.maskPersonalDetails = true;
        if (o->noMask)
            w.maskPersonalDetails = false;
        ApiKeySource keySource;
        keySource.environmentVariable = o->apiKeyEnv;
        keySource.keyFile = o->apiKeyFile;
        w.apiKey = loadApiKey(keySource);
        if (!w.apiKey && cmd->count("--api-key-env"))
            std::cerr << "warning: " << o->apiKeyEnv << " is not set: requests go without an API key\n";

        auto store = db::ProjectStore::open(o->project);
        const auto plan = workflows::planJudging(*store, w);
        for (const auto& warning : plan.warnings)
            std::cerr << "warning: " << warning << "\n";
        std::cerr << "Judge " << plan.annotator << " at " << plan.endpointHost << ": " << plan.pending.size()
                  << " requests for " << plan.pairs << " pairs; personal details "
                  << (plan.masked ? "masked" : "sent as they are") << (plan.loopback ? " (loopback)" : "") << "\n";
        if (o->dryRun) {
            std::cout << "POST " << plan.firstRequestUrl << "\n";
            std::cout << (plan.firstRequestBody.empty() ? std::string("(nothing pending)") : plan.firstRequestBody)
                      << "\n";
            return;
        }
        g_stop = false;
        std::signal(SIGINT, onJudgeInterrupt);
        std::signal(SIGTERM, onJudgeInterrupt);
        TerminalProgress bar("judge");
        const auto summary = workflows::judgePairs(*store, w, &g_stop, [&](const workflows::JudgeProgress& p) {
            bar.update(std::uint64_t(p.finished), std::uint64_t(p.total),
                       std::to_string(p.judged) + " judged, " + std::to_string(p.failed) + " failed");
        });
        bar.finish();
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
        if (o->json) {
            std::cout << summaryJson(summary).dump(2) << "\n";
        } else {
            std::cout << "Judge run " << summary.runId << " (" << summary.annotator << "): "
                      << db::toString(summary.status) << "\n"
                      << "  judged " << summary.judged << ", inconsistent " << summary.inconsistent << ", failed "
                      << summary.failed;
            for (const auto& [kind, n] : summary.failedByKind)
                std::cout << (kind == summary.failedByKind.begin()->first ? " (" : ", ") << kind << " " << n;
            std::cout << (summary.failedByKind.empty() ? "" : ")") << ", retried " << summary.retried << "\n"
                      << "  tokens " << summary.promptTokens << " prompt + " << summary.completionTokens
                      << " completion, " << secondsText(summary.seconds) << "\n";
            if (summary.notAsked)
                std::cout << "  " << summary.notAsked << " requests not asked: run again to ask them\n";
        }
        if (summary.status == db::RunStatus::Cancelled)
            throw Error(ErrorKind::Cancelled, "cancelled: " + std::to_string(summary.judged + summary.failed)
                                                  + " answers stored, " + std::to_string(summary.notAsked)
                                                  + " requests left for the next run");
    });
}

} // namespace

RANKPO_CLI_COMMAND(27, "judge", setupJudge);

} // namespace rankpo::cli
