#pragma once

// Shared by the metric parity tests: reads the committed golden files of tests/reference/golden/.
#include <nlohmann/json.hpp>

#include <fstream>
#include <stdexcept>
#include <string>

namespace rankpo::test {

inline std::string goldenPath(const std::string& name)
{
    return std::string(RANKPO_SOURCE_DIR) + "/tests/reference/golden/" + name;
}

inline nlohmann::json readGoldenJson(const std::string& name)
{
    std::ifstream in(goldenPath(name));
    if (!in)
        throw std::runtime_error("cannot open golden file " + goldenPath(name));
    return nlohmann::json::parse(in);
}

} // namespace rankpo::test
