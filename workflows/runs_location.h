#pragma once

// Where a project's training runs keep their model folders. Runs stay files on the machine that trained: beside a
// project file (`PROJECT.runs/`), and for a project on a server under the user's data folder,
// `$XDG_DATA_HOME/rankpo-studio/runs/<host>[-<port>]_<db>_<project>/` (XDG_DATA_HOME defaulting to
// ~/.local/share), since a URL is no place on disk. The shared project records each run's path and hashes.
// Torch-free: the CLI, the engine and the studio's Training page use the same default.
#include <filesystem>
#include <string>

namespace rankpo::workflows {

// `location`: a project file's path or a project URL (as ProjectStore::path() gives it). Throws rankpo::Error
// (Usage) for an in-memory project, or a URL project when neither XDG_DATA_HOME nor HOME is set.
std::filesystem::path defaultRunsDirectory(const std::string& location);

} // namespace rankpo::workflows
