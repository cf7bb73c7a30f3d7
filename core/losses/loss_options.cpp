#include "core/losses/loss_options.h"

#include "core/util/number_format.h"
#include "core/util/error.h"

#include <cmath>
#include <cstdio>

namespace rankpo {

namespace {

void requirePositive(const char* owner, const char* field, double v)
{
    if (!std::isfinite(v) || v <= 0.0)
        throw usageError(std::string(owner) + ": " + field + " must be a positive number, got " + formatNumber(v));
}

void requireNonNegative(const char* owner, const char* field, double v)
{
    if (!std::isfinite(v) || v < 0.0)
        throw usageError(std::string(owner) + ": " + field + " must be >= 0, got " + formatNumber(v));
}

} // namespace

std::string_view toString(PreferenceLossType type)
{
    switch (type) {
    case PreferenceLossType::Sigmoid: return "sigmoid";
    case PreferenceLossType::Hinge: return "hinge";
    }
    return "sigmoid";
}

std::optional<PreferenceLossType> preferenceLossTypeFromString(std::string_view text)
{
    if (text == "sigmoid")
        return PreferenceLossType::Sigmoid;
    if (text == "hinge")
        return PreferenceLossType::Hinge;
    return std::nullopt;
}

void RankPOLossOptions::validate() const
{
    static const char* owner = "RankPO loss options";
    requirePositive(owner, "tau", tau);
    requirePositive(owner, "beta", beta);
    if (!std::isfinite(gamma))
        throw usageError(std::string(owner) + ": gamma must be a finite number");
    if (!std::isfinite(labelSmoothing) || labelSmoothing < 0.0 || labelSmoothing >= 0.5)
        throw usageError(std::string(owner) + ": labelSmoothing must be in [0, 0.5), got " + formatNumber(labelSmoothing));
    // Upstream only warns and ignores it; refusing makes a misconfigured run visible before it starts.
    if (lossType == PreferenceLossType::Hinge && labelSmoothing != 0.0)
        throw usageError(std::string(owner) + ": labelSmoothing must be 0 with the hinge loss, got " + formatNumber(labelSmoothing));
    requireNonNegative(owner, "rankpoWeight", rankpoWeight);
    requireNonNegative(owner, "sftWeight", sftWeight);
    if (rankpoWeight == 0.0 && sftWeight == 0.0)
        throw usageError(std::string(owner) + ": rankpoWeight and sftWeight are both 0: there is nothing to train");
}

void SftLossOptions::validate() const
{
    requirePositive("SFT loss options", "tau", tau);
}

void ContrastiveLossOptions::validate() const
{
    requirePositive("contrastive loss options", "tau", tau);
}

} // namespace rankpo
