# Training building blocks. The torch-free ones (schedule, accumulation, metrics, PRNG, config,
# hard-negative mining) live in rankpo_core so the CLI and UI can use them without libtorch.
list(APPEND RANKPO_CORE_SOURCES
  training/gradient_accumulator.cpp
  training/hard_negative_miner.cpp
  training/learning_rate_schedule.cpp
  training/method_names.cpp
  training/metrics_accumulator.cpp
  training/split_mix64.cpp
  training/stage1_sampler.cpp
  training/training_config.cpp
  training/training_examples.cpp
)
list(APPEND RANKPO_ENGINE_SOURCES
  training/adamw_setup.cpp
  training/batch_encoding.cpp
  training/gradient_clipping.cpp
  training/torch_seeding.cpp
  training/trainer.cpp
  training/trainer_checkpoint.cpp
)
