#!/usr/bin/env python3
"""Reference values of the `upstream` metric family: the semantics of `compute_metrics` in
src/utils.py of yflyzhang/RankPO (the paper's evaluation), with nDCG and AUC taken from scikit-learn
exactly as that function calls it (ndcg_score with default ignore_ties=False, roc_auc_score on the
pooled top-k), run by Debian's /usr/bin/python3 with python3-sklearn.

Each query's list is its run lines ordered like trec_eval (score descending, ties by docno descending);
relevance is binary (qrels value >= 1); the queries are those of the run that the qrels judge. Lists of
different lengths are scored one query at a time (ndcg_score on a one-row matrix), which is what the
paper's matrix call computes row by row.

Usage: sklearn_reference.py QRELS RUN CUTOFFS OUT_JSON
"""
import json
import math
import sys

import numpy as np
import sklearn
from sklearn.metrics import ndcg_score, roc_auc_score


def main():
    qrels_path, run_path, cutoffs_text, out_path = sys.argv[1:5]
    cutoffs = [int(c) for c in cutoffs_text.split(",")]
    qrels, run = {}, {}
    for line in open(qrels_path):
        qid, _, doc, rel = line.split()
        qrels.setdefault(qid, {})[doc] = int(rel)
    for line in open(run_path):
        qid, _, doc, _, score, _ = line.split()
        run.setdefault(qid, []).append((doc, float(score)))

    queries = sorted(q for q in run if q in qrels)
    sums = {f"{m}@{k}": 0.0 for m in ("nDCG", "MRR", "Recall") for k in cutoffs}
    pooled = {k: ([], []) for k in cutoffs}
    for qid in queries:
        # score descending, then docno descending (Python compares str by code point = byte order for ASCII)
        ranked = sorted(run[qid], key=lambda ds: ds[0], reverse=True)
        ranked = sorted(ranked, key=lambda ds: -ds[1])
        relevant = {d for d, r in qrels[qid].items() if r >= 1}
        hits = np.array([1 if d in relevant else 0 for d, _ in ranked])
        scores = np.array([s for _, s in ranked])
        first = next((i for i, h in enumerate(hits, 1) if h), None)
        for k in cutoffs:
            if first is not None and first <= k:
                sums[f"MRR@{k}"] += 1.0 / first
            common = len(relevant.intersection(d for d, _ in ranked[:k]))
            sums[f"Recall@{k}"] += common / max(min(k, len(ranked), len(relevant)), 1)
            sums[f"nDCG@{k}"] += ndcg_score(hits[np.newaxis, :], scores[np.newaxis, :], k=k)
            pooled[k][0].extend(hits[:k].tolist())
            pooled[k][1].extend(scores[:k].tolist())
    mean = {}
    for m in ("nDCG", "MRR", "Recall"):
        for k in cutoffs:
            mean[f"{m}@{k}"] = sums[f"{m}@{k}"] / len(queries)
    for k in cutoffs:
        labels, scores = pooled[k]
        mean[f"AUC@{k}"] = roc_auc_score(labels, scores) if 0 < sum(labels) < len(labels) else None
    with open(out_path, "w") as f:
        json.dump({"family": "upstream", "reference": f"scikit-learn {sklearn.__version__}", "cutoffs": cutoffs,
                   "queries": len(queries), "mean": mean}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
