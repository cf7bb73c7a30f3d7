#pragma once

#include <filesystem>
#include <vector>

namespace rankpo {

// Where built-in models are looked up at run time (never downloaded), in this order:
//   1. $RANKPO_MODELS_DIR
//   2. <directory of the running executable>/../share/rankpo/models   (an installed package)
//   3. the checkout's .deps/models, where scripts/install-python-deps.sh puts them (a compile definition)
// Only folders that exist are returned.
std::vector<std::filesystem::path> builtinModelDirs();

} // namespace rankpo
