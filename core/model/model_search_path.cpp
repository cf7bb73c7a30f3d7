#include "core/model/model_search_path.h"

#include <cstdlib>
#include <system_error>

#ifndef RANKPO_DEV_MODELS_DIR
#define RANKPO_DEV_MODELS_DIR ""
#endif

namespace rankpo {

std::vector<std::filesystem::path> builtinModelDirs()
{
    namespace fs = std::filesystem;
    std::vector<fs::path> candidates;
    if (const char* env = std::getenv("RANKPO_MODELS_DIR"); env && *env)
        candidates.emplace_back(env);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec)
        candidates.push_back(exe.parent_path().parent_path() / "share" / "rankpo" / "models");
    if (*RANKPO_DEV_MODELS_DIR)
        candidates.emplace_back(RANKPO_DEV_MODELS_DIR);

    std::vector<fs::path> dirs;
    for (const auto& c : candidates)
        if (fs::is_directory(c, ec))
            dirs.push_back(c);
    return dirs;
}

} // namespace rankpo
