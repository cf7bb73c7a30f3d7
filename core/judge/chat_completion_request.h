#pragma once

#include <string>
#include <vector>

namespace rankpo {

struct ChatMessage {
    std::string role; // "system", "user"
    std::string content;
};

// The body of an OpenAI Chat Completions request (POST {endpoint}/chat/completions), the subset that
// llama.cpp's server, vLLM, Ollama, LM Studio and hosted services all accept.
struct ChatCompletionRequest {
    std::string model;
    std::vector<ChatMessage> messages;
    double temperature = 0.0;
    int maxTokens = 1024; // sent as max_tokens

    // Compact JSON. Invalid UTF-8 in a message becomes U+FFFD rather than an exception: a stored text
    // with a bad byte still gets judged.
    std::string toJson() const;
};

} // namespace rankpo
