#include "core/documents/text_cleanup.h"

namespace rankpo {

std::string tidyExtractedText(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    std::size_t pendingNewlines = 0; // line ends not written yet: they are written before the next text
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t eol = text.find_first_of("\r\n", pos);
        if (eol == std::string_view::npos)
            eol = text.size();
        std::string_view line = text.substr(pos, eol - pos);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t'))
            line.remove_suffix(1);
        if (!line.empty()) {
            if (!out.empty())
                out.append(pendingNewlines >= 2 ? 2 : 1, '\n');
            out.append(line);
            pendingNewlines = 0;
        }
        if (eol == text.size())
            break;
        ++pendingNewlines;
        pos = eol + (text[eol] == '\r' && eol + 1 < text.size() && text[eol + 1] == '\n' ? 2 : 1);
    }
    return out;
}

bool isBlankText(std::string_view text)
{
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
            continue;
        if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
            ++i;
            continue;
        }
        return false;
    }
    return true;
}

} // namespace rankpo
