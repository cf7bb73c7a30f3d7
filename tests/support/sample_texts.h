#pragma once

// The distinct texts of the paper's sample in the order tests/reference/sample_texts.py enumerates them, and
// the FNV-1a 64 that golden files use to name a text without copying it.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace rankpo::test {

inline std::vector<std::string> sampleTexts()
{
    const std::string base = std::string(RANKPO_SHARED_DATA_DIR) + "/rankpo-sample/";
    std::vector<std::string> texts;
    std::set<std::string> seen;
    auto add = [&](const std::string& t) {
        if (seen.insert(t).second)
            texts.push_back(t);
    };
    auto rows = [&](const std::string& file) {
        std::ifstream in(base + file);
        if (!in)
            throw std::runtime_error("cannot open " + base + file);
        std::vector<nlohmann::json> out;
        std::string line;
        while (std::getline(in, line))
            if (line.find_first_not_of(" \t\r") != std::string::npos)
                out.push_back(nlohmann::json::parse(line));
        return out;
    };
    for (const auto& row : rows("annotated_pair_data-sample.jsonl")) {
        add(row.at("query"));
        add(row.at("passage1"));
        add(row.at("passage2"));
    }
    for (const auto& row : rows("train_data-sample.jsonl")) {
        add(row.at("query"));
        for (const auto& t : row.at("positives"))
            add(t);
        for (const auto& t : row.at("negatives"))
            add(t);
    }
    return texts;
}

inline std::string fnv1a64(const std::string& bytes)
{
    std::uint64_t h = 0xCBF29CE484222325ULL;
    for (unsigned char b : bytes)
        h = (h ^ b) * 0x100000001B3ULL;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

inline std::vector<nlohmann::json> readJsonLines(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot open " + path);
    std::vector<nlohmann::json> out;
    std::string line;
    while (std::getline(in, line))
        if (!line.empty())
            out.push_back(nlohmann::json::parse(line));
    return out;
}

} // namespace rankpo::test
