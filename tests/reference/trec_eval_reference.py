#!/usr/bin/env python3
"""Reference values of the `standard` metric family from trec_eval itself (pytrec_eval-terrier, a
Python binding with trec_eval 9.0.8 compiled in).

Needs `pip install pytrec-eval-terrier` (a wheel); only regenerate_goldens.sh runs this, the C++ tests
read the committed output.

MRR@k: trec_eval has no cut variant of recip_rank; it is recip_rank when the first relevant rank is
<= k, else 0.

Usage: trec_eval_reference.py QRELS RUN CUTOFFS OUT_JSON
"""
import json
import sys

import pytrec_eval


def read_qrels(path):
    qrels = {}
    for line in open(path):
        qid, _, doc, rel = line.split()
        qrels.setdefault(qid, {})[doc] = int(rel)
    return qrels


def read_run(path):
    run = {}
    for line in open(path):
        qid, _, doc, _, score, _ = line.split()
        run.setdefault(qid, {})[doc] = float(score)
    return run


def main():
    qrels_path, run_path, cutoffs_text, out_path = sys.argv[1:5]
    cutoffs = [int(c) for c in cutoffs_text.split(",")]
    joined = ",".join(str(c) for c in cutoffs)
    measures = {f"ndcg_cut.{joined}", f"map_cut.{joined}", f"recall.{joined}", "recip_rank"}
    evaluator = pytrec_eval.RelevanceEvaluator(read_qrels(qrels_path), measures)
    per_query = {}
    for qid, values in sorted(evaluator.evaluate(read_run(run_path)).items()):
        row = {}
        for k in cutoffs:
            row[f"nDCG@{k}"] = values[f"ndcg_cut_{k}"]
        rr = values["recip_rank"]
        for k in cutoffs:
            row[f"MRR@{k}"] = rr if rr > 0 and round(1.0 / rr) <= k else 0.0
        for k in cutoffs:
            row[f"Recall@{k}"] = values[f"recall_{k}"]
        for k in cutoffs:
            row[f"MAP@{k}"] = values[f"map_cut_{k}"]
        per_query[qid] = row
    keys = next(iter(per_query.values())).keys()
    mean = {key: sum(row[key] for row in per_query.values()) / len(per_query) for key in keys}
    with open(out_path, "w") as f:
        json.dump({"family": "standard", "reference": f"pytrec_eval {pytrec_eval.__version__ if hasattr(pytrec_eval, '__version__') else ''}".strip(),
                   "cutoffs": cutoffs, "queries": len(per_query), "mean": mean, "per_query": per_query},
                  f, indent=1, sort_keys=False)
        f.write("\n")


if __name__ == "__main__":
    main()
