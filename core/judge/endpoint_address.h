#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rankpo {

// An OpenAI-compatible endpoint's base URL ("https://api.openai.com/v1", "http://127.0.0.1:8080/v1"),
// taken apart for the decisions made before anything is sent: where requests go, whether the texts
// leave the machine (loopback or not) and whether they travel unencrypted.
struct EndpointAddress {
    std::string scheme; // "http" or "https", lower case
    std::string host;   // lower case; an IPv6 address without its brackets
    std::optional<int> port;
    std::string path;   // without a trailing slash: "/v1"
    bool hasUserInfo = false; // "user:password@" in the URL (kept out of every message)

    // Throws a usage error (naming the URL without user info or query) unless the URL is
    // http:// or https:// with a host.
    static EndpointAddress parse(std::string_view url);

    bool isLoopback() const;
    bool isPlainHttpToRemoteHost() const { return scheme == "http" && !isLoopback(); }
    // What to POST to: the base URL with "/chat/completions" (a URL that already ends so is kept).
    std::string chatCompletionsUrl() const;
    // scheme://host[:port]/path without user info or query: safe in messages and run records.
    std::string display() const;
    // Texts go out masked by default when they leave the machine.
    bool masksPersonalDetailsByDefault() const { return !isLoopback(); }

private:
    std::string m_userInfo; // for chatCompletionsUrl() only
    std::string m_query;
};

// 127.0.0.0/8, ::1 (any spelling, also [::1] and ::ffff:127.x.y.z), "localhost" and names under
// ".localhost" (RFC 6761 reserves them for loopback).
bool isLoopbackHost(std::string_view host);

// Warnings to show before a run: plain http:// to a host other than loopback (the texts, and the key
// when there is one, travel unencrypted); a path that does not end in /v1, where OpenAI-compatible
// servers serve the API.
std::vector<std::string> endpointWarnings(const EndpointAddress& endpoint);

} // namespace rankpo
