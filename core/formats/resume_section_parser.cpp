#include "core/formats/resume_section_parser.h"

#include "core/formats/candidate_profile_parser.h"

#include <optional>

namespace rankpo {
namespace {

using Kind = ResumeSectionKind;

enum class Role { Head, Modifier, Connector };

struct Word {
    std::string_view text;
    Role role;
    Kind kind; // for heads
};

// The words headings are made of. Heads carry the kind; modifiers only qualify them ("Technical Skills").
constexpr Word kWords[] = {
    {"summary", Role::Head, Kind::Summary}, {"profile", Role::Head, Kind::Summary},
    {"objective", Role::Head, Kind::Summary}, {"objectives", Role::Head, Kind::Summary},
    {"overview", Role::Head, Kind::Summary}, {"statement", Role::Head, Kind::Summary},
    {"me", Role::Head, Kind::Summary}, {"about", Role::Modifier, Kind::Other},
    {"experience", Role::Head, Kind::Experience}, {"experiences", Role::Head, Kind::Experience},
    {"employment", Role::Head, Kind::Experience}, {"career", Role::Head, Kind::Experience},
    {"work", Role::Head, Kind::Experience}, {"positions", Role::Head, Kind::Experience},
    {"appointments", Role::Head, Kind::Experience}, {"internships", Role::Head, Kind::Experience},
    {"internship", Role::Head, Kind::Experience}, {"jobs", Role::Head, Kind::Experience},
    {"education", Role::Head, Kind::Education}, {"educational", Role::Head, Kind::Education},
    {"qualifications", Role::Head, Kind::Education}, {"qualification", Role::Head, Kind::Education},
    {"degrees", Role::Head, Kind::Education}, {"training", Role::Head, Kind::Education},
    {"skills", Role::Head, Kind::Skills}, {"skill", Role::Head, Kind::Skills},
    {"competencies", Role::Head, Kind::Skills}, {"competences", Role::Head, Kind::Skills},
    {"expertise", Role::Head, Kind::Skills}, {"technologies", Role::Head, Kind::Skills},
    {"abilities", Role::Head, Kind::Skills}, {"strengths", Role::Head, Kind::Skills},
    {"tools", Role::Head, Kind::Skills},
    {"publications", Role::Head, Kind::Publications}, {"publication", Role::Head, Kind::Publications},
    {"papers", Role::Head, Kind::Publications}, {"articles", Role::Head, Kind::Publications},
    {"books", Role::Head, Kind::Publications}, {"patents", Role::Head, Kind::Publications},
    {"presentations", Role::Head, Kind::Publications}, {"talks", Role::Head, Kind::Publications},
    {"posters", Role::Head, Kind::Publications}, {"bibliography", Role::Head, Kind::Publications},
    {"projects", Role::Head, Kind::Projects}, {"project", Role::Head, Kind::Projects},
    {"portfolio", Role::Head, Kind::Projects},
    {"certifications", Role::Head, Kind::Certifications}, {"certification", Role::Head, Kind::Certifications},
    {"certificates", Role::Head, Kind::Certifications}, {"licenses", Role::Head, Kind::Certifications},
    {"licences", Role::Head, Kind::Certifications}, {"accreditations", Role::Head, Kind::Certifications},
    {"credentials", Role::Head, Kind::Certifications},
    {"awards", Role::Head, Kind::Awards}, {"award", Role::Head, Kind::Awards}, {"honours", Role::Head, Kind::Awards},
    {"honors", Role::Head, Kind::Awards}, {"achievements", Role::Head, Kind::Awards},
    {"accomplishments", Role::Head, Kind::Awards}, {"prizes", Role::Head, Kind::Awards},
    {"scholarships", Role::Head, Kind::Awards}, {"fellowships", Role::Head, Kind::Awards},
    {"grants", Role::Head, Kind::Awards}, {"funding", Role::Head, Kind::Awards},
    {"distinctions", Role::Head, Kind::Awards},
    {"languages", Role::Head, Kind::Languages},
    {"interests", Role::Head, Kind::Interests}, {"hobbies", Role::Head, Kind::Interests},
    {"activities", Role::Head, Kind::Interests}, {"pursuits", Role::Head, Kind::Interests},
    {"references", Role::Head, Kind::References}, {"referees", Role::Head, Kind::References},
    {"contact", Role::Head, Kind::Contact}, {"contacts", Role::Head, Kind::Contact},
    {"personal", Role::Head, Kind::Contact},
    {"research", Role::Head, Kind::Research},
    {"teaching", Role::Head, Kind::Teaching}, {"supervision", Role::Head, Kind::Teaching},
    {"mentoring", Role::Head, Kind::Teaching}, {"mentorship", Role::Head, Kind::Teaching},
    {"service", Role::Head, Kind::Service}, {"leadership", Role::Head, Kind::Service},
    {"volunteering", Role::Head, Kind::Service}, {"volunteer", Role::Head, Kind::Service},
    {"memberships", Role::Head, Kind::Service}, {"membership", Role::Head, Kind::Service},
    {"affiliations", Role::Head, Kind::Service}, {"associations", Role::Head, Kind::Service},
    {"societies", Role::Head, Kind::Service}, {"outreach", Role::Head, Kind::Service},
    {"involvement", Role::Head, Kind::Service},
    {"information", Role::Head, Kind::Other}, {"details", Role::Head, Kind::Other},
    // Modifiers and words that close a heading without changing its kind.
    {"history", Role::Modifier, Kind::Other}, {"background", Role::Modifier, Kind::Other},
    {"record", Role::Modifier, Kind::Other}, {"highlights", Role::Modifier, Kind::Other},
    {"held", Role::Modifier, Kind::Other}, {"professional", Role::Modifier, Kind::Other},
    {"relevant", Role::Modifier, Kind::Other}, {"selected", Role::Modifier, Kind::Other},
    {"recent", Role::Modifier, Kind::Other}, {"technical", Role::Modifier, Kind::Other},
    {"core", Role::Modifier, Kind::Other}, {"key", Role::Modifier, Kind::Other},
    {"additional", Role::Modifier, Kind::Other}, {"other", Role::Modifier, Kind::Other},
    {"academic", Role::Modifier, Kind::Other}, {"industry", Role::Modifier, Kind::Other},
    {"industrial", Role::Modifier, Kind::Other}, {"computer", Role::Modifier, Kind::Other},
    {"computing", Role::Modifier, Kind::Other}, {"programming", Role::Modifier, Kind::Other},
    {"language", Role::Modifier, Kind::Other}, {"soft", Role::Modifier, Kind::Other},
    {"transferable", Role::Modifier, Kind::Other}, {"areas", Role::Modifier, Kind::Other},
    {"area", Role::Modifier, Kind::Other}, {"of", Role::Modifier, Kind::Other}, {"my", Role::Modifier, Kind::Other},
    {"invited", Role::Modifier, Kind::Other}, {"conference", Role::Modifier, Kind::Other},
    {"journal", Role::Modifier, Kind::Other}, {"peer", Role::Modifier, Kind::Other},
    {"reviewed", Role::Modifier, Kind::Other}, {"refereed", Role::Modifier, Kind::Other},
    {"clinical", Role::Modifier, Kind::Other}, {"international", Role::Modifier, Kind::Other},
    {"previous", Role::Modifier, Kind::Other}, {"military", Role::Modifier, Kind::Other},
    {"community", Role::Modifier, Kind::Other}, {"extracurricular", Role::Modifier, Kind::Other},
    {"extra", Role::Modifier, Kind::Other}, {"curricular", Role::Modifier, Kind::Other},
    {"university", Role::Modifier, Kind::Other}, {"graduate", Role::Modifier, Kind::Other},
    {"postgraduate", Role::Modifier, Kind::Other}, {"postdoctoral", Role::Modifier, Kind::Other},
    {"doctoral", Role::Modifier, Kind::Other}, {"scientific", Role::Modifier, Kind::Other},
    {"software", Role::Modifier, Kind::Other}, {"digital", Role::Modifier, Kind::Other},
    {"management", Role::Modifier, Kind::Other}, {"further", Role::Modifier, Kind::Other},
    {"main", Role::Modifier, Kind::Other}, {"notable", Role::Modifier, Kind::Other},
    {"practical", Role::Modifier, Kind::Other}, {"laboratory", Role::Modifier, Kind::Other},
    {"lab", Role::Modifier, Kind::Other}, {"field", Role::Modifier, Kind::Other},
    {"related", Role::Modifier, Kind::Other}, {"specialist", Role::Modifier, Kind::Other},
    {"honorary", Role::Modifier, Kind::Other}, {"editorial", Role::Modifier, Kind::Other},
    {"and", Role::Connector, Kind::Other}, {"&", Role::Connector, Kind::Other},
    {"/", Role::Connector, Kind::Other}, {",", Role::Connector, Kind::Other}, {"+", Role::Connector, Kind::Other},
};

constexpr std::size_t kMaxHeadingBytes = 60;
constexpr std::size_t kMaxHeadingWords = 6;

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
bool isUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }
bool isLowerAscii(char c) { return c >= 'a' && c <= 'z'; }

std::string_view trim(std::string_view s)
{
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

const Word* lookup(std::string_view lowered)
{
    for (const Word& w : kWords)
        if (w.text == lowered)
            return &w;
    return nullptr;
}

// A heading line without its decoration: "## Skills ##", "**Skills:**", "Skills:".
struct Stripped {
    std::string_view text;
    bool markdown = false; // a '#' heading
};

Stripped stripDecoration(std::string_view line)
{
    Stripped s;
    std::string_view t = trim(line);
    std::size_t hashes = 0;
    while (hashes < t.size() && t[hashes] == '#')
        ++hashes;
    if (hashes >= 1 && hashes <= 6 && (hashes == t.size() || isSpace(t[hashes]))) {
        s.markdown = true;
        t = trim(t.substr(hashes));
        while (!t.empty() && t.back() == '#')
            t.remove_suffix(1);
        t = trim(t);
    }
    for (std::string_view mark : {"**", "__", "*", "_"}) {
        if (t.size() > 2 * mark.size() && t.substr(0, mark.size()) == mark && t.substr(t.size() - mark.size()) == mark) {
            t = trim(t.substr(mark.size(), t.size() - 2 * mark.size()));
            break;
        }
    }
    if (!t.empty() && t.back() == ':')
        t = trim(t.substr(0, t.size() - 1));
    // "**Skills:**" has its colon inside the bold.
    for (std::string_view mark : {"**", "__"}) {
        if (t.size() > 2 * mark.size() && t.substr(0, mark.size()) == mark && t.substr(t.size() - mark.size()) == mark) {
            t = trim(t.substr(mark.size(), t.size() - 2 * mark.size()));
            if (!t.empty() && t.back() == ':')
                t = trim(t.substr(0, t.size() - 1));
            break;
        }
    }
    s.text = t;
    return s;
}

// Letters (any script), spaces and the joining signs a heading may have; no digits, no sentence punctuation.
bool hasHeadingCharacters(std::string_view t)
{
    if (t.empty() || t.size() > kMaxHeadingBytes)
        return false;
    bool letter = false;
    for (char c : t) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80 || isUpperAscii(c) || isLowerAscii(c))
            letter = true;
        else if (!(c == ' ' || c == '\t' || c == '&' || c == '/' || c == ',' || c == '+' || c == '-' || c == '\''))
            return false;
    }
    return letter;
}

// The kind of a heading whose words are all heading words, or nullopt.
std::optional<Kind> knownHeadingKind(std::string_view t)
{
    std::vector<const Word*> words;
    std::string token;
    auto flush = [&]() -> bool {
        if (token.empty())
            return true;
        const Word* w = lookup(token);
        token.clear();
        if (!w)
            return false;
        words.push_back(w);
        return true;
    };
    for (char c : t) {
        if (c == ' ' || c == '\t' || c == '-') {
            if (!flush())
                return std::nullopt;
        } else if (c == '&' || c == '/' || c == ',' || c == '+') {
            if (!flush())
                return std::nullopt;
            token.push_back(c);
            if (!flush())
                return std::nullopt;
        } else if (c == '\'') {
            // "Master's" is no heading word; apostrophes only pass inside unknown ALL-CAPS headings.
            return std::nullopt;
        } else {
            token.push_back(static_cast<char>(isUpperAscii(c) ? c - 'A' + 'a' : c));
        }
    }
    if (!flush() || words.empty() || words.size() > kMaxHeadingWords + 2 || words.front()->role == Role::Connector)
        return std::nullopt;
    std::size_t real = 0;
    for (const Word* w : words)
        real += w->role != Role::Connector;
    if (real > kMaxHeadingWords)
        return std::nullopt;
    // The first part's last head with a kind decides; a part of only "Information"/"Details" is Other.
    std::optional<Kind> firstPart, anyHead;
    bool inFirstPart = true, sawHead = false;
    for (const Word* w : words) {
        if (w->role == Role::Connector) {
            inFirstPart = false;
            continue;
        }
        if (w->role != Role::Head)
            continue;
        sawHead = true;
        if (w->kind == Kind::Other)
            continue;
        if (inFirstPart)
            firstPart = w->kind;
        else if (!anyHead)
            anyHead = w->kind;
    }
    if (!sawHead)
        return std::nullopt;
    if (firstPart)
        return firstPart;
    if (anyHead)
        return anyHead;
    return Kind::Other;
}

bool isAllCapsLabel(std::string_view t)
{
    if (!hasHeadingCharacters(t))
        return false;
    std::size_t upper = 0, words = 1;
    for (char c : t) {
        if (isLowerAscii(c))
            return false;
        upper += isUpperAscii(c);
        words += c == ' ';
    }
    return upper >= 3 && words <= 5;
}

bool isUnderline(std::string_view line)
{
    line = trim(line);
    if (line.size() < 3)
        return false;
    const char c = line.front();
    if (c != '=' && c != '-')
        return false;
    for (char d : line)
        if (d != c)
            return false;
    return true;
}

struct Line {
    std::size_t begin, end; // [begin, end) without the line end
};

std::pair<std::size_t, std::size_t> trimmedRange(std::string_view text, std::size_t begin, std::size_t end)
{
    while (begin < end && (isSpace(text[begin]) || text[begin] == '\n'))
        ++begin;
    while (end > begin && (isSpace(text[end - 1]) || text[end - 1] == '\n'))
        --end;
    return {begin, end};
}

} // namespace

std::string_view resumeSectionKindName(ResumeSectionKind kind)
{
    switch (kind) {
    case Kind::Summary: return "summary";
    case Kind::Experience: return "experience";
    case Kind::Education: return "education";
    case Kind::Skills: return "skills";
    case Kind::Publications: return "publications";
    case Kind::Projects: return "projects";
    case Kind::Certifications: return "certifications";
    case Kind::Awards: return "awards";
    case Kind::Languages: return "languages";
    case Kind::Interests: return "interests";
    case Kind::References: return "references";
    case Kind::Contact: return "contact";
    case Kind::Research: return "research";
    case Kind::Teaching: return "teaching";
    case Kind::Service: return "service";
    case Kind::Other: return "other";
    }
    return "other";
}

ResumeSections parseResumeSections(std::string_view text)
{
    ResumeSections result;
    if ((text.find("<keyword>") != std::string_view::npos || text.find("<title>") != std::string_view::npos
         || text.find("<abstract>") != std::string_view::npos)
        && parseCandidateProfile(text).tagged())
        return result;

    std::vector<Line> lines;
    for (std::size_t pos = 0; pos <= text.size();) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos)
            eol = text.size();
        lines.push_back({pos, eol});
        pos = eol + 1;
    }

    struct Heading {
        std::size_t line;
        std::size_t bodyLine; // the first line of the body (after an underline)
        std::string text;
        Kind kind;
    };
    std::vector<Heading> headings;
    bool previousBlank = true;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string_view raw = text.substr(lines[i].begin, lines[i].end - lines[i].begin);
        const std::string_view line = trim(raw);
        const bool blank = line.empty();
        if (!blank && !isUnderline(line)) {
            const Stripped s = stripDecoration(line);
            const bool underlined = i + 1 < lines.size()
                && isUnderline(text.substr(lines[i + 1].begin, lines[i + 1].end - lines[i + 1].begin));
            std::optional<Kind> kind;
            if (hasHeadingCharacters(s.text))
                kind = knownHeadingKind(s.text);
            // Headings known by their form only count once a known heading has shown this is a sectioned
            // résumé: before it, "# Jane Doe" or "JANE DOE" is the name.
            if (!kind && !headings.empty() && hasHeadingCharacters(s.text)
                && (s.markdown || underlined || (previousBlank && isAllCapsLabel(s.text))))
                kind = Kind::Other;
            if (kind) {
                headings.push_back({i, underlined ? i + 2 : i + 1, std::string(s.text), *kind});
                if (underlined)
                    ++i;
                previousBlank = false;
                continue;
            }
        }
        previousBlank = blank;
    }
    if (headings.empty())
        return result;

    auto [pb, pe] = trimmedRange(text, 0, lines[headings.front().line].begin);
    result.preambleOffset = pb;
    result.preambleEnd = pe;
    result.preamble = std::string(text.substr(pb, pe - pb));
    for (std::size_t h = 0; h < headings.size(); ++h) {
        ResumeSection section;
        section.heading = headings[h].text;
        section.kind = headings[h].kind;
        section.headingOffset = lines[headings[h].line].begin + (text.substr(lines[headings[h].line].begin).find_first_not_of(" \t\r\f\v"));
        const std::size_t bodyStart = headings[h].bodyLine < lines.size() ? lines[headings[h].bodyLine].begin : text.size();
        const std::size_t bodyStop = h + 1 < headings.size() ? lines[headings[h + 1].line].begin : text.size();
        const auto [bb, be] = trimmedRange(text, std::min(bodyStart, bodyStop), bodyStop);
        section.bodyOffset = bb;
        section.bodyEnd = be;
        section.body = std::string(text.substr(bb, be - bb));
        result.sections.push_back(std::move(section));
    }
    return result;
}

} // namespace rankpo
