// rankpo: the headless command-line interface over the RankPO Studio engine.
#include "app/cli/command.h"
#ifdef RANKPO_FORWARD_ENGINE_COMMANDS
#include "app/cli/engine_forwarding.h"
#endif
#include "core/util/error.h"
#include "core/util/openmp_environment.h"

#include <CLI/CLI.hpp>
#ifndef RANKPO_FORWARD_ENGINE_COMMANDS
#include <c10/util/Exception.h>
#endif

#include <exception>
#include <iostream>

namespace {

// Exit codes are part of the interface: 0 ok, 1 data error, 2 usage error.
constexpr int kExitOk = 0;
constexpr int kExitData = 1;
constexpr int kExitUsage = 2;
constexpr int kExitForbidden = 3;

int exitCodeFor(rankpo::ErrorKind kind)
{
    switch (kind) {
    case rankpo::ErrorKind::Usage: return kExitUsage;
    case rankpo::ErrorKind::Cancelled: return 130;
    case rankpo::ErrorKind::Forbidden: return kExitForbidden;
    case rankpo::ErrorKind::Data:
    case rankpo::ErrorKind::Io: return kExitData;
    }
    return kExitData;
}

} // namespace

int main(int argc, char** argv)
{
#ifndef RANKPO_FORWARD_ENGINE_COMMANDS
    // rankpo-engine links libtorch (rankpo, which does not, sets the variable before it forwards).
    rankpo::ensurePassiveOpenMpWait(argc, argv);
#endif
    CLI::App app{"rankpo: train and evaluate job-candidate matching models with preference optimisation (RankPO)",
                 "rankpo"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("rankpo ") + RANKPO_VERSION);
    rankpo::cli::setupAllCommands(app);
#ifdef RANKPO_FORWARD_ENGINE_COMMANDS
    rankpo::cli::setupEngineForwarders(app, argc, argv);
#endif

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e); // prints the message and the usage hint
        return kExitUsage;
    } catch (const rankpo::Error& e) {
        std::cerr << "rankpo: " << e.what() << "\n";
        return exitCodeFor(e.kind());
    }
#ifndef RANKPO_FORWARD_ENGINE_COMMANDS
    catch (const c10::Error& e) {
        // libtorch's own errors carry a C++ backtrace in what(); the message is what a user needs.
        std::cerr << "rankpo: " << e.what_without_backtrace() << "\n";
        return kExitData;
    }
#endif
    catch (const std::exception& e) {
        std::cerr << "rankpo: " << e.what() << "\n";
        return kExitData;
    }
    return kExitOk;
}
