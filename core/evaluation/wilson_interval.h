#pragma once

namespace rankpo {

struct ProportionInterval {
    double lower = 0.0;
    double upper = 1.0;
};

// The two-sided 95% normal quantile, Phi^-1(0.975).
inline constexpr double kZ95 = 1.959963984540054;

// The Wilson score interval of a proportion successes/trials. `successes` may be fractional (alignment
// counts a tied score as half a success). With no trials the interval is the whole [0, 1]: nothing is
// known. Throws a usage error unless 0 <= successes <= trials and z > 0.
ProportionInterval wilsonInterval(double successes, double trials, double z = kZ95);

} // namespace rankpo
