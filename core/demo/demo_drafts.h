#pragma once

#include "core/demo/demo_corpus.h"

#include <string>
#include <vector>

namespace rankpo::demo {

// Internal: what the writers put into a text beyond the latent ids, kept while the corpus is built so
// that the simulated judge can name concrete topics in its rationales.
struct JobDraft {
    DemoJob job;
    std::string topic;   // the project's object of study, as the ad words it
    std::string method;
};

struct PublicationDraft {
    int subtopic = 0;
    std::string topic;
    std::string method;
};

struct CandidateDraft {
    DemoCandidate candidate;
    std::vector<PublicationDraft> publications; // parallel to candidate.publicationSubtopics
};

} // namespace rankpo::demo
