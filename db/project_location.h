#pragma once

// What other layers may know of where a project lives, without the store's internals: for a project on a server,
// the parts of its URL that name it (never the password). The runs folder of a server project is named after them.
#include <optional>
#include <string>

namespace rankpo::db {

struct ServerProject {
    std::string host;     // as written in the URL ("localhost" when none)
    std::string port;     // empty when the URL names none
    std::string database; // empty when the URL names none
    std::string project;  // the project's schema
};

// The server project a location names; nullopt for a project file. Throws rankpo::Error (Usage) for a URL that
// names no project, or a project that is not an SQL identifier.
std::optional<ServerProject> serverProjectOf(const std::string& location);

} // namespace rankpo::db
