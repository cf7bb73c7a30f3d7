#include "core/documents/text_flow_builder.h"

#include "core/documents/text_cleanup.h"

#include <algorithm>

namespace rankpo {

void TextFlowBuilder::flush()
{
    if (m_pendingBreaks > 0) {
        if (!m_out.empty()) {
            int have = 0; // line ends already written (by lineBreak())
            for (auto it = m_out.rbegin(); it != m_out.rend() && *it == '\n' && have < m_pendingBreaks; ++it)
                ++have;
            m_out.append(static_cast<std::size_t>(m_pendingBreaks - have), '\n');
        }
        m_pendingBreaks = 0;
        m_pendingSpace = false;
        return;
    }
    if (m_pendingSpace) {
        if (!m_out.empty() && m_out.back() != ' ' && m_out.back() != '\n' && m_out.back() != '\t')
            m_out.push_back(' ');
        m_pendingSpace = false;
    }
}

void TextFlowBuilder::appendText(std::string_view utf8)
{
    if (utf8.empty())
        return;
    flush();
    m_out.append(utf8);
}

void TextFlowBuilder::appendCollapsed(std::string_view utf8)
{
    std::size_t i = 0;
    while (i < utf8.size()) {
        const char c = utf8[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            m_pendingSpace = true;
            ++i;
            continue;
        }
        if (c == '\xC2' && i + 1 < utf8.size() && utf8[i + 1] == '\xA0') {
            m_pendingSpace = true;
            i += 2;
            continue;
        }
        // A run of visible bytes goes in at once.
        std::size_t j = i + 1;
        while (j < utf8.size()) {
            const char d = utf8[j];
            if (d == ' ' || d == '\t' || d == '\n' || d == '\r' || d == '\f' || d == '\v'
                || (d == '\xC2' && j + 1 < utf8.size() && utf8[j + 1] == '\xA0'))
                break;
            ++j;
        }
        flush();
        m_out.append(utf8.substr(i, j - i));
        i = j;
    }
}

void TextFlowBuilder::tab()
{
    m_pendingSpace = false;
    flush();
    m_out.push_back('\t');
}

void TextFlowBuilder::lineBreak()
{
    m_pendingSpace = false;
    flush();
    m_out.push_back('\n');
}

void TextFlowBuilder::blockBreak(int lineEnds)
{
    m_pendingSpace = false;
    m_pendingBreaks = std::max(m_pendingBreaks, lineEnds);
}

std::string TextFlowBuilder::take()
{
    std::string text = tidyExtractedText(m_out);
    m_out.clear();
    m_pendingBreaks = 0;
    m_pendingSpace = false;
    return text;
}

} // namespace rankpo
