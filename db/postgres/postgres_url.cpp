#include "db/postgres/postgres_url.h"

#include "core/util/error.h"

#include <vector>

namespace rankpo::db {
namespace {

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::string percentDecoded(std::string_view s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            const int hi = hexValue(s[i + 1]);
            const int lo = hexValue(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

// The URL split where libpq splits it: scheme://authority/path?query.
struct UrlParts {
    std::string scheme;    // "postgresql://"
    std::string userinfo;  // before the last '@' of the authority, without it ("" when none)
    std::string hostAndPath;
    std::vector<std::string> query; // "key=value" items
};

UrlParts split(const std::string& url)
{
    UrlParts p;
    const std::size_t schemeEnd = url.find("://") + 3;
    p.scheme = url.substr(0, schemeEnd);
    std::string rest = url.substr(schemeEnd);
    std::string query;
    if (const std::size_t q = rest.find('?'); q != std::string::npos) {
        query = rest.substr(q + 1);
        rest.resize(q);
    }
    const std::size_t slash = rest.find('/');
    const std::size_t at = rest.rfind('@', slash == std::string::npos ? std::string::npos : slash);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
        p.userinfo = rest.substr(0, at);
        rest = rest.substr(at + 1);
    }
    p.hostAndPath = rest;
    std::size_t begin = 0;
    while (begin < query.size()) {
        std::size_t end = query.find('&', begin);
        if (end == std::string::npos)
            end = query.size();
        if (end > begin)
            p.query.push_back(query.substr(begin, end - begin));
        begin = end + 1;
    }
    return p;
}

std::string joined(const UrlParts& p, const std::string& userinfo, const std::vector<std::string>& query)
{
    std::string out = p.scheme;
    if (!userinfo.empty())
        out += userinfo + "@";
    out += p.hostAndPath;
    for (std::size_t i = 0; i < query.size(); ++i)
        out += (i == 0 ? "?" : "&") + query[i];
    return out;
}

std::string keyOf(const std::string& item)
{
    return item.substr(0, item.find('='));
}

std::string valueOf(const std::string& item)
{
    const std::size_t eq = item.find('=');
    return eq == std::string::npos ? std::string() : item.substr(eq + 1);
}

bool isIdentifier(const std::string& name)
{
    if (name.empty() || name.size() > 63 || (name[0] >= '0' && name[0] <= '9'))
        return false;
    for (char c : name) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

} // namespace

bool isPostgresUrl(std::string_view location)
{
    return startsWith(location, "postgresql://") || startsWith(location, "postgres://");
}

std::string withoutPassword(const std::string& url)
{
    if (!isPostgresUrl(url))
        return url;
    const UrlParts p = split(url);
    std::vector<std::string> query;
    for (const auto& item : p.query) {
        if (keyOf(item) != "password")
            query.push_back(item);
    }
    return joined(p, p.userinfo.substr(0, p.userinfo.find(':')), query);
}

PostgresUrl parsePostgresUrl(const std::string& url)
{
    if (!isPostgresUrl(url))
        throw usageError(url + ": not a PostgreSQL URL (postgresql://[user@]host[:port]/dbname?project=NAME)");
    const UrlParts p = split(url);
    const std::string user = p.userinfo.substr(0, p.userinfo.find(':'));
    std::vector<std::string> forLibpq, shown, server;
    std::string project;
    bool hasProject = false;
    for (const auto& item : p.query) {
        const std::string key = keyOf(item);
        if (key == "project") {
            if (hasProject)
                throw usageError(withoutPassword(url) + ": the URL names `project` twice");
            hasProject = true;
            project = percentDecoded(valueOf(item));
            shown.push_back(item);
            continue;
        }
        forLibpq.push_back(item);
        if (key != "password") {
            shown.push_back(item);
            server.push_back(item);
        }
    }
    PostgresUrl out;
    out.display = joined(p, user, shown);
    out.server = joined(p, user, server);
    if (!hasProject || project.empty())
        throw usageError(out.display + ": the URL names no project (add ?project=NAME, NAME an SQL identifier)");
    if (!isIdentifier(project))
        throw usageError(out.display + ": project '" + project
                         + "' is not an SQL identifier (lower-case letters, digits and _, not starting with a digit, "
                           "at most 63 characters)");
    out.project = project;
    out.conninfo = joined(p, p.userinfo, forLibpq);
    return out;
}

} // namespace rankpo::db
