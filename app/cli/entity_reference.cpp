#include "app/cli/entity_reference.h"

#include "core/util/error.h"

#include <algorithm>
#include <cctype>

namespace rankpo::cli {
namespace {

std::optional<std::int64_t> ownId(std::string text, char prefix)
{
    if (!text.empty() && std::toupper(static_cast<unsigned char>(text[0])) == prefix)
        text.erase(0, 1);
    if (text.empty() || text.size() > 18
        || !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
        return std::nullopt;
    return std::stoll(text);
}

} // namespace

PairId parsePairReference(const std::string& text, const std::string& option)
{
    if (const auto id = ownId(text, 'P'))
        return PairId(*id);
    throw usageError(option + ": '" + text + "' is not a pair (P<n>, as the app names them, or n)");
}

std::optional<CandidateId> parseWinnerReference(const std::string& text, const std::string& option)
{
    if (text == "tie" || text == "TIE" || text == "Tie")
        return std::nullopt;
    if (const auto id = ownId(text, 'C'))
        return CandidateId(*id);
    throw usageError(option + ": '" + text + "' is not a candidate (C<n>, as `rankpo review` lists them) or tie");
}

} // namespace rankpo::cli
