#pragma once

// Tiny preference fixtures for the alignment, agreement and audit tests.
#include "core/domain/preference.h"

#include <optional>
#include <string>

namespace rankpo::test {

// first/second: the candidates in the order shown; choice: 'A' first wins, 'B' second wins, 'T' tie.
inline Preference preference(PreferenceSource source, const std::string& annotator, JobId job, CandidateId first,
                             CandidateId second, char choice, std::optional<int> confidence = std::nullopt)
{
    static PreferenceId nextId = 1;
    Preference p;
    p.id = nextId++;
    p.jobId = job;
    p.source = source;
    p.annotator = annotator;
    p.shownFirst = first;
    p.shownSecond = second;
    p.choice = choice == 'A' ? Choice::First : choice == 'B' ? Choice::Second : Choice::Tie;
    p.confidence = confidence;
    return p;
}

inline Preference ai(const std::string& model, JobId job, CandidateId first, CandidateId second, char choice,
                     std::optional<int> confidence = std::nullopt)
{
    return preference(PreferenceSource::Ai, model, job, first, second, choice, confidence);
}

inline Preference human(const std::string& name, JobId job, CandidateId first, CandidateId second, char choice)
{
    return preference(PreferenceSource::Human, name, job, first, second, choice);
}

} // namespace rankpo::test
