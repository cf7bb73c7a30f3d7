#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rankpo {

// What a résumé section is about, from its heading's words.
enum class ResumeSectionKind {
    Summary,        // Summary, Profile, Objective, Personal Statement, About Me
    Experience,     // Experience, Work Experience, Employment (History), Career, Positions, Appointments
    Education,      // Education, Qualifications, Degrees, Training
    Skills,         // Skills, Technical Skills, Competencies, Expertise
    Publications,   // Publications, Papers, Presentations, Talks, Patents
    Projects,       // Projects, Portfolio
    Certifications, // Certifications, Certificates, Licences
    Awards,         // Awards, Honours, Achievements, Grants, Scholarships, Fellowships
    Languages,
    Interests,      // Interests, Hobbies, Activities
    References,     // References, Referees
    Contact,        // Contact (Information, Details), Personal Details
    Research,       // Research (on its own; "Research Experience" is Experience)
    Teaching,       // Teaching, Supervision, Mentoring
    Service,        // Service, Leadership, Volunteering, Memberships, Affiliations
    Other,          // a heading by its form (Markdown '#', ALL CAPS) with other words
};

// "summary", "experience", ...: stable names for storage and display.
std::string_view resumeSectionKindName(ResumeSectionKind kind);

struct ResumeSection {
    std::string heading; // as written, without Markdown '#'s, '**' and a trailing ':'
    ResumeSectionKind kind = ResumeSectionKind::Other;
    std::size_t headingOffset = 0; // byte offset of the heading line in the text
    std::size_t bodyOffset = 0;    // the body is text[bodyOffset, bodyEnd), white space around it left out
    std::size_t bodyEnd = 0;
    std::string body;
};

struct ResumeSections {
    // The lines before the first heading (the name and contact lines), white space around them left out.
    std::size_t preambleOffset = 0;
    std::size_t preambleEnd = 0;
    std::string preamble;
    std::vector<ResumeSection> sections; // in the order of the text

    bool found() const { return !sections.empty(); }
};

// Finds the sections of a plain résumé or CV by its own headings. A heading is a line of its own, short
// (at most 6 words, 60 bytes), without sentence punctuation or digits, that
//   - names a known section, case-insensitive: its words are heading nouns (experience, education, skills,
//     publications, ...), their modifiers (work, professional, technical, selected, research, ...) and "and",
//     "&", "/", ","; decorated or not: "## Work Experience", "**Skills**", "EDUCATION", "Publications:",
//     "Skills & Interests", a line underlined with === or --- (Markdown's other heading form); or
//   - after a known heading, is a Markdown '#' heading or an ALL-CAPS line after a blank line, whatever its
//     words (kind Other). Before the first known heading such lines are the preamble: "# Jane Doe".
// The kind is that of the last heading noun of the heading's first part ("Research Interests" -> Interests,
// "Skills and Languages" -> Skills). Returns no sections (found() false, empty preamble) for a text without
// headings and for the paper's tagged profiles (<keyword>…</keyword><title>…<abstract>…): those are read by
// parseCandidateProfile. Never fails.
ResumeSections parseResumeSections(std::string_view text);

} // namespace rankpo
