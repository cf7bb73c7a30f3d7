#include "core/evaluation/bradley_terry.h"

#include "core/training/split_mix64.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace rankpo {
namespace {

double logSigmoid(double x)
{
    return x > 0 ? -std::log1p(std::exp(-x)) : x - std::log1p(std::exp(x));
}

double sigmoid(double x)
{
    return 1.0 / (1.0 + std::exp(-x));
}

// The log-likelihood sum_{i != j} W_ij log sigma(theta_i - theta_j).
double logLikelihood(int n, const std::vector<double>& w, const std::vector<double>& theta)
{
    double total = 0.0;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            if (i != j && w[i * n + j] > 0)
                total += w[i * n + j] * logSigmoid(theta[i] - theta[j]);
    return total;
}

// Solves A x = b in place for a symmetric positive definite A (m x m, row-major) by Cholesky.
// False when A is not positive definite to working precision.
bool choleskySolve(int m, std::vector<double>& a, std::vector<double>& b)
{
    for (int j = 0; j < m; ++j) {
        double d = a[j * m + j];
        for (int k = 0; k < j; ++k)
            d -= a[j * m + k] * a[j * m + k];
        if (!(d > 0))
            return false;
        d = std::sqrt(d);
        a[j * m + j] = d;
        for (int i = j + 1; i < m; ++i) {
            double s = a[i * m + j];
            for (int k = 0; k < j; ++k)
                s -= a[i * m + k] * a[j * m + k];
            a[i * m + j] = s / d;
        }
    }
    for (int i = 0; i < m; ++i) {
        double s = b[i];
        for (int k = 0; k < i; ++k)
            s -= a[i * m + k] * b[k];
        b[i] = s / a[i * m + i];
    }
    for (int i = m - 1; i >= 0; --i) {
        double s = b[i];
        for (int k = i + 1; k < m; ++k)
            s -= a[k * m + i] * b[k];
        b[i] = s / a[i * m + i];
    }
    return true;
}

// Newton's method on the concave log-likelihood of one connected group, the last score held at 0 while
// iterating (the likelihood only sees differences), centred at the end. `theta` is the start and the
// result. Returns the iterations taken.
int newtonFit(int n, const std::vector<double>& w, std::vector<double>& theta, double tolerance, int maxIterations)
{
    theta.resize(n, 0.0);
    if (n == 1) {
        theta[0] = 0.0;
        return 0;
    }
    for (int i = 0; i < n; ++i)
        theta[i] -= theta[n - 1];
    const int m = n - 1;
    std::vector<double> gradient(n), hessian(static_cast<std::size_t>(m) * m), step(m), trial(n);
    int iterations = 0;
    for (; iterations < maxIterations; ++iterations) {
        std::fill(gradient.begin(), gradient.end(), 0.0);
        std::fill(hessian.begin(), hessian.end(), 0.0);
        for (int i = 0; i < n; ++i) {
            for (int j = i + 1; j < n; ++j) {
                const double count = w[i * n + j] + w[j * n + i];
                if (count == 0)
                    continue;
                const double p = sigmoid(theta[i] - theta[j]);
                const double g = w[i * n + j] - count * p;
                gradient[i] += g;
                gradient[j] -= g;
                const double h = count * p * (1 - p);
                if (i < m)
                    hessian[i * m + i] += h;
                if (j < m)
                    hessian[j * m + j] += h;
                if (j < m) {
                    hessian[i * m + j] -= h;
                    hessian[j * m + i] -= h;
                }
            }
        }
        double largest = 0.0;
        for (double g : gradient)
            largest = std::max(largest, std::abs(g));
        if (largest < tolerance)
            break;
        std::copy(gradient.begin(), gradient.begin() + m, step.begin());
        if (!choleskySolve(m, hessian, step))
            break; // flat to working precision: as converged as it gets
        // Newton steps on this likelihood rarely overshoot; halving guards the ones that do.
        const double before = logLikelihood(n, w, theta);
        double scale = 1.0;
        double largestStep = 0.0;
        for (int halvings = 0; halvings < 40; ++halvings, scale /= 2) {
            for (int i = 0; i < m; ++i)
                trial[i] = theta[i] + scale * step[i];
            trial[m] = 0.0;
            if (logLikelihood(n, w, trial) >= before - 1e-12 * std::abs(before))
                break;
        }
        for (int i = 0; i < m; ++i)
            largestStep = std::max(largestStep, std::abs(trial[i] - theta[i]));
        theta.swap(trial);
        if (largestStep < 1e-15)
            break;
    }
    const double mean = std::accumulate(theta.begin(), theta.end(), 0.0) / n;
    for (double& t : theta)
        t -= mean;
    return iterations;
}

// numpy.percentile's default ("linear", Hyndman & Fan type 7), with its two-sided interpolation.
double percentile(const std::vector<double>& sorted, double q)
{
    const double position = q * static_cast<double>(sorted.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(position));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    const double t = position - static_cast<double>(lo);
    const double a = sorted[lo];
    const double b = sorted[hi];
    const double diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

struct Indexed {
    int group = 0;
    int local = 0;
};

} // namespace

BradleyTerryResult fitBradleyTerry(const std::vector<PairwiseComparison>& comparisons, const BradleyTerryOptions& options,
                                   const std::vector<CandidateId>& candidates)
{
    if (!(options.priorWins > 0))
        throw usageError("Bradley-Terry: the prior must be more than 0 wins (it keeps the scores finite)");
    if (options.resamples < 0)
        throw usageError("Bradley-Terry: the number of resamples must not be negative");
    if (!(options.level > 0 && options.level < 1))
        throw usageError("Bradley-Terry: the interval level must be between 0 and 1");

    // Candidates in id order, then groups by union-find over the comparisons.
    std::vector<CandidateId> ids = candidates;
    for (const auto& c : comparisons) {
        if (c.winner == c.loser)
            throw usageError("Bradley-Terry: a comparison of candidate " + std::to_string(c.winner) + " with itself");
        ids.push_back(c.winner);
        ids.push_back(c.loser);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    const auto indexOf = [&ids](CandidateId id) {
        return static_cast<int>(std::lower_bound(ids.begin(), ids.end(), id) - ids.begin());
    };
    const int total = static_cast<int>(ids.size());
    std::vector<int> parent(total);
    std::iota(parent.begin(), parent.end(), 0);
    const auto find = [&parent](int x) {
        while (parent[x] != x)
            x = parent[x] = parent[parent[x]];
        return x;
    };
    std::vector<std::pair<int, int>> pairs; // (winner index, loser index)
    pairs.reserve(comparisons.size());
    for (const auto& c : comparisons) {
        const int a = indexOf(c.winner);
        const int b = indexOf(c.loser);
        pairs.emplace_back(a, b);
        parent[find(a)] = find(b);
    }

    BradleyTerryResult result;
    result.comparisons = static_cast<std::int64_t>(comparisons.size());
    std::vector<Indexed> where(total);
    std::unordered_map<int, int> groupOfRoot;
    for (int i = 0; i < total; ++i) { // ids ascending: groups come out ordered by their smallest id
        const int root = find(i);
        auto [it, inserted] = groupOfRoot.emplace(root, static_cast<int>(result.groups.size()));
        if (inserted)
            result.groups.emplace_back();
        where[i] = {it->second, static_cast<int>(result.groups[it->second].size())};
        result.groups[it->second].push_back(ids[i]);
    }
    const int groupCount = static_cast<int>(result.groups.size());

    // Observed wins (ties half each way) per group, and the prior on every compared pair.
    std::vector<std::vector<double>> observed(groupCount), prior(groupCount);
    for (int g = 0; g < groupCount; ++g) {
        const std::size_t n = result.groups[g].size();
        observed[g].assign(n * n, 0.0);
        prior[g].assign(n * n, 0.0);
    }
    std::vector<double> wins(total, 0.0), losses(total, 0.0);
    std::vector<std::int64_t> counts(total, 0);
    const auto addComparison = [&where, &result](std::vector<std::vector<double>>& matrices, int a, int b, bool tie) {
        const int g = where[a].group;
        const int n = static_cast<int>(result.groups[g].size());
        const int i = where[a].local;
        const int j = where[b].local;
        if (tie) {
            matrices[g][i * n + j] += 0.5;
            matrices[g][j * n + i] += 0.5;
        } else {
            matrices[g][i * n + j] += 1.0;
        }
    };
    for (std::size_t k = 0; k < pairs.size(); ++k) {
        const auto [a, b] = pairs[k];
        const bool tie = comparisons[k].tie;
        addComparison(observed, a, b, tie);
        wins[a] += tie ? 0.5 : 1.0;
        losses[b] += tie ? 0.5 : 1.0;
        if (tie) {
            wins[b] += 0.5;
            losses[a] += 0.5;
        }
        ++counts[a];
        ++counts[b];
        const int g = where[a].group;
        const int n = static_cast<int>(result.groups[g].size());
        prior[g][where[a].local * n + where[b].local] = options.priorWins;
        prior[g][where[b].local * n + where[a].local] = options.priorWins;
    }

    // Point estimates.
    std::vector<std::vector<double>> theta(groupCount);
    for (int g = 0; g < groupCount; ++g) {
        const int n = static_cast<int>(result.groups[g].size());
        std::vector<double> w = observed[g];
        for (std::size_t k = 0; k < w.size(); ++k)
            w[k] += prior[g][k];
        result.iterations += newtonFit(n, w, theta[g], options.tolerance, options.maxIterations);
    }

    // Bootstrap: resample the comparisons (all of the job's, with replacement), refit from the point estimate.
    std::vector<std::vector<double>> draws(total);
    if (options.resamples > 0 && !pairs.empty()) {
        std::vector<std::vector<double>> resampled(groupCount);
        std::vector<double> start;
        for (auto& d : draws)
            d.reserve(static_cast<std::size_t>(options.resamples));
        for (int r = 0; r < options.resamples; ++r) {
            for (int g = 0; g < groupCount; ++g)
                resampled[g] = prior[g];
            SplitMix64 rng(deriveSeed(options.seed, static_cast<std::uint64_t>(r)));
            for (std::size_t k = 0; k < pairs.size(); ++k) {
                const auto pick = static_cast<std::size_t>(rng.nextBelow(pairs.size()));
                addComparison(resampled, pairs[pick].first, pairs[pick].second, comparisons[pick].tie);
            }
            for (int g = 0; g < groupCount; ++g) {
                const int n = static_cast<int>(result.groups[g].size());
                start = theta[g];
                newtonFit(n, resampled[g], start, options.tolerance, options.maxIterations);
                for (int i = 0; i < n; ++i)
                    draws[indexOf(result.groups[g][i])].push_back(start[i]);
            }
        }
    }

    const double tail = (1 - options.level) / 2;
    for (int i = 0; i < total; ++i) {
        BradleyTerryScore s;
        s.candidate = ids[i];
        s.group = where[i].group;
        s.score = theta[s.group][where[i].local];
        s.lower = s.upper = s.score;
        if (!draws[i].empty()) {
            std::sort(draws[i].begin(), draws[i].end());
            s.lower = percentile(draws[i], tail);
            s.upper = percentile(draws[i], 1 - tail);
        }
        s.wins = wins[i];
        s.losses = losses[i];
        s.comparisons = counts[i];
        result.scores.push_back(s);
    }
    std::sort(result.scores.begin(), result.scores.end(), [](const BradleyTerryScore& x, const BradleyTerryScore& y) {
        if (x.group != y.group)
            return x.group < y.group;
        if (x.score != y.score)
            return x.score > y.score;
        return x.candidate < y.candidate;
    });

    // Intransitive triads on the majority direction of each compared pair (observed votes only).
    for (int g = 0; g < groupCount; ++g) {
        const int n = static_cast<int>(result.groups[g].size());
        if (n < 3)
            continue;
        const std::vector<double>& w = observed[g];
        std::vector<signed char> beats(static_cast<std::size_t>(n) * n, 0); // +1: i beats j by majority
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                if (i != j)
                    beats[i * n + j] = w[i * n + j] > w[j * n + i] ? 1 : w[i * n + j] < w[j * n + i] ? -1 : 0;
        const auto& members = result.groups[g]; // ascending ids
        for (int i = 0; i < n; ++i)
            for (int j = i + 1; j < n; ++j) {
                const signed char ij = beats[i * n + j];
                if (ij == 0)
                    continue;
                for (int k = j + 1; k < n; ++k) {
                    if (ij > 0 && beats[j * n + k] > 0 && beats[k * n + i] > 0)
                        result.triads.push_back({members[i], members[j], members[k]});
                    else if (ij < 0 && beats[k * n + j] > 0 && beats[i * n + k] > 0)
                        result.triads.push_back({members[i], members[k], members[j]});
                }
            }
    }
    std::sort(result.triads.begin(), result.triads.end(), [](const IntransitiveTriad& x, const IntransitiveTriad& y) {
        return std::tie(x.a, x.b, x.c) < std::tie(y.a, y.b, y.c);
    });
    return result;
}

std::map<JobId, BradleyTerryResult> fitBradleyTerryByJob(const std::vector<Preference>& preferences, const BradleyTerryOptions& options)
{
    std::map<JobId, std::vector<PairwiseComparison>> byJob;
    for (const Preference& p : preferences) {
        if (p.shownFirst == p.shownSecond)
            throw dataError("preference " + std::to_string(p.id) + ": the same candidate shown twice");
        PairwiseComparison c;
        c.tie = p.choice == Choice::Tie;
        c.winner = p.choice == Choice::Second ? p.shownSecond : p.shownFirst;
        c.loser = p.choice == Choice::Second ? p.shownFirst : p.shownSecond;
        byJob[p.jobId].push_back(c);
    }
    std::map<JobId, BradleyTerryResult> out;
    for (const auto& [job, comparisons] : byJob)
        out.emplace(job, fitBradleyTerry(comparisons, options));
    return out;
}

} // namespace rankpo
