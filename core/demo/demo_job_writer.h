#pragma once

#include "core/demo/demo_drafts.h"

namespace rankpo::demo {

class DemoRandom;
class DemoVocabulary;

// Writes an academic job ad for a job's latent facts: header lines (title, Institution, Location,
// Contract Type, Hours, Salary, Closing Date, Level) and then two to five paragraphs of prose, one of
// which describes the project in the job's sub-topic.
class DemoJobWriter {
public:
    explicit DemoJobWriter(const DemoVocabulary& vocabulary) : m_vocabulary(vocabulary) {}

    // `job` carries the latent ids; its text is filled in.
    JobDraft write(DemoJob job, DemoRandom& rng) const;

private:
    const DemoVocabulary& m_vocabulary;
};

} // namespace rankpo::demo
