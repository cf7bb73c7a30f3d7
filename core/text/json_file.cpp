#include "core/text/json_file.h"

#include "core/util/error.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace rankpo {

std::string readFileBytes(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ioError(path.string() + ": cannot open for reading");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad())
        throw ioError(path.string() + ": read failed");
    return std::move(buffer).str();
}

nlohmann::json readJsonFile(const std::filesystem::path& path)
{
    const std::string bytes = readFileBytes(path);
    try {
        return nlohmann::json::parse(bytes);
    } catch (const nlohmann::json::exception& e) {
        throw dataError(path.string() + ": invalid JSON: " + e.what());
    }
}

void writeFileAtomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& writeBody)
{
    const std::filesystem::path tmp = path.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            throw ioError(tmp.string() + ": cannot open for writing");
        writeBody(out);
        out.flush();
        if (!out) {
            out.close();
            std::error_code ignored;
            std::filesystem::remove(tmp, ignored);
            throw ioError(tmp.string() + ": write failed");
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        throw ioError(path.string() + ": cannot replace: " + ec.message());
    }
}

void writeFileAtomically(const std::filesystem::path& path, const std::string& bytes)
{
    writeFileAtomically(path, [&](std::ostream& out) { out.write(bytes.data(), std::streamsize(bytes.size())); });
}

} // namespace rankpo
