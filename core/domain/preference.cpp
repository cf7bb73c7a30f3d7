#include "core/domain/preference.h"

namespace rankpo {

std::string_view toString(PreferenceSource source)
{
    return source == PreferenceSource::Ai ? "ai" : "human";
}

std::optional<PreferenceSource> preferenceSourceFromString(std::string_view text)
{
    if (text == "ai")
        return PreferenceSource::Ai;
    if (text == "human")
        return PreferenceSource::Human;
    return std::nullopt;
}

std::string_view toString(Choice choice)
{
    switch (choice) {
    case Choice::First: return "first";
    case Choice::Second: return "second";
    case Choice::Tie: return "tie";
    }
    return "tie";
}

std::optional<Choice> choiceFromString(std::string_view text)
{
    if (text == "first")
        return Choice::First;
    if (text == "second")
        return Choice::Second;
    if (text == "tie")
        return Choice::Tie;
    return std::nullopt;
}

} // namespace rankpo
