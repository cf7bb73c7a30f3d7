#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace rankpo {

// SHA-256 (FIPS 180-4). Used where a hash must be checkable outside the tool: a judge prompt's hash is
// the `sha256sum` of its canonical text, so a user can tell which prompt file a rater used.
class Sha256 {
public:
    Sha256();
    void update(std::string_view data);
    std::array<std::uint8_t, 32> finish(); // the object must not be updated afterwards

    static std::array<std::uint8_t, 32> of(std::string_view data);
    static std::string hexOf(std::string_view data);

private:
    void compress(const std::uint8_t* block);

    std::array<std::uint32_t, 8> m_state;
    std::array<std::uint8_t, 64> m_buffer{};
    std::size_t m_buffered = 0;
    std::uint64_t m_length = 0; // bytes
};

} // namespace rankpo
