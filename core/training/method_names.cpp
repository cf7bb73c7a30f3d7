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

namespace {

// A recorded run's configuration as it trained (TrainingConfig::parseRecorded); an unreadable record reads as one
// that recorded nothing beyond its method. The method key is the run's: the config's copy of it is not consulted.
TrainingConfig recordedConfig(TrainingMethod method, const std::string& configJson)
{
    TrainingConfig config;
    try {
        config = TrainingConfig::parseRecorded(configJson);
    } catch (const Error&) {
        config = TrainingConfig::parseRecorded("{}");
    }
    config.method = method;
    return config;
}

} // namespace

std::string recordedMethodDisplayName(const std::string& method, const std::string& configJson)
{
    const auto known = trainingMethodFromString(method);
    return known ? methodDisplayName(recordedConfig(*known, configJson)) : method;
}

std::string namedMethodKey(NamedMethod method)
{
    if (method.method == TrainingMethod::RankPO && method.referenceFree)
        return "simrankpo";
    return std::string(toString(method.method));
}

std::string recordedMethodKey(const std::string& method, const std::string& configJson)
{
    const auto known = trainingMethodFromString(method);
    if (!known)
        return method;
    const TrainingConfig config = recordedConfig(*known, configJson);
    return namedMethodKey({config.method, config.method == TrainingMethod::RankPO && config.rankpo.referenceFree});
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
