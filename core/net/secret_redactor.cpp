#include "core/net/secret_redactor.h"

#include <algorithm>
#include <cctype>

namespace rankpo {

void SecretRedactor::add(std::string_view secret)
{
    if (secret.size() < 4)
        return;
    if (std::find(m_secrets.begin(), m_secrets.end(), secret) != m_secrets.end())
        return;
    m_secrets.emplace_back(secret);
    std::sort(m_secrets.begin(), m_secrets.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string SecretRedactor::redact(std::string_view text) const
{
    std::string out(text);
    for (const std::string& secret : m_secrets) {
        for (std::size_t pos = out.find(secret); pos != std::string::npos; pos = out.find(secret, pos + kMarker.size()))
            out.replace(pos, secret.size(), kMarker);
    }
    return out;
}

bool SecretRedactor::isSecretHeader(std::string_view name)
{
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "authorization" || lower == "proxy-authorization" || lower == "cookie")
        return true;
    for (const char* part : {"key", "token", "secret", "auth", "password"})
        if (lower.find(part) != std::string::npos)
            return true;
    return false;
}

} // namespace rankpo
