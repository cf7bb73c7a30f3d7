#include "core/judge/chat_completion_request.h"

#include "core/text/utf8_codec.h"

#include <nlohmann/json.hpp>

namespace rankpo {
namespace {

// JSON string escaping by runs: the messages are tens of kilobytes each and this is the per-request cost
// that an answer-at-once server exposes (nlohmann's byte-at-a-time writer took longer than libcurl
// needed to send the request). Non-ASCII stays raw UTF-8, as nlohmann writes it without ensure_ascii.
void appendEscaped(std::string& out, std::string_view s)
{
    static const char* hex = "0123456789abcdef";
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    out.append(s.data() + run, s.size() - run);
}

// A JSON string; each invalid UTF-8 byte becomes U+FFFD, so that a stored text with a bad byte is still sent.
void appendString(std::string& out, std::string_view s)
{
    out += '"';
    for (;;) {
        const std::size_t bad = findInvalidUtf8(s);
        if (bad == std::string_view::npos) {
            appendEscaped(out, s);
            break;
        }
        appendEscaped(out, s.substr(0, bad));
        out += "\xEF\xBF\xBD";
        s.remove_prefix(bad + 1);
    }
    out += '"';
}

} // namespace

std::string ChatCompletionRequest::toJson() const
{
    std::size_t size = 128 + model.size();
    for (const ChatMessage& m : messages)
        size += m.content.size() + m.content.size() / 16 + 32;
    std::string out;
    out.reserve(size);
    out += "{\"model\":";
    appendString(out, model);
    out += ",\"messages\":[";
    for (std::size_t i = 0; i < messages.size(); ++i) {
        out += i ? ",{\"role\":" : "{\"role\":";
        appendString(out, messages[i].role);
        out += ",\"content\":";
        appendString(out, messages[i].content);
        out += '}';
    }
    out += "],\"temperature\":";
    out += nlohmann::json(temperature).dump(); // shortest round-trip form, as nlohmann writes doubles
    out += ",\"max_tokens\":";
    out += std::to_string(maxTokens);
    out += '}';
    return out;
}

} // namespace rankpo
