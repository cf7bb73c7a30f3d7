// rankpo judge on a build without the AI judge (the engine-and-CLI build of a GPU machine, or one configured
// without PCRE2 or libcurl): the command is still there, so that a user is told what the build lacks instead of
// CLI11's "A subcommand is required".
#include "app/cli/command.h"
#include "core/util/error.h"

namespace rankpo::cli {
namespace {

void setupJudgeUnavailable(CLI::App& root)
{
    auto* cmd = root.add_subcommand("judge", "Judge the project's pairs with an AI model (not in this build)");
    cmd->allow_extras();
    cmd->callback([] {
        throw usageError("judge: this rankpo was built without the AI judge, which needs PCRE2 (libpcre2-dev) and "
                         "libcurl (libcurl4-openssl-dev, -DRANKPO_WITH_HTTP=ON); install them "
                         "(scripts/install-deps.sh) and build again");
    });
}

} // namespace

RANKPO_CLI_COMMAND(27, "judge", setupJudgeUnavailable);

} // namespace rankpo::cli
