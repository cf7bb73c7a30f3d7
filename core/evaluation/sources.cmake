# Evaluation: ranking metrics (two labelled families), TREC files, preference alignment, agreement and
# the AI-judge audit are pure C++; exact retrieval runs on libtorch.
list(APPEND RANKPO_CORE_SOURCES
  evaluation/judged_ranking.cpp
  evaluation/metric_cutoffs.cpp
  evaluation/metric_values.cpp
  evaluation/standard_metrics_evaluator.cpp
  evaluation/trec_evaluation_input.cpp
  evaluation/trec_qrels.cpp
  evaluation/trec_run.cpp
  evaluation/trec_text.cpp
  evaluation/upstream_metrics_evaluator.cpp
)
