#pragma once

#include "core/demo/demo_drafts.h"

#include <string>

namespace rankpo::demo {

class DemoRandom;
class DemoVocabulary;

struct DemoJudgement {
    rankpo::Choice choice = rankpo::Choice::Tie;
    int confidence = 0;
    std::string rationale;
};

// A simulated LLM judge. It compares two candidates for a job by topical fit alone (demoTopicalFit:
// how much of each candidate's work is on the job's sub-topic), which the matching rules ignore, and
// it never looks at region or seniority, which the rules check. Like the paper's judge it is noisy
// (about one decisive call in eight goes against the fit, close calls are barely better than a coin),
// it sometimes declares a tie, and it favours the first-shown candidate when the fit is close: the
// source of the paper's 65/35 split between A and B.
class DemoJudge {
public:
    explicit DemoJudge(const DemoVocabulary& vocabulary) : m_vocabulary(vocabulary) {}

    DemoJudgement judge(const JobDraft& job, const CandidateDraft& first, const CandidateDraft& second,
                        DemoRandom& rng) const;

private:
    std::string rationale(const JobDraft& job, const CandidateDraft& winner, const CandidateDraft& loser,
                          bool winnerIsFirst, DemoRandom& rng) const;
    std::string tieRationale(const JobDraft& job, const CandidateDraft& first, const CandidateDraft& second,
                             DemoRandom& rng) const;

    const DemoVocabulary& m_vocabulary;
};

} // namespace rankpo::demo
