#include "core/text/personal_details_masker.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <functional>
#include <stdexcept>
#include <vector>

namespace rankpo {
namespace {

// One compiled pattern. The options mirror QRegularExpression's: it always compiles with PCRE2_UTF,
// adds PCRE2_CASELESS for CaseInsensitiveOption and PCRE2_UCP for UseUnicodePropertiesOption (without
// it \w, \d, \s and \b are ASCII only, which the patterns rely on).
class Regex {
public:
    Regex(std::string_view pattern, std::uint32_t options)
    {
        int error = 0;
        PCRE2_SIZE offset = 0;
        m_code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                               PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | options, &error, &offset, nullptr);
        if (!m_code) {
            PCRE2_UCHAR message[256];
            pcre2_get_error_message(error, message, sizeof message);
            throw std::logic_error("masking pattern does not compile at " + std::to_string(offset) + ": " +
                                   reinterpret_cast<const char*>(message));
        }
        pcre2_jit_compile(m_code, PCRE2_JIT_COMPLETE); // when JIT is unavailable, matching interprets
    }
    ~Regex() { pcre2_code_free(m_code); }
    Regex(const Regex&) = delete;
    Regex& operator=(const Regex&) = delete;

    struct Match {
        std::size_t start = 0;
        std::size_t end = 0;
        std::vector<std::pair<std::size_t, std::size_t>> groups; // [0] is the whole match; unset: npos
        std::string_view group(std::string_view subject, int i) const
        {
            const auto [s, e] = groups[static_cast<std::size_t>(i)];
            return s == PCRE2_UNSET ? std::string_view() : subject.substr(s, e - s);
        }
    };

    // The first match at or after `from`, seeing the text before `from` (lookbehinds), as
    // QRegularExpression's globalMatch does.
    bool find(std::string_view subject, std::size_t from, Match& m) const
    {
        pcre2_match_data* data = pcre2_match_data_create_from_pattern(m_code, nullptr);
        const int rc = pcre2_match(m_code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), from, 0, data, nullptr);
        const bool found = rc > 0;
        if (found) {
            const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(data);
            const std::uint32_t pairs = pcre2_get_ovector_count(data);
            m.groups.assign(pairs, {PCRE2_UNSET, PCRE2_UNSET});
            for (std::uint32_t i = 0; i < pairs && i < static_cast<std::uint32_t>(rc); ++i)
                m.groups[i] = {ov[2 * i], ov[2 * i + 1]};
            m.start = ov[0];
            m.end = ov[1];
        }
        pcre2_match_data_free(data);
        return found;
    }

    bool matches(std::string_view subject) const
    {
        Match m;
        return find(subject, 0, m);
    }

private:
    pcre2_code* m_code = nullptr;
};

using Replacer = std::function<std::string(std::string_view subject, const Regex::Match&)>;

std::string replaceAll(std::string_view text, const Regex& re, const Replacer& replace)
{
    std::string out;
    std::size_t last = 0;
    Regex::Match m;
    std::size_t from = 0;
    while (from <= text.size() && re.find(text, from, m)) {
        out += text.substr(last, m.start - last);
        out += replace(text, m);
        last = m.end;
        // None of the patterns matches the empty string; step past one anyway rather than loop.
        from = m.end > m.start ? m.end : m.end + 1;
    }
    out += text.substr(std::min(last, text.size()));
    return out;
}

bool isContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The up to 16 UTF-16 code units before `pos` (Qt's text.mid(start - 16, 16) on a QString).
std::string_view sixteenUnitsBefore(std::string_view text, std::size_t pos)
{
    std::size_t begin = pos;
    int units = 0;
    while (begin > 0) {
        std::size_t lead = begin - 1;
        while (lead > 0 && isContinuation(text[lead]))
            --lead;
        const int width = (static_cast<unsigned char>(text[lead]) >= 0xF0) ? 2 : 1; // astral: a surrogate pair
        if (units + width > 16)
            break;
        units += width;
        begin = lead;
    }
    return text.substr(begin, pos - begin);
}

} // namespace

struct PersonalDetailsMasker::Patterns {
    Regex url{R"((?:\b(?:https?|ftp)://|\bwww\.)[^\s<>"]+)", PCRE2_CASELESS};
    Regex email{R"([\w.+-]+@[\w-]+(?:\.[\w-]+)+)", PCRE2_UCP};
    // Candidates only: phoneShaped() decides.
    Regex phone{R"((?<![\w/.,])(\+\s?)?(\(\d{1,4}\)\s?)?\d(?:[ .\-]?\(?\d\)?){6,}(?![\w/]))", 0};
    Regex phoneLabelBefore{R"((?:tel|telephone|phone|mobile|fax|call)\.?\s*:?\s*$)", PCRE2_CASELESS};
    Regex contactLine{R"(contact|enquir|inquir|questions|informal discussion|directed to|addressed to|sent to|e-?mail|\btel\b|telephone|phone)",
                      PCRE2_CASELESS};
    Regex honorificName{R"(\b(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Mx)\.?(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}'’\-]+)){1,4})", PCRE2_UCP};
    // "contact Tom Mordue", "Enquiries: Jane Smith": two or three capitalised words after a contact cue.
    Regex cuedName{R"(((?i:contact|enquiries|enquiries to|to|with|from)\s*:?\s+)(\p{Lu}[\p{Ll}'’\-]+(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}'’\-]+)){1,2}))",
                   PCRE2_UCP};
    // Capitalised words after a cue that name a role or an office, not a person.
    Regex office{R"(\b(?:Professor|Lecturer|Assistant|Associate|Senior|Department|School|University|Office|Human|)"
                 R"(Resources|Team|Faculty|Institute|College|Centre|Center|Director|Manager|Head|Recruitment|Services)\b)",
                 0};

    bool phoneShaped(std::string_view text, const Regex::Match& m) const
    {
        const std::string_view s = text.substr(m.start, m.end - m.start);
        int digits = 0, hyphens = 0, dots = 0;
        for (char c : s) {
            digits += (c >= '0' && c <= '9') ? 1 : 0;
            hyphens += c == '-' ? 1 : 0;
            dots += c == '.' ? 1 : 0;
        }
        if (digits < 8 || digits > 15)
            return false;
        if (s.front() == '+' || s.front() == '(' || s.front() == '0' || hyphens >= 2 || dots >= 2)
            return true;
        return phoneLabelBefore.matches(sixteenUnitsBefore(text, m.start));
    }

    std::string maskNamesInContactLine(std::string_view line) const
    {
        if (!contactLine.matches(line))
            return std::string(line);
        const std::string out = replaceAll(line, honorificName, [](std::string_view, const Regex::Match&) { return std::string("[name]"); });
        return replaceAll(out, cuedName, [this](std::string_view subject, const Regex::Match& m) {
            if (office.matches(m.group(subject, 2)))
                return std::string(m.group(subject, 0));
            return std::string(m.group(subject, 1)) + "[name]";
        });
    }
};

PersonalDetailsMasker::PersonalDetailsMasker() : m_patterns(std::make_unique<Patterns>()) {}
PersonalDetailsMasker::~PersonalDetailsMasker() = default;

std::string PersonalDetailsMasker::mask(std::string_view text) const
{
    const Patterns& p = *m_patterns;
    std::string out = replaceAll(text, p.url, [](std::string_view subject, const Regex::Match& m) {
        // A sentence's full stop or a closing bracket after a URL is not part of it.
        const std::string_view url = m.group(subject, 0);
        std::size_t end = url.size();
        while (end > 0 && std::string_view(".,;:!?)]'").find(url[end - 1]) != std::string_view::npos)
            --end;
        return "[link]" + std::string(url.substr(end));
    });
    out = replaceAll(out, p.email, [](std::string_view, const Regex::Match&) { return std::string("[email]"); });
    const std::string withoutEmails = out;
    out = replaceAll(withoutEmails, p.phone, [&p](std::string_view subject, const Regex::Match& m) {
        return p.phoneShaped(subject, m) ? std::string("[phone]") : std::string(m.group(subject, 0));
    });
    std::string masked;
    masked.reserve(out.size());
    std::size_t pos = 0;
    for (;;) {
        const std::size_t eol = out.find('\n', pos);
        masked += p.maskNamesInContactLine(std::string_view(out).substr(pos, eol == std::string::npos ? std::string::npos : eol - pos));
        if (eol == std::string::npos)
            break;
        masked += '\n';
        pos = eol + 1;
    }
    return masked;
}

std::string maskPersonalDetails(std::string_view text)
{
    static const PersonalDetailsMasker masker;
    return masker.mask(text);
}

} // namespace rankpo
