#include "core/formats/candidate_profile_parser.h"

#include "core/util/trim.h"

#include <cctype>

namespace rankpo {
namespace {

void splitSections(std::string_view body, std::vector<std::string>& out)
{
    constexpr std::string_view sep = "<sep>";
    std::size_t pos = 0;
    for (;;) {
        const std::size_t next = body.find(sep, pos);
        std::string item(trim(body.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos)));
        if (!item.empty())
            out.push_back(std::move(item));
        if (next == std::string_view::npos)
            break;
        pos = next + sep.size();
    }
}

} // namespace

CandidateProfile parseCandidateProfile(std::string_view text)
{
    CandidateProfile profile;
    struct Tag {
        std::string_view open, close;
        std::vector<std::string>* target;
    };
    const Tag tags[] = {
        {"<keyword>", "</keyword>", &profile.keywords},
        {"<title>", "</title>", &profile.publicationTitles},
        {"<abstract>", "</abstract>", &profile.abstracts},
    };
    std::string outside;
    std::size_t pos = 0;
    while (pos < text.size()) {
        // The earliest opening tag from here.
        std::size_t best = std::string_view::npos;
        const Tag* bestTag = nullptr;
        for (const auto& t : tags) {
            const std::size_t at = text.find(t.open, pos);
            if (at < best) {
                best = at;
                bestTag = &t;
            }
        }
        if (!bestTag) {
            outside.append(text.substr(pos));
            break;
        }
        const std::size_t bodyStart = best + bestTag->open.size();
        const std::size_t close = text.find(bestTag->close, bodyStart);
        if (close == std::string_view::npos) {
            // An unclosed tag: keep the rest as text rather than guess.
            outside.append(text.substr(pos));
            break;
        }
        outside.append(text.substr(pos, best - pos));
        splitSections(text.substr(bodyStart, close - bodyStart), *bestTag->target);
        pos = close + bestTag->close.size();
    }
    profile.plainText = std::string(trim(outside));
    return profile;
}

std::string formatCandidateProfile(const CandidateProfile& profile)
{
    auto join = [](const std::vector<std::string>& items) {
        std::string s;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i)
                s += "<sep>";
            s += items[i];
        }
        return s;
    };
    std::string out;
    out += "<keyword>" + join(profile.keywords) + "</keyword>";
    out += "<title>" + join(profile.publicationTitles) + "</title>";
    out += "<abstract>" + join(profile.abstracts) + "</abstract>";
    if (!profile.plainText.empty())
        out += profile.plainText;
    return out;
}

} // namespace rankpo
