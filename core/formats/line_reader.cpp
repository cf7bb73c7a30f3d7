#include "core/formats/line_reader.h"

#include "core/util/error.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace rankpo {

LineReader::LineReader(const std::string& path, std::size_t blockSize) : m_path(path)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        throw ioError(path + ": cannot open: " + std::strerror(errno));
    if (S_ISDIR(st.st_mode))
        throw ioError(path + ": is a directory, not a file");
    m_file = std::fopen(path.c_str(), "rb");
    if (!m_file)
        throw ioError(path + ": cannot open: " + std::strerror(errno));
    m_fileSize = static_cast<std::uint64_t>(st.st_size);
    // Small files get a small buffer (it grows if a line needs more).
    const std::size_t block = static_cast<std::size_t>(std::min<std::uint64_t>(blockSize, std::max<std::uint64_t>(m_fileSize + 1, 4096)));
    m_buffer.resize(block + kPadding);
}

LineReader::~LineReader()
{
    if (m_file)
        std::fclose(m_file);
}

bool LineReader::fill()
{
    if (m_eof)
        return false;
    // Move what is left to the front, grow if a single line fills the whole buffer.
    const std::size_t left = m_end - m_begin;
    if (m_begin > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_begin, left);
        m_begin = 0;
        m_end = left;
    }
    const std::size_t capacity = m_buffer.size() - kPadding;
    if (m_end == capacity)
        m_buffer.resize(m_buffer.size() * 2);
    const std::size_t room = m_buffer.size() - kPadding - m_end;
    const std::size_t got = std::fread(m_buffer.data() + m_end, 1, room, m_file);
    if (got < room) {
        if (std::ferror(m_file))
            throw ioError(m_path + ": read error: " + std::strerror(errno));
        m_eof = true;
    }
    m_end += got;
    std::memset(m_buffer.data() + m_end, 0, kPadding);
    return got > 0;
}

bool LineReader::next(std::string_view& line)
{
    for (;;) {
        const char* data = m_buffer.data();
        if (m_first && m_end - m_begin >= 2) {
            // Spreadsheet programs on Windows save "Unicode text" as UTF-16: say what is wrong, not
            // "invalid UTF-8" or an unrecognised format.
            const auto b0 = static_cast<unsigned char>(data[m_begin]);
            const auto b1 = static_cast<unsigned char>(data[m_begin + 1]);
            if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF))
                throw dataError(m_path + ": the file is UTF-16 encoded (byte-order mark " + (b0 == 0xFF ? "FF FE" : "FE FF")
                                + "); save it as UTF-8");
        }
        if (m_first && m_end - m_begin >= 3) {
            m_first = false;
            if (std::memcmp(data + m_begin, "\xEF\xBB\xBF", 3) == 0) {
                m_begin += 3;
                m_bytesConsumed += 3;
            }
        }
        const void* nl = std::memchr(data + m_begin, '\n', m_end - m_begin);
        if (nl || (m_eof && m_begin < m_end)) {
            const std::size_t stop = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - data) : m_end;
            std::size_t len = stop - m_begin;
            if (len > 0 && data[m_begin + len - 1] == '\r')
                --len;
            line = std::string_view(data + m_begin, len);
            const std::size_t consumed = (nl ? stop + 1 : stop) - m_begin;
            m_bytesConsumed += consumed;
            m_begin += consumed;
            ++m_lineNumber;
            return true;
        }
        if (m_eof)
            return false;
        if (!fill() && m_begin >= m_end && m_eof)
            return false;
        if (m_first && m_eof && m_end - m_begin < 3)
            m_first = false; // a file shorter than a BOM
    }
}

} // namespace rankpo
