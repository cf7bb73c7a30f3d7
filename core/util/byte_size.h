#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rankpo {

// Parses a size as people write it for options such as `--max-size`: a number (decimal point allowed) and an
// optional unit, case-insensitive, with or without a space: "20MB", "512kB", "1.5GiB", "300 k", "4096".
//   B (or none)          bytes
//   k, kB, M, MB, G, GB, T, TB     powers of 1000 (as disks and file managers count)
//   KiB, MiB, GiB, TiB   powers of 1024
// The result is rounded down to whole bytes. Throws rankpo::Error (Usage) naming the text for anything else:
// no digits, an unknown unit, a negative or zero size, or one over 2^64 - 1 bytes.
std::uint64_t parseByteSize(std::string_view text);

// "812 bytes", "1.5 kB", "20 MB", "2.1 GB": decimal units with at most one decimal, for messages.
std::string formatByteSize(std::uint64_t bytes);

} // namespace rankpo
