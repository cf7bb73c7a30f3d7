#pragma once

// The AI judge over a project: the pairs this judge still owes an answer, sent to an OpenAI-compatible
// endpoint (ChatJudge), every finished answer committed at once as an `ai` preference (or a failure with its
// raw text), the run recorded in judge_runs. Torch-free and Qt-free: `rankpo judge` runs it in `rankpo`
// itself and the studio on a worker.
#include "core/domain/rule_label.h"
#include "core/judge/judge_prompt_template.h"
#include "core/judge/token_budget.h"
#include "core/net/http_client.h"
#include "db/judge_pending_pairs.h"
#include "db/run_registry.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rankpo::db {
class ProjectStore;
}

namespace rankpo::workflows {

struct JudgeWorkflowOptions {
    std::string endpoint;                   // base URL ending in /v1
    std::string model;                      // the judge model's name as the endpoint knows it
    std::optional<std::string> apiKey;      // sent as a bearer token; held in memory only, never stored
    std::vector<std::string> headers;       // extra "Name: value" headers (their values are never stored)
    std::string caBundle;                   // PEM file replacing the system's CA store
    std::optional<JudgePromptTemplate> prompt; // nullopt: the default prompt
    bool bothOrders = false;
    std::optional<Split> split;             // nullopt: every job
    bool rejudge = false;
    std::optional<std::int64_t> limit;      // at most this many pairs
    int concurrency = 4;
    double timeoutSeconds = 120;
    int maxRetries = 5;
    RetryPolicy retry;
    double temperature = 0;
    int maxTokens = 1024;
    TokenBudget budget;
    std::optional<bool> maskPersonalDetails; // nullopt: mask when the endpoint is not on loopback
    CancelMode cancelMode = CancelMode::FinishInFlight;
};

// What a run would do, worked out before anything is sent (--dry-run prints it).
struct JudgePlan {
    std::string annotator;                 // model, or model#<prompt short hash>
    std::string endpointHost;              // scheme://host[:port]
    bool masked = false;                   // personal details masked in the texts sent
    bool loopback = false;
    std::vector<std::string> warnings;     // plain http to another host, a path not ending in /v1
    std::vector<db::PendingJudgement> pending;
    std::int64_t pairs = 0;                // distinct pairs in `pending`
    std::string firstRequestUrl;           // without user info
    std::string firstRequestBody;          // the first request's JSON; empty when nothing is pending
};

struct JudgeProgress {
    std::int64_t total = 0;    // requests planned
    std::int64_t finished = 0; // judged + failed
    std::int64_t judged = 0;
    std::int64_t failed = 0;
    std::int64_t retried = 0;
};

struct JudgeSummary {
    std::int64_t runId = 0;
    std::string annotator;
    db::RunStatus status = db::RunStatus::Done;
    bool masked = false;
    std::int64_t pending = 0;       // requests the run set out to make
    std::int64_t judged = 0;        // answers stored as preferences
    std::int64_t failed = 0;        // answers stored as failures
    std::int64_t notAsked = 0;      // left pending by a cancel (asked again by the next run)
    std::int64_t retried = 0;
    std::int64_t inconsistent = 0;  // pairs of this run judged both ways differently by this judge
    std::map<std::string, std::int64_t> failedByKind;
    std::int64_t promptTokens = 0;
    std::int64_t completionTokens = 0;
    std::int64_t truncatedTexts = 0;
    double seconds = 0;
};

// Throws a usage error on a bad endpoint or options.
JudgePlan planJudging(db::ProjectStore& store, const JudgeWorkflowOptions& options);

// Judges what planJudging finds pending. `cancel` stops new requests (those in flight are waited for or
// abandoned, as options.cancelMode says); everything finished stays stored and the run is recorded as
// cancelled. `progress` is called on this thread after each answer.
JudgeSummary judgePairs(db::ProjectStore& store, const JudgeWorkflowOptions& options,
                        const std::atomic<bool>* cancel = nullptr,
                        const std::function<void(const JudgeProgress&)>& progress = {});

} // namespace rankpo::workflows
