#include "core/training/method_names.h"

#include "core/util/error.h"

namespace rankpo {

std::string methodDisplayName(const TrainingConfig& config)
{
    switch (config.method) {
    case TrainingMethod::Contrastive: return "Contrastive";
    case TrainingMethod::RankPO: return config.rankpo.referenceFree ? "SimRankPO" : "RankPO";
    case TrainingMethod::Sft: return "SFT";
    }
    return "RankPO";
}

std::string recordedMethodDisplayName(const std::string& method, const std::string& configJson)
{
    const auto known = trainingMethodFromString(method);
    if (!known)
        return method;
    try {
        TrainingConfig config = TrainingConfig::parseRecorded(configJson);
        config.method = *known; // the method key is the run's; the config's copy of it is not consulted
        return methodDisplayName(config);
    } catch (const Error&) {
        // An unreadable record still has a name: that of a run that recorded nothing beyond its method.
        TrainingConfig config = TrainingConfig::parseRecorded("{}");
        config.method = *known;
        return methodDisplayName(config);
    }
}

std::optional<NamedMethod> namedMethodFromString(std::string_view name)
{
    if (name == "simrankpo")
        return NamedMethod{TrainingMethod::RankPO, true};
    if (const auto method = trainingMethodFromString(name))
        return NamedMethod{*method, false};
    return std::nullopt;
}

TrainingConfig defaultsFor(NamedMethod method)
{
    TrainingConfig config = TrainingConfig::defaults(method.method);
    if (method.referenceFree)
        config.rankpo.referenceFree = true;
    return config;
}

} // namespace rankpo
