# The objectives: one loss per file. Options are torch-free (core) so configs can hold them.
list(APPEND RANKPO_CORE_SOURCES
  losses/loss_options.cpp
)
list(APPEND RANKPO_ENGINE_SOURCES
  losses/contrastive_loss.cpp
  losses/rankpo_loss.cpp
  losses/sft_loss.cpp
  losses/tensor_checks.cpp
)
