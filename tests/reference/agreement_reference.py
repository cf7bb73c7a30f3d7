#!/usr/bin/env python3
"""Team agreement goldens for tests/core/tst_multi_rater_agreement.cpp.

Krippendorff's alpha (nominal) from the `krippendorff` package (PyPI, pinned in scripts/install-python-deps.sh);
Fleiss' kappa for units with different numbers of raters written out here (statsmodels' fleiss_kappa assumes the
same number on every unit; on such data the two agree, which this script checks when statsmodels is installed).
Writes golden_agreement.json next to this file: random teams of 2-6 raters over 3 outcomes with missing ratings.

Run: PYTHONPATH=.deps/python /usr/bin/python3 tests/reference/agreement_reference.py
"""
import json
import os
import random

import krippendorff
import numpy as np


def fleiss_variable(units, categories):
    units = [u for u in units if len(u) >= 2]
    totals = np.zeros(categories)
    p_sum = 0.0
    for u in units:
        counts = np.bincount(u, minlength=categories).astype(float)
        n = len(u)
        p_sum += (counts * (counts - 1)).sum() / (n * (n - 1))
        totals += counts
    p_bar = p_sum / len(units)
    shares = totals / totals.sum()
    p_e = (shares ** 2).sum()
    return (p_bar - p_e) / (1 - p_e)


def main():
    rng = random.Random(7)
    cases = []
    for case in range(6):
        raters = rng.randint(2, 6)
        units = rng.randint(5, 40)
        bias = rng.random()
        matrix = np.full((raters, units), np.nan)
        for u in range(units):
            truth = rng.randrange(3)
            for r in range(raters):
                if rng.random() < 0.3:
                    continue  # this rater did not judge the unit
                matrix[r, u] = truth if rng.random() < bias else rng.randrange(3)
        unit_lists = [[int(v) for v in matrix[:, u] if not np.isnan(v)] for u in range(units)]
        pairable = [u for u in unit_lists if len(u) >= 2]
        if not pairable or len({v for u in pairable for v in u}) < 2:
            continue
        alpha = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal", value_domain=[0, 1, 2])
        cases.append({"units": unit_lists, "alpha": float(alpha), "kappa": float(fleiss_variable(unit_lists, 3))})
    try:  # the same number of raters everywhere: statsmodels' Fleiss kappa is the same figure
        from statsmodels.stats.inter_rater import fleiss_kappa
        table = np.array([[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
                          [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]])
        units = [[c for c in range(5) for _ in range(row[c])] for row in table]
        assert abs(fleiss_kappa(table) - fleiss_variable(units, 5)) < 1e-12
    except ImportError:
        pass
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden_agreement.json")
    with open(out, "w") as f:
        json.dump({"generator": "tests/reference/agreement_reference.py", "krippendorff": krippendorff.__version__
                   if hasattr(krippendorff, "__version__") else "0.9.0", "cases": cases}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
