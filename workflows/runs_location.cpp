#include "workflows/runs_location.h"

#include "core/util/error.h"
#include "db/project_location.h"

#include <cctype>
#include <cstdlib>

namespace rankpo::workflows {
namespace {

// A folder name from URL parts: letters, digits, '.', '-' kept, anything else '_'.
std::string folderName(const std::string& text)
{
    std::string out;
    for (char c : text)
        out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') ? c : '_';
    return out.empty() ? "_" : out;
}

} // namespace

std::filesystem::path defaultRunsDirectory(const std::string& location)
{
    if (location.empty() || location == ":memory:")
        throw usageError("an in-memory project needs a runs folder for its checkpoints (--runs-dir)");
    const auto server = db::serverProjectOf(location);
    if (!server)
        return std::filesystem::path(location + ".runs");
    const std::string authority = server->host + (server->port.empty() ? "" : "-" + server->port);
    std::filesystem::path data;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        data = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home)
        data = std::filesystem::path(home) / ".local" / "share";
    else
        throw usageError("project " + server->project + " on " + server->host + ": neither XDG_DATA_HOME nor HOME is set; name a runs folder with --runs-dir");
    return data / "rankpo-studio" / "runs"
         / (folderName(authority) + "_" + folderName(server->database) + "_" + server->project);
}

} // namespace rankpo::workflows
