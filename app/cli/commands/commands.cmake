# Each command file registers itself with RANKPO_CLI_COMMAND.
list(APPEND RANKPO_CLI_COMMANDS
  embed_command.cpp
  models_command.cpp
)
