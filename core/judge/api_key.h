#pragma once

#include <optional>
#include <string>

namespace rankpo {

// Where the judge's API key comes from: a key file (--api-key-file) when given, else an environment
// variable (--api-key-env, OPENAI_API_KEY by default). The key is held in memory only; it never goes
// into a project, a run record, a log or an error message.
struct ApiKeySource {
    std::string environmentVariable = "OPENAI_API_KEY";
    std::string keyFile; // empty: none
};

// The key, or nothing (no Authorization header is sent) when the variable is unset or empty and no
// file is given. A file's surrounding whitespace (the trailing newline of `echo KEY > file`) is dropped.
// Throws an io error naming the file when it cannot be read, a usage error when the file is empty or
// the key holds a control character (it would break the header); messages never quote the key.
std::optional<std::string> loadApiKey(const ApiKeySource& source);

} // namespace rankpo
