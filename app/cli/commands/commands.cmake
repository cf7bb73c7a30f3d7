# Data commands (no libtorch): built into both rankpo and rankpo-engine.
rankpo_cli_command(audit_command.cpp)
rankpo_cli_command(demo_data_command.cpp)
rankpo_cli_command(export_command.cpp)
rankpo_cli_command(import_command.cpp)
rankpo_cli_command(init_command.cpp)
rankpo_cli_command(metrics_command.cpp)
rankpo_cli_command(models_command.cpp)
rankpo_cli_command(split_command.cpp)
rankpo_cli_command(stats_command.cpp)

# Engine commands (libtorch): built into rankpo-engine; rankpo forwards them.
#   rankpo_cli_engine_command(<name> "<one-line help>" <file>)
rankpo_cli_engine_command(embed "Embed texts with an encoder model (name or folder)" embed_command.cpp)
rankpo_cli_engine_command(eval "Evaluate a model on the project: ranking metrics and preference alignment" eval_command.cpp)
rankpo_cli_engine_command(compare "Compare models' evaluations: metric deltas and rank moves per job" compare_command.cpp)
rankpo_cli_engine_command(rank "Rank the project's candidates for one job with a model" rank_command.cpp)
rankpo_cli_engine_command(score "Score every pair's candidates with a model for the studio's active learning" score_command.cpp)
