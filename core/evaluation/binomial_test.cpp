#include "core/evaluation/binomial_test.h"

#include "core/util/error.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace rankpo {
namespace {

double logBinomialPmf(std::int64_t k, std::int64_t n, double logP, double logQ)
{
    const double kk = static_cast<double>(k);
    const double nn = static_cast<double>(n);
    return std::lgamma(nn + 1.0) - std::lgamma(kk + 1.0) - std::lgamma(nn - kk + 1.0) + kk * logP + (nn - kk) * logQ;
}

} // namespace

double binomialTestTwoSided(std::int64_t successes, std::int64_t trials, double p)
{
    if (trials < 0 || successes < 0 || successes > trials || !(p > 0.0 && p < 1.0))
        throw usageError("binomial test: need 0 <= successes (" + std::to_string(successes) + ") <= trials ("
                         + std::to_string(trials) + ") and 0 < p < 1");
    if (trials == 0)
        return 1.0;
    const double logP = std::log(p);
    const double logQ = std::log1p(-p);
    // log(pmf(observed) * (1 + 1e-7)): outcomes at most this likely are "as extreme".
    const double threshold = logBinomialPmf(successes, trials, logP, logQ) + std::log1p(1e-7);
    // Sum in linear space relative to the observed outcome's probability, so that tails far below
    // double's range still add up correctly.
    const double reference = threshold;
    double sum = 0.0;
    for (std::int64_t k = 0; k <= trials; ++k) {
        const double logPmf = logBinomialPmf(k, trials, logP, logQ);
        if (logPmf <= threshold)
            sum += std::exp(logPmf - reference);
    }
    const double logPValue = std::log(sum) + reference;
    return std::min(1.0, std::exp(logPValue));
}

} // namespace rankpo
