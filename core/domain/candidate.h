#pragma once

#include "core/domain/ids.h"

#include <string>
#include <vector>

namespace rankpo {

// A researcher profile in the paper's format:
//   <keyword>k1<sep>k2</keyword><title>t1<sep>t2</title><abstract>a1<sep>a2</abstract>
// Plain text is a valid profile too: then only `plainText` is set.
struct CandidateProfile {
    std::vector<std::string> keywords;
    std::vector<std::string> publicationTitles;
    std::vector<std::string> abstracts;
    std::string plainText; // text outside the tagged sections (all of it for an untagged profile)

    bool tagged() const { return !keywords.empty() || !publicationTitles.empty() || !abstracts.empty(); }
};

struct Candidate {
    CandidateId id = 0;
    std::string externalId;
    std::string text;
    CandidateProfile profile;
};

} // namespace rankpo
