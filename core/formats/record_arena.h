#pragma once

#include "core/formats/import_records.h"

#include <memory>
#include <string_view>
#include <vector>

namespace rankpo {

// Bump-allocated copies of record text, so that a parsed record can outlive the line buffer and
// parser it came from (the importer parses on one thread and writes on another).
class RecordArena {
public:
    std::string_view copy(std::string_view text);
    void clear();
    std::size_t bytes() const { return m_used; }

private:
    static constexpr std::size_t kChunk = 1u << 20;
    std::vector<std::unique_ptr<char[]>> m_chunks;
    std::vector<std::unique_ptr<char[]>> m_large;
    std::size_t m_chunkIndex = 0;
    std::size_t m_offset = kChunk;
    std::size_t m_used = 0;
};

// Points every view of `record` at copies in `arena` (and drops the record's own storage).
void relocate(ParsedRecord& record, RecordArena& arena);

} // namespace rankpo
