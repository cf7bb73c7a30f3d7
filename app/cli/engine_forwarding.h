#pragma once

#include <CLI/CLI.hpp>

namespace rankpo::cli {

// The `rankpo` a user runs links no libtorch, so that data commands (import, export, stats, ...)
// start in milliseconds instead of paying libtorch's ~0.3 s of library loading and operator
// registration. Commands that need the engine (embed, train, eval, ...) are registered here as
// forwarders that exec `rankpo-engine`, the full CLI, with the same arguments: exit codes,
// output and --help are the engine binary's own.
// Also sets engineHandoff() (engine_handoff.h) to exec rankpo-engine with argv[1...].
void setupEngineForwarders(CLI::App& root, int argc, char** argv);

} // namespace rankpo::cli
