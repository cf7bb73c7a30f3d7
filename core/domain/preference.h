#pragma once

#include "core/domain/ids.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rankpo {

enum class PreferenceSource { Ai, Human };

// The judgement relative to the order the two candidates were shown in. Stored this way (rather
// than as a winner id alone) so that position bias can be audited: the same judgement made in the
// swapped order is a different preference.
enum class Choice { First, Second, Tie };

std::string_view toString(PreferenceSource source);
std::optional<PreferenceSource> preferenceSourceFromString(std::string_view text);
std::string_view toString(Choice choice);
std::optional<Choice> choiceFromString(std::string_view text);

// A pair is unordered: a job and two distinct candidates, stored with the smaller id first.
struct Pair {
    PairId id = 0;
    JobId jobId = 0;
    CandidateId candidateLo = 0;
    CandidateId candidateHi = 0;
};

struct Preference {
    PreferenceId id = 0;
    PairId pairId = 0;
    JobId jobId = 0;
    PreferenceSource source = PreferenceSource::Ai;
    std::string annotator;          // the judge model's name for AI preferences, the person's for human ones
    CandidateId shownFirst = 0;     // candidate "A"
    CandidateId shownSecond = 0;    // candidate "B"
    Choice choice = Choice::Tie;
    std::optional<int> confidence;  // 0..100
    std::string rationale;
    std::int64_t createdAt = 0;     // Unix seconds
    std::string clientId;           // the writer's own id of the judgement (a UUID), so that a retry stores it once

    bool isTie() const { return choice == Choice::Tie; }
    CandidateId winner() const { return choice == Choice::First ? shownFirst : choice == Choice::Second ? shownSecond : 0; }
    CandidateId loser() const { return choice == Choice::First ? shownSecond : choice == Choice::Second ? shownFirst : 0; }
};

} // namespace rankpo
