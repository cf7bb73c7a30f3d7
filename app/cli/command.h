#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace rankpo::cli {

// Each command lives in its own file under commands/ and registers itself at static-initialisation
// time; `order` decides where it appears in `rankpo --help`.
using CommandSetup = std::function<void(CLI::App& root)>;

bool registerCommand(int order, std::string name, CommandSetup setup);
void setupAllCommands(CLI::App& root);

} // namespace rankpo::cli

#define RANKPO_CLI_COMMAND_CONCAT2(a, b) a##b
#define RANKPO_CLI_COMMAND_CONCAT(a, b) RANKPO_CLI_COMMAND_CONCAT2(a, b)
#define RANKPO_CLI_COMMAND(order, name, setup)                                                                     \
    static const bool RANKPO_CLI_COMMAND_CONCAT(rankpoCommandRegistered_, __LINE__) =                              \
        ::rankpo::cli::registerCommand(order, name, setup)
