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
    std::string shown;    // the URL without its password: what messages and recent lists show
    std::string server;   // `shown` without the project: "no project NAME at SERVER"
};

// True for a server URL (postgresql:// or postgres://), whether or not this build can open one.
bool isServerLocation(const std::string& location);

// The location with any password left out (a file's path as it is).
std::string locationWithoutPassword(const std::string& location);

// The server project a location names; nullopt for a project file. Throws rankpo::Error (Usage) for a URL that
// names no project, or a project that is not an SQL identifier.
std::optional<ServerProject> serverProjectOf(const std::string& location);

// A server URL with another login role as its user (postgresql://alice@host/... -> postgresql://bob@host/...; any
// password goes with the old user): a teammate's view of the same project, for scripts and tests.
std::string locationAsUser(const std::string& location, const std::string& user);

} // namespace rankpo::db
