#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rankpo {

// Keeps secrets (the API key, secret-looking header values, a URL's password) out of everything the HTTP
// client hands back: error messages, and reply bodies, which a misbehaving server might use to echo a
// request header and which end up in the project as raw responses.
class SecretRedactor {
public:
    static constexpr std::string_view kMarker = "[redacted]";

    // Secrets shorter than 4 bytes are ignored: they would blank out ordinary text.
    void add(std::string_view secret);
    std::string redact(std::string_view text) const;
    bool empty() const { return m_secrets.empty(); }

    // Whether a header's value is a secret by its name: Authorization, Proxy-Authorization, Cookie, or any
    // name containing "key", "token", "secret", "auth" or "password" (case-insensitive).
    static bool isSecretHeader(std::string_view name);

private:
    std::vector<std::string> m_secrets; // longest first, so that a secret inside another goes with it
};

} // namespace rankpo
