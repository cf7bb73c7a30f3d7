#!/usr/bin/env python3
"""Reference values for the preference statistics: Cohen's kappa (scikit-learn's cohen_kappa_score) on
random label pairs over 3 categories (first/second candidate of the pair wins, tie), and exact
two-sided binomial test p-values against 0.5 (scipy's binomtest), run by Debian's /usr/bin/python3.

Usage: statistics_reference.py SEED OUT_JSON
"""
import json
import random
import sys

import scipy
import sklearn
from scipy.stats import binomtest
from sklearn.metrics import cohen_kappa_score


def main():
    rng = random.Random(int(sys.argv[1]))
    kappas = []
    for _ in range(12):
        n = rng.randint(5, 60)
        bias = rng.random()
        a = [rng.choices([0, 1, 2], weights=[1, 1, 0.3])[0] for _ in range(n)]
        # a second rater that agrees with the first part of the time
        b = [x if rng.random() < bias else rng.choice([0, 1, 2]) for x in a]
        kappas.append({"a": a, "b": b, "kappa": float(cohen_kappa_score(a, b))})
    binomial = []
    for n in (1, 2, 5, 10, 20, 37, 100, 1000, 5000):
        for k in sorted({0, 1, n // 3, n // 2, (n + 1) // 2, n - 1, n}):
            if 0 <= k <= n:
                binomial.append({"successes": k, "trials": n, "p_value": float(binomtest(k, n, 0.5).pvalue)})
    with open(sys.argv[2], "w") as f:
        json.dump({"reference": f"scikit-learn {sklearn.__version__}, scipy {scipy.__version__}",
                   "cohen_kappa": kappas, "binomial_two_sided": binomial}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
