#include "core/judge/judge_request_builder.h"

#include "core/text/personal_details_masker.h"
#include "core/util/error.h"

#include <cmath>

namespace rankpo {

JudgeRequestBuilder::JudgeRequestBuilder(JudgePromptTemplate prompt, JudgeRequestOptions options)
    : m_prompt(std::move(prompt)), m_options(std::move(options))
{
    if (m_options.model.empty())
        throw usageError("the judge model's name is empty (--judge-model)");
    if (m_options.maxTokens < 1)
        throw usageError("--max-tokens must be at least 1, got " + std::to_string(m_options.maxTokens));
    if (!(m_options.temperature >= 0.0 && m_options.temperature <= 2.0))
        throw usageError("--temperature must be from 0 to 2");
}

JudgeRequest JudgeRequestBuilder::build(std::string_view job, std::string_view candidateA, std::string_view candidateB) const
{
    JudgeRequest out;
    auto prepare = [&](std::string_view text, std::size_t budget) {
        TruncatedText t = m_options.maskPersonalDetails ? truncateToTokens(maskPersonalDetails(text), budget)
                                                        : truncateToTokens(text, budget);
        out.truncatedTexts += t.truncated() ? 1 : 0;
        return std::move(t.text);
    };
    const std::string j = prepare(job, m_options.budget.jobTokens);
    const std::string a = prepare(candidateA, m_options.budget.candidateTokens);
    const std::string b = prepare(candidateB, m_options.budget.candidateTokens);
    JudgeMessages messages = m_prompt.render(j, a, b);
    out.request.model = m_options.model;
    out.request.temperature = m_options.temperature;
    out.request.maxTokens = m_options.maxTokens;
    if (!messages.system.empty())
        out.request.messages.push_back({"system", std::move(messages.system)});
    out.request.messages.push_back({"user", std::move(messages.user)});
    return out;
}

} // namespace rankpo
