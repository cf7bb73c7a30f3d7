#include "core/judge/api_key.h"

#include "core/util/error.h"

#include <cstdlib>
#include <fstream>
#include <iterator>

namespace rankpo {
namespace {

std::string trimmed(const std::string& s)
{
    const auto begin = s.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos)
        return {};
    const auto end = s.find_last_not_of(" \t\r\n");
    return s.substr(begin, end - begin + 1);
}

void checkKey(const std::string& key, const std::string& origin)
{
    for (unsigned char c : key)
        if (c < 0x20 || c == 0x7f)
            throw usageError("the API key from " + origin + " contains a control character or a line break");
}

} // namespace

std::optional<std::string> loadApiKey(const ApiKeySource& source)
{
    if (!source.keyFile.empty()) {
        std::ifstream in(source.keyFile, std::ios::binary);
        if (!in)
            throw ioError("cannot read the API key file " + source.keyFile);
        const std::string key = trimmed(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
        if (in.bad())
            throw ioError("cannot read the API key file " + source.keyFile);
        if (key.empty())
            throw usageError("the API key file " + source.keyFile + " is empty");
        checkKey(key, "the file " + source.keyFile);
        return key;
    }
    if (source.environmentVariable.empty())
        return std::nullopt;
    const char* value = std::getenv(source.environmentVariable.c_str());
    if (!value)
        return std::nullopt;
    const std::string key = trimmed(value);
    if (key.empty())
        return std::nullopt;
    checkKey(key, "the environment variable " + source.environmentVariable);
    return key;
}

} // namespace rankpo
