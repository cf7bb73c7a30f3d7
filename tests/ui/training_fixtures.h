#pragma once

// A tiny project that trains in a second: jobs with rule labels and AI-judged pairs, split into train
// and test, for the studio's training and evaluation tests. Texts are made of words the tiny BERT
// (tests/reference/tiny-cls-bert) knows.
#include "db/project_store.h"
#include "db/store_access.h"
#include "db/project_writer.h"

#include <string>

namespace rankpo::test {

inline const char* kTinyModel = RANKPO_SOURCE_DIR "/tests/reference/tiny-cls-bert";

// `jobs` jobs with `candidatesPerJob` candidates each; each job's first candidate is rule-relevant;
// `pairsPerJob` AI-judged pairs per job (the lower-numbered candidate wins). Split 50/50.
inline void writeTrainingProject(db::ProjectStore& store, int jobs, int candidatesPerJob, int pairsPerJob)
{
    static const char* const words[] = {"neural", "network", "protein", "folding", "graph", "theory", "ocean",
                                        "climate", "language", "model", "robot", "control", "cell", "biology",
                                        "quantum", "physics"};
    constexpr int kWords = 16;
    db::Transaction tx(rankpo::db::connectionOf(store));
    db::ProjectWriter w(store);
    for (int j = 0; j < jobs; ++j) {
        const std::string topic = std::string(words[(2 * j) % kWords]) + " " + words[(2 * j + 1) % kWords];
        const JobId job = w.addJob("postdoc in " + topic + " research", "job-" + std::to_string(j));
        std::vector<CandidateId> candidates;
        for (int c = 0; c < candidatesPerJob; ++c) {
            const std::string text = "<keyword>" + std::string(words[(2 * j + c) % kWords]) + "<sep>"
                                     + words[(3 * j + 2 * c + 1) % kWords] + "</keyword><title>study of "
                                     + words[(j + c) % kWords] + "</title><abstract>profile " + std::to_string(j) + " "
                                     + std::to_string(c) + "</abstract>";
            candidates.push_back(w.addCandidate(text, "cand-" + std::to_string(j) + "-" + std::to_string(c)));
        }
        w.setLabel(job, candidates[0], 1);
        w.setLabel(job, candidates[1], 0);
        int made = 0;
        for (int a = 0; a < candidatesPerJob && made < pairsPerJob; ++a) {
            for (int b = a + 1; b < candidatesPerJob && made < pairsPerJob; ++b, ++made) {
                db::NewPreference p;
                p.pairId = w.addPair(job, candidates[a], candidates[b]);
                p.source = PreferenceSource::Ai;
                p.annotator = "judge";
                p.shownFirst = made % 2 ? candidates[a] : candidates[b];
                p.choice = made % 2 ? Choice::First : Choice::Second; // the lower-numbered candidate wins
                p.confidence = 80;
                w.addPreference(p);
            }
        }
    }
    tx.commit();
    store.assignSplit(0.5, 7);
}

} // namespace rankpo::test
