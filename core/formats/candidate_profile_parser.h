#pragma once

#include "core/domain/candidate.h"

#include <string>
#include <string_view>

namespace rankpo {

// Parses the paper's profile format
//   <keyword>k1<sep>k2</keyword><title>t1<sep>t2</title><abstract>a1<sep>a2</abstract>
// Tags may come in any order or be missing; anything outside them lands in plainText. A text with
// no tags at all is a plain-text profile. Never fails: malformed tags are treated as text.
CandidateProfile parseCandidateProfile(std::string_view text);

// The inverse, for generated data: sections joined with <sep>.
std::string formatCandidateProfile(const CandidateProfile& profile);

} // namespace rankpo
