#pragma once

// Helpers shared by the tests: temporary files with given content, the sample's paths.
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <string>

namespace rankpo::test {

inline std::string sampleFile(const char* name)
{
    return std::string(RANKPO_SHARED_DATA_DIR) + "/rankpo-sample/" + name;
}

inline std::string writeFile(const QTemporaryDir& dir, const std::string& name, const std::string& content)
{
    const std::string path = dir.path().toStdString() + "/" + name;
    std::ofstream out(path, std::ios::binary);
    out << content;
    return path;
}

inline std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

} // namespace rankpo::test
