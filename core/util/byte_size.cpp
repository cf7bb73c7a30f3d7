#include "core/util/byte_size.h"

#include "core/util/error.h"

#include <cctype>

namespace rankpo {
namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

[[noreturn]] void invalid(std::string_view text, const std::string& why)
{
    throw usageError("invalid size \"" + std::string(text) + "\": " + why
                     + " (expected a number and a unit such as 20MB, 512kB or 1.5GiB)");
}

} // namespace

std::uint64_t parseByteSize(std::string_view text)
{
    std::size_t i = 0;
    auto skipSpace = [&] {
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])))
            ++i;
    };
    skipSpace();
    if (i < text.size() && (text[i] == '-' || text[i] == '+'))
        invalid(text, text[i] == '-' ? "a size cannot be negative" : "no sign is needed");
    // Digits are read by hand: strtod follows the C locale's decimal separator, which a Qt application sets
    // from the environment (a German desktop would read "1.5" as 1).
    using Wide = unsigned __int128;
    const Wide kMax = ~std::uint64_t(0);
    Wide whole = 0, fraction = 0, scale = 1;
    std::size_t digits = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
        whole = whole * 10 + static_cast<unsigned>(text[i] - '0');
        if (whole > kMax)
            invalid(text, "too large");
        ++i;
        ++digits;
    }
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
            // Digits past the 18th cannot change a whole number of bytes below 2^64 after rounding down.
            if (scale < Wide(1000000000000000000ULL)) {
                fraction = fraction * 10 + static_cast<unsigned>(text[i] - '0');
                scale *= 10;
            }
            ++i;
            ++digits;
        }
    }
    if (digits == 0)
        invalid(text, "no number");
    skipSpace();
    std::size_t end = text.size();
    while (end > i && std::isspace(static_cast<unsigned char>(text[end - 1])))
        --end;
    const std::string unit = lower(text.substr(i, end - i));
    Wide multiplier = 0;
    if (unit.empty() || unit == "b")
        multiplier = 1;
    else if (unit == "k" || unit == "kb")
        multiplier = 1000;
    else if (unit == "m" || unit == "mb")
        multiplier = 1000 * 1000;
    else if (unit == "g" || unit == "gb")
        multiplier = Wide(1000) * 1000 * 1000;
    else if (unit == "t" || unit == "tb")
        multiplier = Wide(1000) * 1000 * 1000 * 1000;
    else if (unit == "kib")
        multiplier = Wide(1) << 10;
    else if (unit == "mib")
        multiplier = Wide(1) << 20;
    else if (unit == "gib")
        multiplier = Wide(1) << 30;
    else if (unit == "tib")
        multiplier = Wide(1) << 40;
    else
        invalid(text, "unknown unit \"" + std::string(text.substr(i, end - i)) + "\"");
    if (whole > kMax / multiplier)
        invalid(text, "too large");
    const Wide bytes = whole * multiplier + fraction * multiplier / scale;
    if (bytes > kMax)
        invalid(text, "too large");
    if (bytes == 0)
        invalid(text, "a size must be at least one byte");
    return static_cast<std::uint64_t>(bytes);
}

std::string formatByteSize(std::uint64_t bytes)
{
    if (bytes < 1000)
        return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
    // Integer arithmetic throughout: printf's "%.1f" would write the locale's decimal comma.
    using Wide = unsigned __int128;
    static const char* const kUnits[] = {"kB", "MB", "GB", "TB", "PB", "EB"};
    Wide divisor = 1000;
    int unit = 0;
    // "1000 kB" is "1 MB".
    while ((Wide(bytes) + divisor / 2) / divisor >= 1000 && unit < 5) {
        divisor *= 1000;
        ++unit;
    }
    const Wide tenths = (Wide(bytes) * 10 + divisor / 2) / divisor;
    const auto whole = static_cast<std::uint64_t>(tenths / 10);
    const auto decimal = static_cast<unsigned>(tenths % 10);
    if (whole >= 100)
        return std::to_string(static_cast<std::uint64_t>((Wide(bytes) + divisor / 2) / divisor)) + " " + kUnits[unit];
    if (decimal == 0)
        return std::to_string(whole) + " " + kUnits[unit];
    return std::to_string(whole) + "." + std::to_string(decimal) + " " + kUnits[unit];
}

} // namespace rankpo
