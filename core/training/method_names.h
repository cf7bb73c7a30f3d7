#pragma once

// The names users see and give for a training method. The objective is one of three (TrainingMethod), but
// the paper's figure names two RankPO variants: RankPO, against the frozen reference model, and SimRankPO,
// without it (upstream's `reference_free`, "like SimPO"). Runs keep "rankpo" as their method key; lists,
// reports and options say which variant a run is.
#include "core/training/training_config.h"

#include <optional>
#include <string>
#include <string_view>

namespace rankpo {

// "Contrastive", "RankPO", "SimRankPO" or "SFT".
std::string methodDisplayName(const TrainingConfig& config);

// A recorded run's name from its method key and configuration (TrainingConfig::parseRecorded, so a run recorded
// before the variants had names and trained reference-free shows as SimRankPO). Never throws: a configuration that
// no longer reads gives the name of the method key alone.
std::string recordedMethodDisplayName(const std::string& method, const std::string& configJson);

// A method as `rankpo train METHOD` and the Training page name it: contrastive, rankpo, simrankpo, sft.
struct NamedMethod {
    TrainingMethod method = TrainingMethod::RankPO;
    bool referenceFree = false; // simrankpo
};
std::optional<NamedMethod> namedMethodFromString(std::string_view name);
// The key of a named method, as `rankpo train` takes it and sweeps name their runs: "contrastive", "rankpo",
// "simrankpo" or "sft".
std::string namedMethodKey(NamedMethod method);
// The variant's key of a recorded run ("simrankpo" for a reference-free RankPO run, including runs recorded before
// the variants had names); an unknown method key is returned as is.
std::string recordedMethodKey(const std::string& method, const std::string& configJson);
inline bool operator==(NamedMethod a, NamedMethod b) { return a.method == b.method && a.referenceFree == b.referenceFree; }
// The defaults of a named method (simrankpo: RankPO's with reference_free).
TrainingConfig defaultsFor(NamedMethod method);

} // namespace rankpo
