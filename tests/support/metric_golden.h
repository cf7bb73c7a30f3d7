#pragma once

// Shared by the metric parity tests: reads the committed golden files of tests/reference/golden/.
#include "tests/support/reference_data.h"

#include <string>

namespace rankpo::test {

inline std::string goldenPath(const std::string& name)
{
    return std::string(RANKPO_SOURCE_DIR) + "/tests/reference/golden/" + name;
}

inline nlohmann::json readGoldenJson(const std::string& name)
{
    return readJsonFile(goldenPath(name));
}

} // namespace rankpo::test
