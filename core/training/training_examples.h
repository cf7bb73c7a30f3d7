#pragma once

#include <string>
#include <vector>

namespace rankpo {

// One preference as the stage-2 trainers see it: the job, the preferred and the other candidate.
// `weight` is the preference's confidence / 100 when weighting by confidence is on (else 1).
struct PreferenceExample {
    std::string job;
    std::string chosen;
    std::string rejected;
    double weight = 1.0;
};

// One stage-1 example: a job, one of its rule-positive candidates, and negatives to draw from (the
// rule data's negatives, plus hard negatives mined from the current model's ranking).
struct ContrastiveExample {
    std::string job;
    std::string positive;
    std::vector<std::string> negatives;
};

// A hash of the examples in order (texts, weights): recorded with a run so that "the same data"
// can be checked later.
std::string dataHash(const std::vector<PreferenceExample>& examples);
std::string dataHash(const std::vector<ContrastiveExample>& examples);

} // namespace rankpo
