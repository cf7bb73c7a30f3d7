#pragma once

#include "core/judge/chat_completion_request.h"
#include "core/judge/judge_prompt_template.h"
#include "core/judge/token_budget.h"

#include <string>
#include <string_view>

namespace rankpo {

struct JudgeRequestOptions {
    std::string model;          // the judge model's name, sent as "model"
    double temperature = 0.0;   // 0..2
    int maxTokens = 1024;       // >= 1
    TokenBudget budget;
    bool maskPersonalDetails = false; // set it when the endpoint is not on loopback, unless the user chose otherwise
};

struct JudgeRequest {
    ChatCompletionRequest request;
    int truncatedTexts = 0; // how many of the three texts were cut to the budget
    std::string body() const { return request.toJson(); }
};

// Turns a job and two candidates, in the order shown (A first), into a Chat Completions request:
// masking first (when asked), then each text cut to its budget with a visible marker, then the prompt.
class JudgeRequestBuilder {
public:
    // Throws a usage error on an empty model name, max tokens < 1 or a temperature outside 0..2.
    JudgeRequestBuilder(JudgePromptTemplate prompt, JudgeRequestOptions options);

    JudgeRequest build(std::string_view job, std::string_view candidateA, std::string_view candidateB) const;

    const JudgePromptTemplate& prompt() const { return m_prompt; }
    const JudgeRequestOptions& options() const { return m_options; }
    // The annotator of this judge's preferences (judgeAnnotator).
    std::string annotator() const { return judgeAnnotator(m_options.model, m_prompt); }

private:
    JudgePromptTemplate m_prompt;
    JudgeRequestOptions m_options;
};

} // namespace rankpo
