#pragma once

#include <stdexcept>
#include <string>

namespace rankpo {

// What went wrong, in the terms the CLI maps to exit codes (0 ok, 1 data error, 2 usage error, 3 refused).
enum class ErrorKind {
    Data,   // bad input data: a malformed record, a corrupt project or checkpoint, a shape mismatch
    Usage,  // the caller asked for something impossible: unknown format, missing option, bad value
    Io,     // a file that cannot be opened, read or written
    Cancelled,
    Forbidden, // the person lacks the right (a shared project's team role, the server's privileges)
};

// The one exception type core and db throw across their boundary. The message carries the place
// (FILE:LINE, field, tensor name) so that whoever catches it can show it as is.
class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), m_kind(kind) {}
    ErrorKind kind() const noexcept { return m_kind; }

private:
    ErrorKind m_kind;
};

inline Error dataError(const std::string& message) { return Error(ErrorKind::Data, message); }
inline Error usageError(const std::string& message) { return Error(ErrorKind::Usage, message); }
inline Error ioError(const std::string& message) { return Error(ErrorKind::Io, message); }
inline Error forbiddenError(const std::string& message) { return Error(ErrorKind::Forbidden, message); }

} // namespace rankpo
