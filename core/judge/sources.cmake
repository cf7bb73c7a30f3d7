# The AI judge (issue 13), pure C++17: prompts, the Chat Completions request and reply, failure kinds,
# endpoint checks, API keys, and the personal-details masking that texts get before they leave the
# machine. Built as rankpo_judge (core/CMakeLists.txt) so that only the judge links PCRE2.
list(APPEND RANKPO_JUDGE_SOURCES
  judge/api_key.cpp
  judge/chat_completion_reply.cpp
  judge/chat_completion_request.cpp
  judge/endpoint_address.cpp
  judge/judge_answer.cpp
  judge/judge_failure.cpp
  judge/judge_prompt_template.cpp
  judge/judge_request_builder.cpp
  judge/token_budget.cpp
  text/personal_details_masker.cpp
)
