#include "core/formats/record_arena.h"

#include <cstring>

namespace rankpo {

std::string_view RecordArena::copy(std::string_view text)
{
    if (text.empty())
        return {};
    m_used += text.size();
    if (text.size() > kChunk / 4) {
        m_large.emplace_back(new char[text.size()]);
        std::memcpy(m_large.back().get(), text.data(), text.size());
        return std::string_view(m_large.back().get(), text.size());
    }
    if (m_offset + text.size() > kChunk) {
        if (m_chunks.empty() || m_chunkIndex + 1 >= m_chunks.size()) {
            m_chunks.emplace_back(new char[kChunk]);
            m_chunkIndex = m_chunks.size() - 1;
        } else {
            ++m_chunkIndex;
        }
        m_offset = 0;
    }
    char* dst = m_chunks[m_chunkIndex].get() + m_offset;
    std::memcpy(dst, text.data(), text.size());
    m_offset += text.size();
    return std::string_view(dst, text.size());
}

void RecordArena::clear()
{
    // Keep the regular chunks for reuse; large blocks go.
    m_large.clear();
    m_chunkIndex = 0;
    m_offset = m_chunks.empty() ? kChunk : 0;
    m_used = 0;
}

void relocate(ParsedRecord& record, RecordArena& arena)
{
    auto move = [&](TextRef& ref) {
        ref.text = arena.copy(ref.text);
        ref.externalId = arena.copy(ref.externalId);
        ref.computeHashes();
    };
    for (auto& p : record.preferences) {
        move(p.job);
        move(p.first);
        move(p.second);
        p.rationale = arena.copy(p.rationale);
        p.annotator = arena.copy(p.annotator);
        p.madeBy = arena.copy(p.madeBy);
        p.strategy = arena.copy(p.strategy);
        p.response = arena.copy(p.response);
        p.usage = arena.copy(p.usage);
    }
    for (auto& l : record.labels) {
        move(l.job);
        move(l.candidate);
    }
    for (auto& c : record.candidates)
        move(c);
    for (auto& q : record.evalQueries)
        move(q.job);
    record.storage.clear();
}

} // namespace rankpo
