#pragma once

#include "core/judge/endpoint_address.h"
#include "core/judge/judge_answer.h"
#include "core/judge/judge_failure.h"
#include "core/judge/judge_prompt_template.h"
#include "core/judge/judge_request_builder.h"
#include "core/net/http_client.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace rankpo {

// One request to the judge: a job and two candidates in the order shown (A first). `id` is the
// caller's (e.g. the pair and the order), handed back with the outcome.
struct JudgeTask {
    std::uint64_t id = 0;
    std::string job;
    std::string candidateA;
    std::string candidateB;
};

struct JudgeOutcome {
    std::uint64_t taskId = 0;
    JudgeAnswer answer;     // a verdict, or a failure (a transport failure included), raw response, usage
    long httpStatus = 0;    // 0 without a response
    int attempts = 0;
    double seconds = 0;     // first attempt to answer, back-off included
    int truncatedTexts = 0; // texts cut to the token budget in this request
    bool ok() const { return answer.ok(); }
};

struct JudgeRunStats {
    std::int64_t requested = 0;
    std::int64_t judged = 0;    // outcomes with a verdict
    std::int64_t failed = 0;    // outcomes with a failure other than cancelled
    std::int64_t cancelled = 0;
    std::int64_t retried = 0;   // retries (attempts after the first)
    std::array<std::int64_t, kJudgeFailureKindCount> failuresByKind{}; // cancelled included
    std::int64_t promptTokens = 0; // from the replies' usage (failed replies with usage included)
    std::int64_t completionTokens = 0;
    std::int64_t totalTokens = 0;
    std::int64_t connectionsOpened = 0;
    std::int64_t truncatedTexts = 0;
    double seconds = 0;

    std::int64_t failures(JudgeFailureKind kind) const { return failuresByKind[static_cast<std::size_t>(kind)]; }
};

struct ChatJudgeOptions {
    std::string endpoint;        // the base URL, e.g. "http://127.0.0.1:8080/v1" (POSTs go to .../chat/completions)
    JudgeRequestOptions request; // model, temperature, max tokens, token budget, masking
    HttpClientOptions http;      // concurrency, timeout, retries, key, headers, CA bundle (its url is set here)
};

// The AI judge over an OpenAI-compatible endpoint: builds each request from the prompt, sends it through
// HttpClient and reads the answer, calling back once per task on the calling thread as it finishes.
class ChatJudge {
public:
    // Throws a usage error on a bad endpoint or options.
    ChatJudge(JudgePromptTemplate prompt, ChatJudgeOptions options);
    ~ChatJudge();

    const EndpointAddress& endpoint() const { return m_endpoint; }
    std::string annotator() const { return m_builder.annotator(); }
    const JudgeRequestBuilder& requests() const { return m_builder; }
    // What would be sent for `task` (--dry-run shows the first).
    JudgeRequest request(const JudgeTask& task) const;

    using TaskSource = std::function<std::optional<JudgeTask>()>;
    using OutcomeCallback = std::function<void(const JudgeTask&, JudgeOutcome&&)>;
    JudgeRunStats run(const TaskSource& next, const OutcomeCallback& done, const std::atomic<bool>* cancel = nullptr,
                      CancelMode mode = CancelMode::FinishInFlight);

private:
    EndpointAddress m_endpoint;
    JudgeRequestBuilder m_builder;
    std::unique_ptr<HttpClient> m_http;
};

// The outcome of a finished HTTP request read as a judge's answer (transport failures mapped to their
// kinds); exposed for tests and for callers with their own transport.
JudgeAnswer judgeAnswerFromHttp(const HttpOutcome& http);

} // namespace rankpo
