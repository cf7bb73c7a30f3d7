#pragma once

#include "core/domain/preference.h"

#include <cstdint>
#include <string>
#include <vector>

// The built-in demo corpus: academic job descriptions, researcher profiles, rule labels and simulated
// AI preferences, generated from a seed (the project ships no real data). Texts follow the formats of
// the paper's data; the latent truth behind every text (area, sub-topic, region, level) is kept for
// tests and analysis.
//
// The design gives both stages something real to learn and the audit something to find:
//  - Rule labels say: relevant iff the candidate publishes mainly in the job's research area, is based
//    in the job's region and has the seniority the post asks for. Labels are complete for positives;
//    each job also lists a sample of rule-rejected candidates, many of them hard (same area, wrong
//    region or level).
//  - The simulated judge ignores region and seniority and prefers the candidate whose publications
//    match the specific sub-topic of the job's project, which the rules never look at. It is noisy
//    and, like the paper's LLM judge, favours the first-shown candidate when the fit is close.
//  - A share of pairs is judged a second time in swapped order, for the swap-consistency audit.
namespace rankpo::demo {

struct DemoOptions {
    int jobs = 150;
    int candidates = 1500;
    int pairs = 3000;           // distinct (job, candidate, candidate) pairs judged; swapped re-judgements come on top
    std::uint64_t seed = 42;
    int swappedPerMille = 50;   // share of pairs judged a second time in swapped order
};

struct DemoJob {
    std::string externalId; // demo://job/<n>, n from 1
    std::string text;
    // Latent truth, for tests and analysis:
    int area = 0;
    int subtopic = 0;       // global sub-topic index (see demoSubtopicArea)
    int region = 0;
    // Seniority, shared scale with candidates: a job at level L accepts candidates at L or L + 1 (a
    // postdoc post takes PhD students near completion and postdocs; a professorship takes seniors).
    int level = 0;          // 0 postdoctoral, 1 assistant professor / lecturer, 2 associate professor, 3 professor
};

struct DemoCandidate {
    std::string externalId; // demo://candidate/<n>, n from 1
    std::string text;
    // Latent truth:
    int area = 0;                           // the area most of the publications are in
    std::vector<int> subtopics;             // distinct global sub-topics, most frequent first
    std::vector<int> publicationSubtopics;  // one per publication title, in text order
    int region = 0;
    int level = 0;                          // 0 doctoral researcher, 1 postdoc, 2 early faculty, 3 senior faculty
};

struct DemoLabel {
    int job = 0;        // index into DemoCorpus::jobs
    int candidate = 0;  // index into DemoCorpus::candidates
    int relevance = 0;  // 1 positive, 0 negative
};

struct DemoPreference {
    int job = 0;
    int first = 0;      // candidate shown first ("A")
    int second = 0;     // candidate shown second ("B")
    rankpo::Choice choice = rankpo::Choice::Tie;
    int confidence = 0; // 0..100
    std::string rationale;
    std::string annotator;
    std::int64_t createdAt = 0; // Unix seconds
    bool swappedRejudgement = false; // a second judgement of an earlier pair, shown in swapped order
};

struct DemoCorpus {
    std::vector<DemoJob> jobs;
    std::vector<DemoCandidate> candidates;
    std::vector<DemoLabel> labels;             // grouped by job, candidates ascending within a job
    std::vector<DemoPreference> preferences;   // in judgement order; swapped re-judgements last
};

// Throws rankpo::Error (Usage) on nonsense options: non-positive counts, fewer than two candidates,
// more pairs than exist, or sizes beyond what a demo needs.
DemoCorpus generateDemoCorpus(const DemoOptions& options);

// The latent rules and judge signal, exposed so that tests and analyses can check the corpus.
bool demoRuleRelevant(const DemoJob& job, const DemoCandidate& candidate);
int demoTopicalFit(const DemoJob& job, const DemoCandidate& candidate); // 0..1000, what the judge looks at

// Names of the latent ids.
int demoAreaCount();
int demoSubtopicCount();
int demoSubtopicArea(int subtopic);
int demoRegionCount();
std::string demoRegionName(int region);
int demoLevelCount();

inline constexpr const char* kDemoAnnotator = "demo-llm-judge";

} // namespace rankpo::demo
