#include "core/demo/demo_phrases.h"

#include <stdexcept>

namespace rankpo::demo {
namespace {

// ASCII only, never <cctype>: the C library's classes follow the process locale, which a GUI sets,
// and the corpus must not depend on it.
bool isLower(char c) { return c >= 'a' && c <= 'z'; }
char toUpper(char c) { return isLower(c) ? static_cast<char>(c - 'a' + 'A') : c; }
char toLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool isSmallWord(std::string_view word)
{
    while (!word.empty() && (word.back() == ':' || word.back() == '?' || word.back() == ','))
        word.remove_suffix(1);
    static constexpr std::string_view kSmall[] = {"a", "an", "the", "and", "or", "of", "for", "in", "on", "to",
                                                  "with", "via", "by", "from", "at", "as", "but", "nor", "vs"};
    for (std::string_view small : kSmall)
        if (word == small)
            return true;
    return false;
}

bool isPlainLowerWord(std::string_view word)
{
    while (!word.empty() && (word.back() == ':' || word.back() == '?' || word.back() == ','))
        word.remove_suffix(1);
    for (char c : word) {
        if (!(isLower(c) || c == '\'' || static_cast<unsigned char>(c) >= 0x80))
            return false;
    }
    return !word.empty() && isLower(word[0]);
}

// Capitalises one hyphen-free word according to title rules.
std::string titleWord(std::string_view word, bool forceCapital)
{
    std::string out(word);
    if (isPlainLowerWord(word) && (forceCapital || !isSmallWord(word)))
        out[0] = toUpper(out[0]);
    return out;
}

} // namespace

std::string fillTemplate(std::string_view text, const Slots& slots)
{
    std::string out;
    out.reserve(text.size() + 64);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '{') {
            out += text[i];
            continue;
        }
        const std::size_t close = text.find('}', i);
        if (close == std::string_view::npos)
            throw std::logic_error("demo template: unclosed slot in \"" + std::string(text) + "\"");
        const std::string_view name = text.substr(i + 1, close - i - 1);
        bool found = false;
        for (const auto& slot : slots) {
            if (slot.first == name) {
                out += slot.second;
                found = true;
                break;
            }
        }
        if (!found)
            throw std::logic_error("demo template: no value for slot {" + std::string(name) + "}");
        i = close;
    }
    return out;
}

std::string titleCase(std::string_view text)
{
    std::string out;
    bool sentenceStart = true;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ') {
            out += ' ';
            ++i;
            continue;
        }
        std::size_t end = text.find(' ', i);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view word = text.substr(i, end - i);
        // Hyphenated compounds capitalise each part but small words: "Self-Supervised", "Cell-to-Cell".
        std::size_t partStart = 0;
        bool firstPart = true;
        while (partStart <= word.size()) {
            std::size_t hyphen = word.find('-', partStart);
            if (hyphen == std::string_view::npos)
                hyphen = word.size();
            out += titleWord(word.substr(partStart, hyphen - partStart), sentenceStart && firstPart);
            if (hyphen < word.size())
                out += '-';
            partStart = hyphen + 1;
            firstPart = false;
        }
        sentenceStart = !word.empty() && (word.back() == ':' || word.back() == '?');
        i = end;
    }
    return out;
}

std::string capitalised(std::string text)
{
    if (!text.empty())
        text[0] = toUpper(text[0]);
    return text;
}

std::string withoutLeadingThe(std::string_view text)
{
    if (text.substr(0, 4) == "the ")
        return std::string(text.substr(4));
    return std::string(text);
}

std::string withArticle(std::string_view noun)
{
    const char first = noun.empty() ? 'x' : toLower(noun[0]);
    const bool vowel = first == 'a' || first == 'e' || first == 'i' || first == 'o' || first == 'u';
    return std::string(vowel ? "an " : "a ") + std::string(noun);
}

std::string joined(const std::vector<std::string>& items, std::string_view separator)
{
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0)
            out += separator;
        out += items[i];
    }
    return out;
}

std::string formatDate(int day, int month, int year)
{
    auto two = [](int v) { return std::string(v < 10 ? "0" : "") + std::to_string(v); };
    return two(day) + "/" + two(month) + "/" + std::to_string(year);
}

} // namespace rankpo::demo
