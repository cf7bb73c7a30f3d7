#pragma once

// A project on a PostgreSQL server is named by a URL:
//   postgresql://[user[:password]@]host[:port]/dbname?project=NAME[&sslmode=...]   (or postgres://)
// `project` is ours: the project's schema, removed before libpq sees the URL. The rest is libpq's, so its
// environment variables, service file and ~/.pgpass keep working. Parsing needs no libpq, so that a build without
// it can still tell a URL from a file name and refuse it clearly.
#include <string>
#include <string_view>

namespace rankpo::db {

struct PostgresUrl {
    std::string conninfo; // for libpq: the URL without `project`
    std::string project;  // the schema: an SQL identifier [a-z_][a-z0-9_]*
    std::string display;  // the URL without its password: what messages, location() and recent lists show
    std::string server;   // `display` without `project`: "no project NAME at SERVER"
};

// True for postgresql:// and postgres:// (the schemes libpq accepts).
bool isPostgresUrl(std::string_view location);

// The URL with any password (user:password@ or password=...) left out; other text is returned as is.
std::string withoutPassword(const std::string& url);

// Throws rankpo::Error (Usage) naming what is wrong: no project, a project that is not an identifier.
PostgresUrl parsePostgresUrl(const std::string& url);

} // namespace rankpo::db
