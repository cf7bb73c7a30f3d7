#pragma once

#include <cstdio>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rankpo {

// Streams a text file line by line with bounded memory (one block plus the longest line).
// A UTF-8 BOM at the start is skipped; "\r\n" and "\n" both end a line. Every returned line is
// followed in memory by at least kPadding readable bytes, so that simdjson can parse it in place.
class LineReader {
public:
    static constexpr std::size_t kPadding = 64;

    explicit LineReader(const std::string& path, std::size_t blockSize = 8u << 20);
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    // Returns false at the end of the file. The view stays valid until the next call.
    bool next(std::string_view& line);
    // 1-based number of the line last returned by next().
    std::size_t lineNumber() const { return m_lineNumber; }
    const std::string& path() const { return m_path; }
    // Bytes consumed so far and the file's size, for progress bars.
    std::uint64_t bytesRead() const { return m_bytesConsumed; }
    std::uint64_t fileSize() const { return m_fileSize; }

private:
    bool fill();

    std::string m_path;
    std::FILE* m_file = nullptr;
    std::vector<char> m_buffer;
    std::size_t m_begin = 0; // start of unconsumed data
    std::size_t m_end = 0;   // end of valid data
    bool m_eof = false;
    bool m_first = true;
    std::size_t m_lineNumber = 0;
    std::uint64_t m_bytesConsumed = 0;
    std::uint64_t m_fileSize = 0;
};

} // namespace rankpo
