#include "core/judge/endpoint_address.h"

#include "core/util/error.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace rankpo {
namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The URL as it may appear in an error message: no user info, no query.
std::string safeForMessage(std::string_view url)
{
    std::string_view rest = url;
    std::string out;
    if (const auto scheme = rest.find("://"); scheme != std::string_view::npos) {
        out = std::string(rest.substr(0, scheme + 3));
        rest.remove_prefix(scheme + 3);
    }
    const auto authorityEnd = rest.find_first_of("/?#");
    const std::string_view authority = rest.substr(0, authorityEnd);
    const auto at = authority.rfind('@');
    out += at == std::string_view::npos ? authority : authority.substr(at + 1);
    if (authorityEnd != std::string_view::npos) {
        const std::string_view tail = rest.substr(authorityEnd);
        out += tail.substr(0, tail.find_first_of("?#"));
    }
    return out;
}

} // namespace

EndpointAddress EndpointAddress::parse(std::string_view url)
{
    const std::string shown = safeForMessage(url);
    auto fail = [&](const std::string& why) { return usageError("endpoint '" + shown + "': " + why); };
    for (unsigned char c : url)
        if (c <= 0x20 || c == 0x7f)
            throw fail("the URL contains a space or a control character");
    const auto schemeEnd = url.find("://");
    if (schemeEnd == std::string_view::npos)
        throw fail("expected a URL that starts with http:// or https:// (e.g. http://127.0.0.1:8080/v1)");
    EndpointAddress out;
    out.scheme = lower(url.substr(0, schemeEnd));
    if (out.scheme != "http" && out.scheme != "https")
        throw fail("the scheme must be http or https, not " + out.scheme);
    std::string_view rest = url.substr(schemeEnd + 3);
    const auto fragment = rest.find('#');
    if (fragment != std::string_view::npos)
        rest = rest.substr(0, fragment);
    const auto query = rest.find('?');
    if (query != std::string_view::npos) {
        out.m_query = std::string(rest.substr(query));
        rest = rest.substr(0, query);
    }
    const auto slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    std::string_view path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
        out.hasUserInfo = true;
        out.m_userInfo = std::string(authority.substr(0, at + 1));
        authority.remove_prefix(at + 1);
    }
    std::string_view portText;
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos)
            throw fail("an IPv6 address without its closing ']'");
        out.host = lower(authority.substr(1, close - 1));
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':')
                throw fail("unexpected text after the IPv6 address");
            portText = after.substr(1);
        }
    } else {
        const auto colon = authority.rfind(':');
        out.host = lower(authority.substr(0, colon));
        if (colon != std::string_view::npos)
            portText = authority.substr(colon + 1);
    }
    if (out.host.empty())
        throw fail("the URL has no host");
    if (!portText.empty()) {
        int port = 0;
        for (char c : portText) {
            if (!std::isdigit(static_cast<unsigned char>(c)) || port > 65535)
                throw fail("the port must be a number from 1 to 65535");
            port = port * 10 + (c - '0');
        }
        if (port < 1 || port > 65535)
            throw fail("the port must be a number from 1 to 65535");
        out.port = port;
    }
    while (!path.empty() && path.back() == '/')
        path.remove_suffix(1);
    out.path = std::string(path);
    return out;
}

std::string EndpointAddress::display() const
{
    std::string out = scheme + "://";
    out += host.find(':') != std::string::npos ? "[" + host + "]" : host;
    if (port)
        out += ":" + std::to_string(*port);
    return out + path;
}

std::string EndpointAddress::chatCompletionsUrl() const
{
    std::string out = scheme + "://" + m_userInfo;
    out += host.find(':') != std::string::npos ? "[" + host + "]" : host;
    if (port)
        out += ":" + std::to_string(*port);
    out += path;
    if (!endsWith(path, "/chat/completions"))
        out += "/chat/completions";
    return out + m_query;
}

bool EndpointAddress::isLoopback() const
{
    return isLoopbackHost(host);
}

bool isLoopbackHost(std::string_view hostView)
{
    std::string host = lower(hostView);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    if (!host.empty() && host.back() == '.') // "localhost." is the same name
        host.pop_back();
    if (host == "localhost" || endsWith(host, ".localhost"))
        return true;
    in_addr v4{};
    if (inet_pton(AF_INET, host.c_str(), &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) {
        static const std::uint8_t loopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        if (std::memcmp(v6.s6_addr, loopback, 16) == 0)
            return true;
        static const std::uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        return std::memcmp(v6.s6_addr, mapped, 12) == 0 && v6.s6_addr[12] == 127;
    }
    return false;
}

std::vector<std::string> endpointWarnings(const EndpointAddress& endpoint)
{
    std::vector<std::string> out;
    if (endpoint.isPlainHttpToRemoteHost())
        out.push_back("plain http:// to " + endpoint.host +
                      ", which is not this machine: the texts and the API key travel unencrypted (use https://)");
    if (!endsWith(endpoint.path, "/v1") && !endsWith(endpoint.path, "/chat/completions"))
        out.push_back("the endpoint's path '" + (endpoint.path.empty() ? std::string("/") : endpoint.path) +
                      "' does not end in /v1, where OpenAI-compatible servers serve the API");
    return out;
}

} // namespace rankpo
