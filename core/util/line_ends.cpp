#include "core/util/line_ends.h"

namespace rankpo {

void normalizeLineEnds(std::string& text)
{
    if (text.find('\r') == std::string::npos)
        return;
    std::size_t w = 0;
    for (std::size_t r = 0; r < text.size(); ++r) {
        if (text[r] == '\r') {
            text[w++] = '\n';
            if (r + 1 < text.size() && text[r + 1] == '\n')
                ++r;
        } else {
            text[w++] = text[r];
        }
    }
    text.resize(w);
}

} // namespace rankpo
