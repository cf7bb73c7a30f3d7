#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rankpo {

// The two messages of a judge request.
struct JudgeMessages {
    std::string system; // empty: the request has no system message
    std::string user;
};

// The judge's prompt: a system and a user message with the placeholders {job}, {candidate_a} and
// {candidate_b}. `--prompt FILE` reads one; the default is the text of defaultTemplate(), which the app
// shows for editing. The file format:
//
//   [system]
//   ...the system message...
//   [user]
//   ...the user message...
//
// The section headers are lines that read exactly "[system]" or "[user]". A text that does not start
// with a header is the user message alone (no system message). Literal braces are written {{ and }},
// as in Python's str.format; any other {name}, a lone { or } is an error that names its line.
// Each of the three placeholders must appear at least once (in either message).
//
// Who the judge is depends on the prompt: hash() is the SHA-256 of canonicalText() (CRLF read as LF,
// blank lines around each section dropped), so `sha256sum` of a file holding canonicalText() gives
// the same value, and cosmetic edits to a file's line endings do not make a new rater.
class JudgePromptTemplate {
public:
    // Throws a usage error "SOURCE:LINE: ..." (SOURCE is e.g. the file name).
    static JudgePromptTemplate parse(std::string_view text, std::string_view source = "prompt template");
    static const JudgePromptTemplate& defaultTemplate();

    const std::string& canonicalText() const { return m_canonical; }
    const std::string& hash() const { return m_hash; } // 64 hex digits
    std::string shortHash() const { return m_hash.substr(0, 8); }
    bool isDefault() const;

    // The texts go in as they are (no escaping: they are not parsed again).
    JudgeMessages render(std::string_view job, std::string_view candidateA, std::string_view candidateB) const;

private:
    enum class Slot { Literal, Job, CandidateA, CandidateB };
    struct Segment {
        Slot slot = Slot::Literal;
        std::string literal;
    };
    static std::vector<Segment> compile(std::string_view section, std::string_view source, int firstLine,
                                        bool placeholdersSeen[3]);
    static std::string expand(const std::vector<Segment>& segments, std::string_view job, std::string_view a,
                              std::string_view b);

    std::vector<Segment> m_system;
    std::vector<Segment> m_user;
    std::string m_canonical;
    std::string m_hash;
};

// The annotator of a judge's preferences: the model's name, plus "#" and the prompt's short hash when
// the prompt is not the default ("gpt-4o-mini#1a2b3c4d"), so that two prompts are two raters.
std::string judgeAnnotator(std::string_view model, const JudgePromptTemplate& prompt);

} // namespace rankpo
