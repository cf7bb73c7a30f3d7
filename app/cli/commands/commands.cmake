# Each command file registers itself with RANKPO_CLI_COMMAND.
list(APPEND RANKPO_CLI_COMMANDS
  export_command.cpp
  import_command.cpp
  init_command.cpp
  metrics_command.cpp
  split_command.cpp
  stats_command.cpp
)
