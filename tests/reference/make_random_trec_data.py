#!/usr/bin/env python3
"""Writes a random TREC qrels file and run file for the metric parity tests.

The data is built to hit the edge cases of both metric families: graded relevance (0-3) and a few -1
("in the pool, not judged") values, queries without any relevant document, relevant documents that
were not retrieved, unjudged retrieved documents, lists of different lengths (2..130, so some are
shorter than the largest cutoff), scores rounded to two decimals (many ties, some lists entirely tied)
and docnos of different lengths (so byte order differs from numeric order), a query only in the run
and one only in the qrels.

Usage: make_random_trec_data.py SEED QRELS_OUT RUN_OUT
"""
import random
import sys


def main():
    seed, qrels_path, run_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    rng = random.Random(seed)
    qrels_lines, run_lines = [], []
    for q in range(1, 81):
        qid = f"q{q:03d}"
        pool = rng.sample(range(1, 400), 200)
        docs = [f"d{n}" for n in pool]
        n_retrieved = rng.randint(2, 130)
        retrieved = docs[:n_retrieved]
        mode = rng.random()
        for doc in retrieved:
            if mode < 0.05:
                score = 0.5                                   # the whole list tied
            else:
                score = round(rng.uniform(-1.0, 1.0), 2)      # frequent ties
            run_lines.append(f"{qid} Q0 {doc} 0 {score} rnd")
        judged = rng.sample(docs, rng.randint(1, 60))
        no_relevant = rng.random() < 0.1
        for doc in judged:
            if no_relevant:
                rel = 0
            else:
                rel = rng.choices([0, 1, 2, 3, -1], weights=[50, 25, 10, 5, 2])[0]
            qrels_lines.append(f"{qid} 0 {doc} {rel}")
    run_lines.append("q900 Q0 d1 1 0.3 rnd")        # retrieved, never judged: skipped
    qrels_lines.append("q901 0 d1 1")               # judged, never retrieved: skipped
    rng.shuffle(run_lines)                          # file order and the rank column must not matter
    with open(qrels_path, "w") as f:
        f.write("\n".join(qrels_lines) + "\n")
    with open(run_path, "w") as f:
        f.write("\n".join(run_lines) + "\n")


if __name__ == "__main__":
    main()
