#pragma once

#include <string>
#include <vector>

namespace rankpo::demo {

// The vocabulary the demo corpus is written from: research areas with their sub-topics, regions with
// their institutions, and seniority levels. The tables are constant data compiled into the library
// (no files to ship, nothing read at run time); each phrase list is one '|'-separated string so that
// the tables stay readable as prose.
//
// Grammatical roles, so that every template can take any entry of a list:
//   name      lower-case noun phrase ("graph neural networks"): "work on <name>"
//   keywords  capitalised concepts, like OpenAlex's ("Message passing")
//   methods   noun phrases that follow "using", "with", "experience with"
//   topics    objects of study or applications: "for <topic>", "<topic> is a central problem"
//   problems  open issues: "<problem> remains poorly understood", "addressing <problem>"
//   settings  data, samples or experimental systems: "experiments on <setting>", "drawing on <setting>"
//   findings  clauses without the final full stop: "we find that <finding>"

enum class TextStyle { Technical, LifeScience, Social, Humanities };

struct SubtopicSpec {
    const char* name;
    const char* keywords;
    const char* methods;
    const char* topics;
    const char* problems;
    const char* settings;
    const char* findings;
};

inline constexpr int kSubtopicsPerArea = 4;

struct AreaSpec {
    const char* name;         // lower case, for prose: "machine learning"
    const char* titleNames;   // for job titles: "Machine Learning|Artificial Intelligence"
    const char* departments;  // "School of Computer Science|Department of Computing"
    const char* keywords;     // area-wide concepts shared by all its sub-topics
    const char* degree;       // "computer science, statistics or a related discipline"
    TextStyle style;
    SubtopicSpec subtopics[kSubtopicsPerArea];
};

struct RegionSpec {
    const char* country;        // as it appears in "Location <city>, <country>"
    const char* countryInProse; // "the United Kingdom": after "in", "across", "from"
    const char* adjective;      // "British", for prose
    const char* institutions;   // '|'-separated, parallel to cities
    const char* cities;
    const char* emailDomains;   // parallel to institutions
    const char* funders;        // "the Swiss National Science Foundation (SNSF)|Innosuisse"
    const char* levelTitles;    // four job titles by level, '|'-separated (postdoc .. professor)
    const char* salaries;       // four salary lines by level
    const char* closings;       // closing paragraphs; "{inst}" and "{contact}" are filled in
    bool tenureTrack;           // "Tenure Track" contracts for assistant professors
};

// Accessors into the compiled tables. Indices are the latent ids used by DemoJob and DemoCandidate.
int areaCount();
const AreaSpec& areaSpec(int area);
int regionCount();
const RegionSpec& regionSpec(int region);

// Area pairs whose researchers plausibly publish across both (computational neuroscience, health
// economics...): interdisciplinary candidates draw their second area from here.
int relatedArea(int area, int which); // which in 0..1

// Names for contacts in job ads (profiles carry no names, like the paper's).
const char* contactGivenNames();
const char* contactFamilyNames();

// A phrase list split once per generation run.
std::vector<std::string> splitList(const char* list);

} // namespace rankpo::demo
