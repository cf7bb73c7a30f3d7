#include "db/project_location.h"

#include "db/postgres/postgres_url.h"

namespace rankpo::db {

std::optional<ServerProject> serverProjectOf(const std::string& location)
{
    if (!isPostgresUrl(location))
        return std::nullopt;
    const PostgresUrl url = parsePostgresUrl(location);
    ServerProject out;
    out.project = url.project;
    out.shown = url.display;
    out.server = url.server;
    // scheme://[user@]host[:port][/db][?...] in the display form (the password left out).
    std::string rest = url.display.substr(url.display.find("://") + 3);
    rest = rest.substr(0, rest.find('?'));
    const auto slash = rest.find('/');
    std::string authority = rest.substr(0, slash);
    if (slash != std::string::npos)
        out.database = rest.substr(slash + 1);
    if (const auto at = authority.rfind('@'); at != std::string::npos)
        authority = authority.substr(at + 1);
    const auto colon = authority.rfind(':');
    if (colon != std::string::npos && authority.find(']', colon) == std::string::npos) { // not inside [ipv6]
        out.port = authority.substr(colon + 1);
        authority.resize(colon);
    }
    out.host = authority.empty() ? "localhost" : authority;
    return out;
}

bool isServerLocation(const std::string& location)
{
    return isPostgresUrl(location);
}

std::string locationWithoutPassword(const std::string& location)
{
    return withoutPassword(location); // the URL module's, which leaves anything but a URL as it is
}

std::string locationAsUser(const std::string& location, const std::string& user)
{
    const auto scheme = location.find("://");
    if (scheme == std::string::npos)
        return location;
    const auto begin = scheme + 3;
    const auto at = location.find('@', begin);
    const auto slash = location.find('/', begin);
    if (at == std::string::npos || at > slash) // no user named: add one
        return location.substr(0, begin) + user + "@" + location.substr(begin);
    return location.substr(0, begin) + user + location.substr(at);
}

} // namespace rankpo::db
