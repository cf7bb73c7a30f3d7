# Torch-free: the engine interface and its loader (what the studio links).
list(APPEND RANKPO_WORKFLOWS_SOURCES
  engine_loader.cpp
  pool_import.cpp
  runs_location.cpp
)
# On the engine (libtorch): evaluation, comparison, ranking, pair scores, training. In rankpo_engine_workflows,
# which rankpo-engine links and the engine module (librankpo-workflows.so) wraps for the studio.
list(APPEND RANKPO_ENGINE_WORKFLOWS_SOURCES
  compute_devices.cpp
  demo_pipeline.cpp
  make_pairs.cpp
  rank_job.cpp
  model_comparison.cpp
  score_pairs.cpp
  evaluate_model.cpp
  project_model.cpp
  text_embedder.cpp
  training_workflow.cpp
)
