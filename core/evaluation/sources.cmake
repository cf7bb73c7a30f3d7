# Evaluation: ranking metrics (two labelled families), TREC files, preference alignment, agreement and
# the AI-judge audit are pure C++; exact retrieval runs on libtorch.
list(APPEND RANKPO_CORE_SOURCES
  evaluation/agreement_evaluator.cpp
  evaluation/alignment_evaluator.cpp
  evaluation/binomial_test.cpp
  evaluation/bradley_terry.cpp
  evaluation/cohen_kappa.cpp
  evaluation/multi_rater_agreement.cpp
  evaluation/evaluation_json.cpp
  evaluation/job_candidate_scores.cpp
  evaluation/judge_audit_evaluator.cpp
  evaluation/pair_judgement.cpp
  evaluation/wilson_interval.cpp
  evaluation/judged_ranking.cpp
  evaluation/kendall_tau.cpp
  evaluation/metric_cutoffs.cpp
  evaluation/metric_values.cpp
  evaluation/standard_metrics_evaluator.cpp
  evaluation/top_k_result.cpp
  evaluation/trec_evaluation_input.cpp
  evaluation/trec_qrels.cpp
  evaluation/trec_run.cpp
  evaluation/trec_text.cpp
  evaluation/upstream_metrics_evaluator.cpp
)

list(APPEND RANKPO_ENGINE_SOURCES
  evaluation/exact_retriever.cpp
)
