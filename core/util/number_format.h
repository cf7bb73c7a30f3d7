#pragma once

#include <cstdio>
#include <string>

namespace rankpo {

// A number as messages, configs and tables show it: the shortest of fixed or exponent notation with
// `significantDigits` significant digits ("%.*g": 1e-05, 0.1, 2, 1280).
inline std::string formatNumber(double value, int significantDigits = 10)
{
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.*g", significantDigits, value);
    return buffer;
}

} // namespace rankpo
