#include "core/judge/chat_completion_request.h"

#include <nlohmann/json.hpp>

namespace rankpo {

std::string ChatCompletionRequest::toJson() const
{
    nlohmann::json messagesJson = nlohmann::json::array();
    for (const ChatMessage& m : messages)
        messagesJson.push_back({{"role", m.role}, {"content", m.content}});
    const nlohmann::json body = {
        {"model", model},
        {"messages", std::move(messagesJson)},
        {"temperature", temperature},
        {"max_tokens", maxTokens},
    };
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace rankpo
