#include "core/formats/judge_response.h"

#include "core/util/trim.h"

#include <cctype>

namespace rankpo {
namespace {

bool startsWithNoCase(std::string_view s, std::string_view prefix)
{
    if (s.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
            return false;
    return true;
}

} // namespace

JudgeResponse parseJudgeResponse(std::string_view response)
{
    JudgeResponse out;
    // Walk the lines; "Comparison:" opens the rationale, which runs until "Preferred:".
    std::size_t comparisonStart = std::string_view::npos;
    std::size_t comparisonEnd = std::string_view::npos;
    std::size_t pos = 0;
    while (pos <= response.size()) {
        std::size_t eol = response.find('\n', pos);
        if (eol == std::string_view::npos)
            eol = response.size();
        const std::string_view raw = response.substr(pos, eol - pos);
        const std::string_view line = trim(raw);
        const std::size_t lineStart = pos + static_cast<std::size_t>(line.data() - raw.data());
        if (startsWithNoCase(line, "comparison:")) {
            comparisonStart = lineStart + 11;
        } else if (startsWithNoCase(line, "preferred:")) {
            if (comparisonStart != std::string_view::npos && comparisonEnd == std::string_view::npos)
                comparisonEnd = pos;
            const std::string_view value = trim(line.substr(10));
            if (value == "A" || value == "B" || value == "a" || value == "b")
                out.preferred = value;
        } else if (startsWithNoCase(line, "confidence score:") || startsWithNoCase(line, "confidence:")) {
            const std::string_view value = trim(line.substr(line.find(':') + 1));
            int n = 0;
            std::size_t digits = 0;
            while (digits < value.size() && digits < 4 && std::isdigit(static_cast<unsigned char>(value[digits])))
                n = n * 10 + (value[digits++] - '0');
            if (digits > 0 && n <= 100)
                out.confidence = n;
        }
        pos = eol + 1;
    }
    if (comparisonStart != std::string_view::npos) {
        const std::size_t end = comparisonEnd == std::string_view::npos ? response.size() : comparisonEnd;
        out.comparison = trim(response.substr(comparisonStart, end - comparisonStart));
    }
    return out;
}

} // namespace rankpo
