#include "core/judge/judge_prompt_template.h"

#include "core/util/error.h"
#include "core/util/sha256.h"

namespace rankpo {
namespace {

// The default prompt. It asks for the paper's answer format (the sample's `response` fields) and names
// what the judgement rests on: research area and the job's own topic, seniority, location where stated.
constexpr std::string_view kDefaultTemplate = R"([system]
You are an experienced academic recruiter. You compare two candidates for one academic job and decide which of the two fits the job better.

Judge only on what the texts say:
- research area: how closely each candidate's research matches the job's field and, above all, the job's specific topic;
- seniority: whether each candidate's career stage suits the level of the post, where the texts show it;
- location: where the job or a profile states a location or a region, whether the candidate fits it.
A candidate's profile lists keywords, titles and abstracts of their publications. Do not reward length alone, and do not let the order in which the candidates are shown matter. A text that ends with "[… truncated: …]" was shortened to fit; judge on what is there.

Answer in exactly this format, with nothing before or after it:
Comparison: <two to four sentences comparing the two candidates against the job>
Preferred: <A or B>
Confidence score: <an integer from 0 to 100>
[user]
<job_description>
{job}
</job_description>

<candidate_a>
{candidate_a}
</candidate_a>

<candidate_b>
{candidate_b}
</candidate_b>

Which candidate fits this job better, A or B? Answer in the format given: Comparison, Preferred, Confidence score.
)";

struct Line {
    std::string_view text;
    int number = 0; // 1-based
};

bool isBlank(std::string_view s)
{
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\r')
            return false;
    return true;
}

std::string_view headerName(std::string_view line)
{
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
        line.remove_suffix(1);
    return line == "[system]" || line == "[user]" ? line : std::string_view();
}

// The section's lines without the blank lines around them, joined by "\n".
std::string joinTrimmed(const std::vector<Line>& lines, int& firstLine)
{
    std::size_t begin = 0;
    std::size_t end = lines.size();
    while (begin < end && isBlank(lines[begin].text))
        ++begin;
    while (end > begin && isBlank(lines[end - 1].text))
        --end;
    firstLine = begin < end ? lines[begin].number : 0;
    std::string out;
    for (std::size_t i = begin; i < end; ++i) {
        if (i > begin)
            out += '\n';
        std::string_view t = lines[i].text;
        if (!t.empty() && t.back() == '\r')
            t.remove_suffix(1);
        out += t;
    }
    return out;
}

} // namespace

std::vector<JudgePromptTemplate::Segment> JudgePromptTemplate::compile(std::string_view section, std::string_view source,
                                                                       int firstLine, bool placeholdersSeen[3])
{
    std::vector<Segment> out;
    std::string literal;
    int line = firstLine;
    auto fail = [&](const std::string& why) { return usageError(std::string(source) + ":" + std::to_string(line) + ": " + why); };
    for (std::size_t i = 0; i < section.size(); ++i) {
        const char c = section[i];
        if (c == '\n')
            ++line;
        if (c == '}') {
            if (i + 1 < section.size() && section[i + 1] == '}') {
                literal += '}';
                ++i;
                continue;
            }
            throw fail("'}' without an opening '{' (write }} for a literal brace)");
        }
        if (c != '{') {
            literal += c;
            continue;
        }
        if (i + 1 < section.size() && section[i + 1] == '{') {
            literal += '{';
            ++i;
            continue;
        }
        const std::size_t close = section.find_first_of("}\n", i + 1);
        if (close == std::string_view::npos || section[close] != '}')
            throw fail("'{' without a closing '}' on its line (write {{ for a literal brace)");
        const std::string_view name = section.substr(i + 1, close - i - 1);
        Slot slot;
        if (name == "job")
            slot = Slot::Job;
        else if (name == "candidate_a")
            slot = Slot::CandidateA;
        else if (name == "candidate_b")
            slot = Slot::CandidateB;
        else
            throw fail("unknown placeholder {" + std::string(name) +
                       "}: the placeholders are {job}, {candidate_a} and {candidate_b} (write {{ and }} for literal braces)");
        placeholdersSeen[static_cast<int>(slot) - 1] = true;
        if (!literal.empty())
            out.push_back({Slot::Literal, std::move(literal)});
        literal.clear();
        out.push_back({slot, {}});
        i = close;
    }
    if (!literal.empty())
        out.push_back({Slot::Literal, std::move(literal)});
    return out;
}

JudgePromptTemplate JudgePromptTemplate::parse(std::string_view text, std::string_view source)
{
    std::vector<Line> lines;
    int number = 1;
    for (std::size_t pos = 0; pos <= text.size(); ++number) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos)
            eol = text.size();
        lines.push_back({text.substr(pos, eol - pos), number});
        pos = eol + 1;
    }

    std::vector<Line> systemLines, userLines;
    bool sawSystem = false, sawUser = false, sectioned = false;
    std::vector<Line>* current = &userLines;
    for (const Line& l : lines) {
        const std::string_view header = headerName(l.text);
        if (header.empty()) {
            current->push_back(l);
            continue;
        }
        if (!sectioned) {
            for (const Line& before : userLines)
                if (!isBlank(before.text))
                    throw usageError(std::string(source) + ":" + std::to_string(before.number) +
                                     ": text before the first section header (" + std::string(header) + ")");
            userLines.clear();
            sectioned = true;
        }
        bool& seen = header == "[system]" ? sawSystem : sawUser;
        if (seen)
            throw usageError(std::string(source) + ":" + std::to_string(l.number) + ": a second " + std::string(header) + " section");
        seen = true;
        current = header == "[system]" ? &systemLines : &userLines;
    }
    if (sectioned && !sawUser)
        throw usageError(std::string(source) + ": no [user] section (the user message holds the job and the candidates)");

    int systemFirst = 0, userFirst = 0;
    const std::string system = joinTrimmed(systemLines, systemFirst);
    const std::string user = joinTrimmed(userLines, userFirst);
    if (user.empty())
        throw usageError(std::string(source) + ": the user message is empty");

    JudgePromptTemplate t;
    bool seen[3] = {false, false, false};
    t.m_system = compile(system, source, systemFirst, seen);
    t.m_user = compile(user, source, userFirst, seen);
    static const char* names[3] = {"{job}", "{candidate_a}", "{candidate_b}"};
    for (int i = 0; i < 3; ++i)
        if (!seen[i])
            throw usageError(std::string(source) + ": the template has no " + names[i] +
                             "; it needs {job}, {candidate_a} and {candidate_b}");
    t.m_canonical = system.empty() ? "[user]\n" + user + "\n" : "[system]\n" + system + "\n[user]\n" + user + "\n";
    t.m_hash = Sha256::hexOf(t.m_canonical);
    return t;
}

const JudgePromptTemplate& JudgePromptTemplate::defaultTemplate()
{
    static const JudgePromptTemplate t = parse(kDefaultTemplate, "default prompt");
    return t;
}

bool JudgePromptTemplate::isDefault() const
{
    return m_hash == defaultTemplate().m_hash;
}

std::string JudgePromptTemplate::expand(const std::vector<Segment>& segments, std::string_view job, std::string_view a,
                                        std::string_view b)
{
    std::string out;
    std::size_t size = 0;
    for (const Segment& s : segments)
        size += s.slot == Slot::Literal ? s.literal.size() : s.slot == Slot::Job ? job.size() : s.slot == Slot::CandidateA ? a.size() : b.size();
    out.reserve(size);
    for (const Segment& s : segments) {
        switch (s.slot) {
        case Slot::Literal: out += s.literal; break;
        case Slot::Job: out += job; break;
        case Slot::CandidateA: out += a; break;
        case Slot::CandidateB: out += b; break;
        }
    }
    return out;
}

JudgeMessages JudgePromptTemplate::render(std::string_view job, std::string_view candidateA, std::string_view candidateB) const
{
    return {expand(m_system, job, candidateA, candidateB), expand(m_user, job, candidateA, candidateB)};
}

std::string judgeAnnotator(std::string_view model, const JudgePromptTemplate& prompt)
{
    std::string out(model);
    if (!prompt.isDefault())
        out += "#" + prompt.shortHash();
    return out;
}

} // namespace rankpo
