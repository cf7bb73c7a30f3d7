#include "db/demo_project.h"

#include "db/project_store.h"
#include "db/store_access.h"

namespace rankpo::db {

WriteCounts writeDemoCorpus(ProjectStore& store, const demo::DemoCorpus& corpus)
{
    Transaction tx(connectionOf(store));
    ProjectWriter writer(store);
    std::vector<JobId> jobs;
    jobs.reserve(corpus.jobs.size());
    for (const auto& j : corpus.jobs)
        jobs.push_back(writer.addJob(j.text, j.externalId));
    std::vector<CandidateId> candidates;
    candidates.reserve(corpus.candidates.size());
    for (const auto& c : corpus.candidates)
        candidates.push_back(writer.addCandidate(c.text, c.externalId));
    for (const auto& l : corpus.labels)
        writer.setLabel(jobs.at(std::size_t(l.job)), candidates.at(std::size_t(l.candidate)), l.relevance);
    for (const auto& p : corpus.preferences) {
        const CandidateId first = candidates.at(std::size_t(p.first));
        NewPreference np;
        np.pairId = writer.addPair(jobs.at(std::size_t(p.job)), first, candidates.at(std::size_t(p.second)));
        np.source = PreferenceSource::Ai;
        np.annotator = p.annotator;
        np.shownFirst = first;
        np.choice = p.choice;
        np.confidence = p.confidence;
        np.rationale = p.rationale;
        np.createdAt = p.createdAt;
        writer.addPreference(np);
    }
    tx.commit();
    return writer.counts();
}

} // namespace rankpo::db
