#include "core/judge/chat_completion_reply.h"

#include <nlohmann/json.hpp>

namespace rankpo {
namespace {

using nlohmann::json;

std::optional<std::int64_t> tokenCount(const json& usage, const char* field)
{
    const auto it = usage.find(field);
    if (it == usage.end())
        return std::nullopt;
    if (it->is_number_unsigned() || it->is_number_integer()) {
        const auto v = it->get<std::int64_t>();
        return v >= 0 ? std::optional<std::int64_t>(v) : std::nullopt;
    }
    if (it->is_number_float()) {
        const double v = it->get<double>();
        return v >= 0 && v < 9e15 ? std::optional<std::int64_t>(static_cast<std::int64_t>(v + 0.5)) : std::nullopt;
    }
    return std::nullopt;
}

// The server's own words about an error: {"error": {"message": ...}}, {"error": "..."}, {"detail": ...}.
std::optional<std::string> errorMessage(const json& doc)
{
    if (!doc.is_object())
        return std::nullopt;
    const auto error = doc.find("error");
    if (error != doc.end()) {
        if (error->is_string())
            return error->get<std::string>();
        if (error->is_object()) {
            const auto message = error->find("message");
            if (message != error->end() && message->is_string())
                return message->get<std::string>();
            return excerpt(error->dump(-1, ' ', false, json::error_handler_t::replace));
        }
        if (!error->is_null())
            return excerpt(error->dump(-1, ' ', false, json::error_handler_t::replace));
    }
    const auto detail = doc.find("detail");
    if (detail != doc.end() && detail->is_string())
        return detail->get<std::string>();
    return std::nullopt;
}

std::string optionalString(const json& obj, const char* field)
{
    if (!obj.is_object())
        return {};
    const auto it = obj.find(field);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

std::string excerpt(std::string_view body, std::size_t maxBytes)
{
    if (body.size() <= maxBytes)
        return std::string(body);
    std::size_t end = maxBytes;
    while (end > 0 && (static_cast<unsigned char>(body[end]) & 0xC0) == 0x80)
        --end;
    return std::string(body.substr(0, end)) + "\xE2\x80\xA6";
}

ChatCompletionReply readChatCompletionReply(long httpStatus, std::string_view body)
{
    ChatCompletionReply out;
    const json doc = json::parse(body.begin(), body.end(), nullptr, false);
    const bool ok = httpStatus >= 200 && httpStatus < 300;
    if (!ok) {
        const auto message = doc.is_discarded() ? std::nullopt : errorMessage(doc);
        out.failure = JudgeFailure{JudgeFailureKind::HttpStatus,
                                   "HTTP " + std::to_string(httpStatus) + ": " +
                                       (message ? excerpt(*message) : body.empty() ? std::string("(empty body)") : excerpt(body))};
        return out;
    }
    if (doc.is_discarded()) {
        out.failure = JudgeFailure{JudgeFailureKind::MalformedReply,
                                   body.empty() ? std::string("the reply is empty") : "the reply is not JSON: " + excerpt(body, 120)};
        return out;
    }
    if (!doc.is_object()) {
        out.failure = JudgeFailure{JudgeFailureKind::MalformedReply, "the reply is JSON but not an object"};
        return out;
    }
    if (const auto message = errorMessage(doc); message && doc.contains("error")) {
        out.failure = JudgeFailure{JudgeFailureKind::ApiError, "the server replied with an error: " + excerpt(*message)};
        return out;
    }
    out.model = optionalString(doc, "model");
    if (const auto usage = doc.find("usage"); usage != doc.end() && usage->is_object()) {
        out.usage.present = true;
        out.usage.promptTokens = tokenCount(*usage, "prompt_tokens").value_or(0);
        out.usage.completionTokens = tokenCount(*usage, "completion_tokens").value_or(0);
        out.usage.totalTokens = tokenCount(*usage, "total_tokens").value_or(out.usage.promptTokens + out.usage.completionTokens);
    }
    const auto choices = doc.find("choices");
    if (choices == doc.end() || !choices->is_array() || choices->empty() || !(*choices)[0].is_object()) {
        out.failure = JudgeFailure{JudgeFailureKind::MalformedReply, "the reply has no choices[0]"};
        return out;
    }
    const json& choice = (*choices)[0];
    out.finishReason = optionalString(choice, "finish_reason");
    const auto message = choice.find("message");
    if (message == choice.end() || !message->is_object()) {
        out.failure = JudgeFailure{JudgeFailureKind::MalformedReply, "the reply has no choices[0].message"};
        return out;
    }
    out.reasoning = optionalString(*message, "reasoning_content");
    if (out.reasoning.empty())
        out.reasoning = optionalString(*message, "reasoning");
    const auto content = message->find("content");
    if (content == message->end() || !content->is_string()) {
        // A reasoning model cut off while still thinking answers with content null and finish_reason "length".
        if (out.finishReason != "length") {
            out.failure = JudgeFailure{JudgeFailureKind::MalformedReply, "the reply has no string at choices[0].message.content"};
            return out;
        }
    } else {
        out.content = content->get<std::string>();
    }
    return out;
}

} // namespace rankpo
