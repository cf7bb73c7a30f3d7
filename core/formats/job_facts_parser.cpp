#include "core/formats/job_facts_parser.h"

#include "core/util/trim.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace rankpo {
namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

struct Key {
    std::string_view prefix; // lower case
    std::string JobFacts::*field;
};

// Longer prefixes first, so "closing date for applications" wins over "closing date".
const std::array<Key, 17> kKeys = {{
    {"closing date for applications", &JobFacts::closingDate},
    {"application deadline", &JobFacts::closingDate},
    {"closing date", &JobFacts::closingDate},
    {"deadline", &JobFacts::closingDate},
    {"salary package", &JobFacts::salary},
    {"salary range", &JobFacts::salary},
    {"salary", &JobFacts::salary},
    {"contract type", &JobFacts::contract},
    {"employment type", &JobFacts::contract},
    {"contract", &JobFacts::contract},
    {"terms", &JobFacts::contract},
    {"location", &JobFacts::location},
    {"based in", &JobFacts::location},
    {"institution", &JobFacts::institution},
    {"employer", &JobFacts::institution},
    {"job title", &JobFacts::title},
    {"position title", &JobFacts::title},
}};

constexpr std::array<std::string_view, 26> kJobWords = {
    "lecturer", "professor", "postdoc", "post-doc", "post doctoral", "postdoctoral", "post-doctoral", "fellow",
    "researcher", "research", "scientist", "associate", "assistant", "engineer", "director", "phd", "student",
    "officer", "chair", "scholar", "manager", "head of", "dean", "technician", "analyst", "position"};

constexpr std::array<std::string_view, 8> kTrailingStopWords = {" and", " of", " in", " the", " for", " with", " to", " at"};
constexpr std::array<std::string_view, 18> kHeaderWords = {
    "job type", "hours", "contract", "salary", "closing", "location", "ref", "grade", "documents", "department",
    "faculty", "division", "tracking code", "job number", "the ", "we ", "a ", "an "};

bool endsWithStopWord(const std::string& l)
{
    return std::any_of(kTrailingStopWords.begin(), kTrailingStopWords.end(), [&](std::string_view w) {
        return l.size() >= w.size() && l.compare(l.size() - w.size(), w.size(), w) == 0;
    });
}

bool looksLikeTitle(std::string_view line)
{
    if (line.size() < 5 || line.size() > 120 || line.back() == '.' || line.back() == ':' || line.back() == ',')
        return false;
    const auto words = std::count(line.begin(), line.end(), ' ') + 1;
    if (words > 14)
        return false;
    const std::string l = lower(line);
    // Header lines ("Job Type Research") and prose ("The School invites ... for a") are not titles.
    if (std::any_of(kHeaderWords.begin(), kHeaderWords.end(), [&](std::string_view w) { return l.compare(0, w.size(), w) == 0; }))
        return false;
    if (endsWithStopWord(l))
        return false;
    return std::any_of(kJobWords.begin(), kJobWords.end(), [&](std::string_view w) { return l.find(w) != std::string::npos; });
}

// "…/listing/195505/postdoctoral-research-assistant-school-of-sport-an/" -> "Postdoctoral Research Assistant …"
std::string titleFromUrl(std::string_view url)
{
    while (!url.empty() && url.back() == '/')
        url.remove_suffix(1);
    const std::size_t slash = url.rfind('/');
    if (slash == std::string_view::npos)
        return {};
    std::string_view slug = url.substr(slash + 1);
    if (slug.find('-') == std::string_view::npos)
        return {};
    // Job boards cut slugs at 50 characters, usually mid-word: drop the cut word.
    if (slug.size() >= 50) {
        const std::size_t dash = slug.rfind('-');
        slug = slug.substr(0, dash);
    }
    std::string title;
    bool start = true;
    for (char c : slug) {
        if (c == '-') {
            title.push_back(' ');
            start = true;
        } else if (std::isalnum(static_cast<unsigned char>(c))) {
            title.push_back(start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
            start = false;
        } else {
            return {};
        }
    }
    std::string result(trim(title));
    // A cut slug can end on "... Biology And": drop dangling joining words.
    while (endsWithStopWord(lower(result))) {
        const std::size_t space = result.rfind(' ');
        result.resize(space);
    }
    return result;
}

} // namespace

JobFacts parseJobFacts(std::string_view text, std::string_view externalId)
{
    JobFacts facts;
    std::vector<std::string_view> lines;
    std::size_t pos = 0;
    while (pos < text.size() && lines.size() < 40) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos)
            eol = text.size();
        const std::string_view line = trim(text.substr(pos, eol - pos));
        if (!line.empty())
            lines.push_back(line);
        pos = eol + 1;
    }

    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string_view line = lines[i];
        if (line.size() > 200)
            continue; // prose, not a header line
        const std::string l = lower(line);
        for (const auto& key : kKeys) {
            if (l.compare(0, key.prefix.size(), key.prefix) != 0)
                continue;
            std::string_view rest = line.substr(key.prefix.size());
            // The key must end at a word boundary: "Contracts are..." is not "Contract".
            if (!rest.empty() && std::isalpha(static_cast<unsigned char>(rest.front())))
                continue;
            rest = trim(rest);
            // "Closing date for all posts: Thursday 28 April": the value follows a nearby colon.
            if (const std::size_t colon = rest.find(':'); colon != std::string_view::npos && colon < 30)
                rest = trim(rest.substr(colon + 1));
            if (rest.empty() && i + 1 < lines.size() && lines[i + 1].size() <= 120)
                rest = lines[i + 1]; // "Closing Date" / "24-Aug-2018"
            std::string& field = facts.*(key.field);
            if (field.empty() && !rest.empty() && rest.size() <= 160)
                field = std::string(rest);
            break;
        }
    }
    if (facts.title.empty()) {
        for (std::size_t i = 0; i < std::min<std::size_t>(lines.size(), 3); ++i) {
            if (looksLikeTitle(lines[i])) {
                facts.title = std::string(lines[i]);
                break;
            }
        }
    }
    if (facts.title.empty())
        facts.title = titleFromUrl(externalId);
    return facts;
}

} // namespace rankpo
