#include "workflows/judge_pairs.h"

#include "core/judge/endpoint_address.h"
#include "core/net/chat_judge.h"
#include "core/util/error.h"
#include "db/judge_run_store.h"
#include "db/project_store.h"
#include "db/project_texts.h"
#include "db/team_rights.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <set>

namespace rankpo::workflows {
namespace {

const JudgePromptTemplate& promptOf(const JudgeWorkflowOptions& options)
{
    return options.prompt ? *options.prompt : JudgePromptTemplate::defaultTemplate();
}

std::string hostOf(const EndpointAddress& a)
{
    std::string host = a.host.find(':') != std::string::npos ? "[" + a.host + "]" : a.host;
    return a.scheme + "://" + host + (a.port ? ":" + std::to_string(*a.port) : std::string());
}

ChatJudgeOptions chatOptions(const JudgeWorkflowOptions& o, bool masked)
{
    ChatJudgeOptions c;
    c.endpoint = o.endpoint;
    c.request.model = o.model;
    c.request.temperature = o.temperature;
    c.request.maxTokens = o.maxTokens;
    c.request.budget = o.budget;
    c.request.maskPersonalDetails = masked;
    c.http.headers = o.headers;
    c.http.bearerToken = o.apiKey;
    c.http.caBundle = o.caBundle;
    c.http.concurrency = o.concurrency;
    c.http.timeoutSeconds = o.timeoutSeconds;
    c.http.maxRetries = o.maxRetries;
    c.http.retry = o.retry;
    return c;
}

// What the run record keeps of the options: enough to repeat the run, nothing secret (header names only).
std::string optionsJson(const JudgeWorkflowOptions& o, bool masked)
{
    nlohmann::ordered_json j;
    j["both_orders"] = o.bothOrders;
    j["split"] = o.split ? std::string(db::toString(*o.split)) : std::string("all");
    j["rejudge"] = o.rejudge;
    j["limit"] = o.limit ? nlohmann::ordered_json(*o.limit) : nlohmann::ordered_json();
    j["concurrency"] = o.concurrency;
    j["timeout"] = o.timeoutSeconds;
    j["max_retries"] = o.maxRetries;
    j["temperature"] = o.temperature;
    j["max_tokens"] = o.maxTokens;
    j["job_tokens"] = o.budget.jobTokens;
    j["candidate_tokens"] = o.budget.candidateTokens;
    j["mask_personal_details"] = masked;
    j["api_key"] = o.apiKey.has_value(); // whether one was sent, never the key
    nlohmann::ordered_json names = nlohmann::ordered_json::array();
    for (const auto& h : o.headers)
        names.push_back(h.substr(0, h.find(':')));
    j["headers"] = names;
    j["ca_bundle"] = !o.caBundle.empty();
    return j.dump();
}

std::string usageJson(const ChatUsage& usage)
{
    nlohmann::ordered_json j;
    j["prompt_tokens"] = usage.promptTokens;
    j["completion_tokens"] = usage.completionTokens;
    j["total_tokens"] = usage.totalTokens;
    return j.dump();
}

} // namespace

JudgePlan planJudging(db::ProjectStore& store, const JudgeWorkflowOptions& options)
{
    const EndpointAddress endpoint = EndpointAddress::parse(options.endpoint);
    if (options.limit && *options.limit < 1)
        throw usageError("--limit must be at least 1");
    JudgePlan plan;
    plan.loopback = endpoint.isLoopback();
    plan.masked = options.maskPersonalDetails.value_or(endpoint.masksPersonalDetailsByDefault());
    plan.endpointHost = hostOf(endpoint);
    plan.warnings = endpointWarnings(endpoint);
    JudgeRequestOptions request = chatOptions(options, plan.masked).request;
    const JudgeRequestBuilder builder(promptOf(options), request); // checks model, temperature, max tokens
    plan.annotator = builder.annotator();

    db::PendingJudgementOptions pending;
    pending.annotator = plan.annotator;
    pending.bothOrders = options.bothOrders;
    pending.split = options.split;
    pending.rejudge = options.rejudge;
    pending.limit = options.limit;
    plan.pending = db::pendingJudgements(store, pending);
    std::set<PairId> pairs;
    for (const auto& p : plan.pending)
        pairs.insert(p.pair);
    plan.pairs = static_cast<std::int64_t>(pairs.size());
    plan.firstRequestUrl = endpoint.display();
    const std::string route = "/chat/completions";
    if (plan.firstRequestUrl.size() < route.size()
        || plan.firstRequestUrl.compare(plan.firstRequestUrl.size() - route.size(), route.size(), route) != 0)
        plan.firstRequestUrl += route;
    if (!plan.pending.empty()) {
        db::TextLookup texts(store);
        const auto& first = plan.pending.front();
        plan.firstRequestBody =
            builder.build(texts.job(first.job), texts.candidate(first.shownFirst), texts.candidate(first.shownSecond)).body();
    }
    return plan;
}

JudgeSummary judgePairs(db::ProjectStore& store, const JudgeWorkflowOptions& options, const std::atomic<bool>* cancel,
                        const std::function<void(const JudgeProgress&)>& progress)
{
    db::requireTeamRight(store, db::TeamRight::Administer, "running the AI judge"); // before any request is sent
    const auto start = std::chrono::steady_clock::now();
    const JudgePlan plan = planJudging(store, options);
    ChatJudge judge(promptOf(options), chatOptions(options, plan.masked)); // checks headers and the CA bundle

    db::JudgeRunStore runs(store);
    db::JudgeRunRecord record;
    record.endpointHost = plan.endpointHost;
    record.model = options.model;
    record.annotator = plan.annotator;
    record.promptHash = promptOf(options).hash();
    record.prompt = promptOf(options).canonicalText();
    record.optionsJson = optionsJson(options, plan.masked);
    record = runs.begin(record);

    JudgeSummary summary;
    summary.runId = record.id;
    summary.annotator = plan.annotator;
    summary.masked = plan.masked;
    summary.pending = static_cast<std::int64_t>(plan.pending.size());
    db::JudgeRunCounts counts;
    JudgeProgress live;
    live.total = summary.pending;
    std::set<PairId> judgedPairs;
    std::size_t next = 0;
    db::TextLookup texts(store);

    auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    try {
        const JudgeRunStats stats = judge.run(
            [&]() -> std::optional<JudgeTask> {
                if (next >= plan.pending.size())
                    return std::nullopt;
                const auto& p = plan.pending[next];
                JudgeTask task;
                task.id = next++;
                task.job = texts.job(p.job);
                task.candidateA = texts.candidate(p.shownFirst);
                task.candidateB = texts.candidate(p.shownSecond);
                return task;
            },
            [&](const JudgeTask& task, JudgeOutcome&& outcome) {
                const auto& p = plan.pending[task.id];
                const JudgeAnswer& a = outcome.answer;
                if (a.failure && a.failure->kind == JudgeFailureKind::Cancelled) {
                    ++summary.notAsked; // abandoned in flight: still pending
                    return;
                }
                counts.retried += std::max(0, outcome.attempts - 1);
                counts.promptTokens += a.usage.promptTokens;
                counts.completionTokens += a.usage.completionTokens;
                if (a.verdict) {
                    ++counts.judged;
                    db::JudgedAnswer answer;
                    answer.pair = p.pair;
                    answer.shownFirst = p.shownFirst;
                    answer.choice = a.verdict->choice;
                    answer.confidence = a.verdict->confidence;
                    answer.rationale = a.verdict->rationale;
                    answer.response = a.rawResponse;
                    if (a.usage.present)
                        answer.usageJson = usageJson(a.usage);
                    answer.seconds = outcome.seconds;
                    runs.recordAnswer(record.id, plan.annotator, answer, counts);
                    judgedPairs.insert(p.pair);
                } else {
                    ++counts.failed;
                    const std::string kind(toString(a.failure->kind));
                    ++summary.failedByKind[kind];
                    db::JudgeFailureRow failure;
                    failure.pair = p.pair;
                    failure.shownFirst = p.shownFirst;
                    failure.kind = kind;
                    failure.message = a.failure->message;
                    if (outcome.httpStatus)
                        failure.httpStatus = outcome.httpStatus;
                    failure.response = a.rawResponse;
                    runs.recordFailure(record.id, failure, counts);
                }
                live.judged = counts.judged;
                live.failed = counts.failed;
                live.retried = counts.retried;
                live.finished = counts.judged + counts.failed;
                if (progress)
                    progress(live);
            },
            cancel, options.cancelMode);
        summary.truncatedTexts = stats.truncatedTexts;
    } catch (const std::exception& e) {
        runs.finish(record.id, db::RunStatus::Failed, counts, e.what(), seconds());
        throw;
    }
    summary.notAsked += static_cast<std::int64_t>(plan.pending.size() - next);

    // Inconsistent: this run's pairs that this judge has now judged both ways differently.
    db::PreferenceFilter filter;
    filter.source = PreferenceSource::Ai;
    filter.annotator = plan.annotator;
    for (const auto& [pair, source, annotator] : db::inconsistentPairs(store.preferences(filter)))
        summary.inconsistent += judgedPairs.count(pair) ? 1 : 0;
    counts.inconsistent = summary.inconsistent;

    const bool cancelled = cancel && cancel->load() && summary.notAsked > 0;
    summary.status = cancelled ? db::RunStatus::Cancelled : db::RunStatus::Done;
    summary.judged = counts.judged;
    summary.failed = counts.failed;
    summary.retried = counts.retried;
    summary.promptTokens = counts.promptTokens;
    summary.completionTokens = counts.completionTokens;
    summary.seconds = seconds();
    runs.finish(record.id, summary.status, counts,
                cancelled ? std::to_string(summary.notAsked) + " requests not asked (cancelled)" : std::string(),
                summary.seconds);
    return summary;
}

} // namespace rankpo::workflows
