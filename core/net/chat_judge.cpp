#include "core/net/chat_judge.h"

#include <unordered_map>

namespace rankpo {
namespace {

HttpClientOptions withUrl(HttpClientOptions http, const EndpointAddress& endpoint)
{
    http.url = endpoint.chatCompletionsUrl();
    return http;
}

std::string attemptsNote(int attempts)
{
    return attempts > 1 ? " (after " + std::to_string(attempts) + " attempts)" : std::string();
}

} // namespace

JudgeAnswer judgeAnswerFromHttp(const HttpOutcome& http)
{
    if (http.error == TransferError::None) {
        JudgeAnswer answer = readJudgeAnswer(http.status, http.body);
        if (answer.failure && (answer.failure->kind == JudgeFailureKind::HttpStatus))
            answer.failure->message += attemptsNote(http.attempts);
        return answer;
    }
    JudgeAnswer answer;
    JudgeFailureKind kind = JudgeFailureKind::Network;
    switch (http.error) {
    case TransferError::Timeout: kind = JudgeFailureKind::Timeout; break;
    case TransferError::Tls: kind = JudgeFailureKind::Tls; break;
    case TransferError::Cancelled: kind = JudgeFailureKind::Cancelled; break;
    default: break;
    }
    answer.failure = JudgeFailure{kind, http.message + (kind == JudgeFailureKind::Cancelled ? std::string() : attemptsNote(http.attempts))};
    answer.rawResponse = http.body;
    return answer;
}

ChatJudge::ChatJudge(JudgePromptTemplate prompt, ChatJudgeOptions options)
    : m_endpoint(EndpointAddress::parse(options.endpoint)),
      m_builder(std::move(prompt), std::move(options.request)),
      m_http(std::make_unique<HttpClient>(withUrl(std::move(options.http), m_endpoint)))
{
}

ChatJudge::~ChatJudge() = default;

JudgeRequest ChatJudge::request(const JudgeTask& task) const
{
    return m_builder.build(task.job, task.candidateA, task.candidateB);
}

JudgeRunStats ChatJudge::run(const TaskSource& next, const OutcomeCallback& done, const std::atomic<bool>* cancel, CancelMode mode)
{
    JudgeRunStats stats;
    // Tasks in flight by our own sequence number (the caller's ids need not be unique).
    std::unordered_map<std::uint64_t, std::pair<JudgeTask, int>> inFlight;
    std::uint64_t sequence = 0;
    const auto source = [&]() -> std::optional<HttpRequest> {
        std::optional<JudgeTask> task = next();
        if (!task)
            return std::nullopt;
        JudgeRequest request = m_builder.build(task->job, task->candidateA, task->candidateB);
        stats.truncatedTexts += request.truncatedTexts;
        const std::uint64_t id = sequence++;
        HttpRequest http{id, request.body()};
        inFlight.emplace(id, std::make_pair(std::move(*task), request.truncatedTexts));
        return http;
    };
    const auto finished = [&](HttpOutcome&& http) {
        auto it = inFlight.find(http.id);
        const JudgeTask task = std::move(it->second.first);
        JudgeOutcome outcome;
        outcome.taskId = task.id;
        outcome.truncatedTexts = it->second.second;
        inFlight.erase(it);
        outcome.answer = judgeAnswerFromHttp(http);
        outcome.httpStatus = http.status;
        outcome.attempts = http.attempts;
        outcome.seconds = http.seconds;
        stats.promptTokens += outcome.answer.usage.promptTokens;
        stats.completionTokens += outcome.answer.usage.completionTokens;
        stats.totalTokens += outcome.answer.usage.totalTokens;
        if (outcome.ok()) {
            ++stats.judged;
        } else {
            ++stats.failuresByKind[static_cast<std::size_t>(outcome.answer.failure->kind)];
            if (outcome.answer.failure->kind == JudgeFailureKind::Cancelled)
                ++stats.cancelled;
            else
                ++stats.failed;
        }
        done(task, std::move(outcome));
    };
    const HttpRunStats http = m_http->run(source, finished, cancel, mode);
    stats.requested = http.requests;
    stats.retried = http.retries;
    stats.connectionsOpened = http.connectionsOpened;
    stats.seconds = http.seconds;
    return stats;
}

} // namespace rankpo
