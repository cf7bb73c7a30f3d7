#pragma once

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>

namespace rankpo {

// Reads and parses a JSON file; errors name the file (and nlohmann's byte position for syntax errors).
nlohmann::json readJsonFile(const std::filesystem::path& path);
// Reads a whole file as bytes.
std::string readFileBytes(const std::filesystem::path& path);
// Writes bytes through a temporary file and a rename, so that a failed save never leaves half a file.
void writeFileAtomically(const std::filesystem::path& path, const std::string& bytes);
// The same for a body written in pieces (large files that should not be assembled in memory first).
void writeFileAtomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& writeBody);

} // namespace rankpo
