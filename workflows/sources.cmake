# The project-level evaluation (issue 5): evaluateModel, model comparison, one job's ranking.
list(APPEND RANKPO_WORKFLOWS_SOURCES
  job_ranker.cpp
  model_comparison.cpp
  project_evaluator.cpp
  project_model.cpp
  text_embedder.cpp
)
# Training on a project (issue 4): the train split's examples, runs, sweeps.
list(APPEND RANKPO_WORKFLOWS_SOURCES
  demo_pipeline.cpp
  training_workflow.cpp
)
# Scores of the pairs' candidates for active learning in the studio (issue 6).
list(APPEND RANKPO_WORKFLOWS_SOURCES
  compute_devices.cpp
  pair_scorer.cpp
)
