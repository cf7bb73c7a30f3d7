#pragma once

#include "core/demo/demo_drafts.h"

namespace rankpo::demo {

class DemoRandom;
class DemoVocabulary;

// Writes a researcher profile in the paper's format,
//   <keyword>k1<sep>k2</keyword><title>t1<sep>t2</title><abstract>a1<sep>a2</abstract>,
// from a candidate's latent facts. The profile carries no name (the paper's carry none); what a text
// encoder can see:
//   - area and sub-topics: keywords, publication titles and abstracts drawn from each publication's
//     sub-topic vocabulary;
//   - region: the country and the affiliation among the first keywords, and one abstract that names
//     the candidate's institution, city or a national funder;
//   - seniority: the number of publications, a doctoral thesis near the top of the list for doctoral
//     and postdoctoral researchers, reviews, perspectives and editorials for senior ones.
class DemoProfileWriter {
public:
    explicit DemoProfileWriter(const DemoVocabulary& vocabulary) : m_vocabulary(vocabulary) {}

    // `candidate` carries the latent ids and publicationSubtopics; its text is filled in.
    CandidateDraft write(DemoCandidate candidate, DemoRandom& rng) const;

private:
    const DemoVocabulary& m_vocabulary;
};

} // namespace rankpo::demo
