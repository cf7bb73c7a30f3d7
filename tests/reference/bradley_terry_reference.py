#!/usr/bin/env python3
"""Reference values for the votes-to-rankings statistics (core/evaluation/bradley_terry, kendall_tau):
Bradley-Terry maximum likelihood with scipy.optimize (trust-exact on the exact gradient and Hessian,
polished by root on the gradient),
the same weak prior (priorWins extra wins each way on every compared pair), per connected group, and
the same bootstrap (resample b draws indices with SplitMix64(deriveSeed(seed, b)).nextBelow(m), as
core/training/split_mix64.cpp), percentile intervals by numpy.percentile; intransitive triads by brute
force over all triples; Kendall's tau-b by scipy.stats.kendalltau. Run by Debian's /usr/bin/python3.

Usage: bradley_terry_reference.py SEED OUT_JSON
"""
import itertools
import json
import random
import sys

import numpy as np
import scipy
from scipy.optimize import minimize, root
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components
from scipy.stats import kendalltau

MASK = (1 << 64) - 1
PRIOR = 0.5
RESAMPLES = 1000
BOOT_SEED = 20250311
LEVEL = 0.95


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def next_below(self, bound):
        threshold = ((1 << 64) - bound) % bound
        while True:
            r = self.next()
            if r >= threshold:
                return r % bound


def derive_seed(seed, stream):
    a = SplitMix64(seed).next()
    return SplitMix64(a ^ ((stream * 0xD1B54A32D192ED03) & MASK)).next()


def fit_group(w):
    """Maximum likelihood scores of one connected group from its win matrix w (prior included)."""
    n = w.shape[0]
    if n == 1:
        return np.zeros(1)
    count = w + w.T

    def full(free):
        return np.append(free, 0.0)  # the last score held at 0: the likelihood only sees differences

    def negll(free):
        d = full(free)[:, None] - full(free)[None, :]
        return float(np.sum(w * np.logaddexp(0.0, -d)))

    def grad(free):
        t = full(free)
        p = 1.0 / (1.0 + np.exp(-(t[:, None] - t[None, :])))
        return -(w.sum(axis=1) - (count * p).sum(axis=1))[:-1]

    def hess(free):
        t = full(free)
        p = 1.0 / (1.0 + np.exp(-(t[:, None] - t[None, :])))
        h = count * p * (1.0 - p)
        m = np.diag(h.sum(axis=1)) - h
        return m[:-1, :-1]

    res = minimize(negll, np.zeros(n - 1), jac=grad, hess=hess, method="trust-exact", options={"gtol": 1e-10})
    # Near the optimum the likelihood is flat to double precision; the gradient's root is sharper.
    polished = root(grad, res.x, jac=hess, tol=1e-15)
    assert np.max(np.abs(grad(polished.x))) < 1e-9, (res, polished)
    t = full(polished.x)
    return t - t.mean()


def bradley_terry(comparisons, extra_candidates):
    ids = sorted({c for w, l, _ in comparisons for c in (w, l)} | set(extra_candidates))
    index = {c: i for i, c in enumerate(ids)}
    n = len(ids)
    links = np.zeros((n, n))
    for w, l, _ in comparisons:
        links[index[w], index[l]] = links[index[l], index[w]] = 1
    _, labels = connected_components(csr_matrix(links), directed=False)
    # groups ordered by their smallest id
    order = []
    for i in range(n):
        if labels[i] not in order:
            order.append(labels[i])
    groups = [[ids[i] for i in range(n) if labels[i] == g] for g in order]

    def wins_matrix(draw):
        w = PRIOR * links
        for k in draw:
            a, b, tie = comparisons[k]
            if tie:
                w[index[a], index[b]] += 0.5
                w[index[b], index[a]] += 0.5
            else:
                w[index[a], index[b]] += 1.0
        return w

    def fit(w):
        scores = np.zeros(n)
        for members in groups:
            sel = [index[c] for c in members]
            scores[sel] = fit_group(w[np.ix_(sel, sel)])
        return scores

    m = len(comparisons)
    point = fit(wins_matrix(range(m)))
    draws = []
    for r in range(RESAMPLES if m else 0):
        rng = SplitMix64(derive_seed(BOOT_SEED, r))
        draws.append(fit(wins_matrix([rng.next_below(m) for _ in range(m)])))
    tail = (1 - LEVEL) / 2
    if draws:
        lower, upper = np.percentile(np.array(draws), [100 * tail, 100 * (1 - tail)], axis=0)
    else:
        lower = upper = point

    observed = wins_matrix(range(m)) - PRIOR * links
    triads = []
    for i, j, k in itertools.combinations(range(n), 3):
        def beats(a, b):
            return observed[a, b] > observed[b, a]
        if beats(i, j) and beats(j, k) and beats(k, i):
            triads.append([ids[i], ids[j], ids[k]])
        if beats(i, k) and beats(k, j) and beats(j, i):
            triads.append([ids[i], ids[k], ids[j]])
    return {
        "groups": groups,
        "scores": {str(c): [float(point[index[c]]), float(lower[index[c]]), float(upper[index[c]])] for c in ids},
        "triads": sorted(triads),
    }


def random_fixture(rng, candidates, comparisons, tie_rate, first_id=1):
    strength = [rng.gauss(0, 1.2) for _ in range(candidates)]
    out = []
    for _ in range(comparisons):
        a, b = rng.sample(range(candidates), 2)
        if rng.random() < tie_rate:
            out.append([first_id + a, first_id + b, True])
        elif rng.random() < 1 / (1 + np.exp(strength[b] - strength[a])):
            out.append([first_id + a, first_id + b, False])
        else:
            out.append([first_id + b, first_id + a, False])
    return out


def main():
    rng = random.Random(int(sys.argv[1]))
    fixtures = [
        {"name": "three with a tie", "candidates": [],
         "comparisons": [[10, 20, False], [10, 20, False], [20, 30, False], [10, 30, True], [30, 20, False]]},
        {"name": "never loses, never wins", "candidates": [],
         "comparisons": [[1, 2, False], [1, 3, False], [1, 4, False], [2, 4, False], [3, 4, False], [1, 2, False]]},
        {"name": "two groups and a loner", "candidates": [99],
         "comparisons": [[1, 2, False], [2, 3, False], [3, 1, False], [1, 3, False], [5, 4, False], [4, 5, True]]},
        {"name": "intransitive", "candidates": [],
         "comparisons": [[1, 2, False], [2, 3, False], [3, 1, False], [4, 1, False], [4, 2, False], [3, 4, False],
                         [2, 1, False], [1, 2, False]]},
        {"name": "random 12", "candidates": [], "comparisons": random_fixture(rng, 12, 60, 0.1)},
        {"name": "random 25", "candidates": [], "comparisons": random_fixture(rng, 25, 150, 0.05, first_id=1000)},
        {"name": "random sparse 16", "candidates": [], "comparisons": random_fixture(rng, 16, 14, 0.0)},
    ]
    for f in fixtures:
        f["expected"] = bradley_terry(f["comparisons"], f["candidates"])

    taus = []
    for n in (2, 3, 5, 8, 13, 30, 50):
        for ties in (False, True):
            if ties:
                x = [rng.randint(0, 4) for _ in range(n)]
                y = [rng.randint(0, 3) for _ in range(n)]
            else:
                x = [rng.random() for _ in range(n)]
                y = [xi + rng.gauss(0, 0.3) for xi in x]
            tau = float(kendalltau(x, y)[0])
            taus.append({"x": x, "y": y, "tau_b": None if np.isnan(tau) else tau})  # NaN: undefined
    taus.append({"x": [1, 1, 1], "y": [1, 2, 3], "tau_b": None})  # all of x tied: undefined

    with open(sys.argv[2], "w") as f:
        json.dump({"reference": f"numpy {np.__version__}, scipy {scipy.__version__}",
                   "prior_wins": PRIOR, "resamples": RESAMPLES, "seed": BOOT_SEED, "level": LEVEL,
                   "bradley_terry": fixtures, "kendall_tau_b": taus}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
