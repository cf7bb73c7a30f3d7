#pragma once

#include "core/domain/ids.h"

#include <optional>
#include <string>

namespace rankpo::cli {

// "P12" as the app names pairs, or the plain number; rankpo::Error (Usage) naming `option` otherwise.
PairId parsePairReference(const std::string& text, const std::string& option = "--pair");
// "C7" as the app names candidates, or the plain number; nullopt for "tie". Usage error otherwise.
std::optional<CandidateId> parseWinnerReference(const std::string& text, const std::string& option = "--winner");

} // namespace rankpo::cli
