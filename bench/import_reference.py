#!/usr/bin/env python3
"""A careful stdlib importer of annotated pairs, the peer `rankpo import` is measured against.

json + sqlite3, one transaction, job and candidate texts deduplicated in dicts, executemany in
batches: what a good Python engineer would write in an afternoon.
"""
import json
import sqlite3
import sys
import time

SCHEMA = """
CREATE TABLE jobs (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE, external_id TEXT);
CREATE TABLE candidates (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE, external_id TEXT);
CREATE TABLE pairs (id INTEGER PRIMARY KEY, job_id INTEGER NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL,
                    UNIQUE (job_id, lo, hi));
CREATE TABLE preferences (id INTEGER PRIMARY KEY, pair_id INTEGER NOT NULL, source TEXT NOT NULL,
                          annotator TEXT NOT NULL, shown_first INTEGER NOT NULL, choice TEXT NOT NULL,
                          confidence INTEGER, rationale TEXT NOT NULL, created_at INTEGER NOT NULL,
                          UNIQUE (pair_id, source, annotator, shown_first, choice));
"""


def main(db_path, jsonl_path):
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.executescript(SCHEMA)
    jobs, candidates, pairs = {}, {}, {}
    job_rows, cand_rows, pair_rows, pref_rows = [], [], [], []
    now = int(time.time())

    def entity(table, rows, text, external_id):
        key = table.get(text)
        if key is None:
            key = len(table) + 1
            table[text] = key
            rows.append((key, text, external_id))
        return key

    with open(jsonl_path, encoding="utf-8") as f:
        db.execute("BEGIN")
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            job = entity(jobs, job_rows, r["query"], r.get("query_id"))
            a = entity(candidates, cand_rows, r["passage1"], r.get("passage_id1"))
            b = entity(candidates, cand_rows, r["passage2"], r.get("passage_id2"))
            key = (job, min(a, b), max(a, b))
            pair = pairs.get(key)
            if pair is None:
                pair = len(pairs) + 1
                pairs[key] = pair
                pair_rows.append((pair,) + key)
            choice = "first" if r["preferred"] == "A" else "second"
            pref_rows.append((pair, "ai", r.get("model", ""), a, choice, r.get("confidence_score"),
                              r.get("comparison", ""), r.get("created", now)))
            if len(pref_rows) >= 5000:
                flush(db, job_rows, cand_rows, pair_rows, pref_rows)
        flush(db, job_rows, cand_rows, pair_rows, pref_rows)
        db.execute("COMMIT")
    db.close()


def flush(db, job_rows, cand_rows, pair_rows, pref_rows):
    db.executemany("INSERT INTO jobs VALUES (?, ?, ?)", job_rows)
    db.executemany("INSERT INTO candidates VALUES (?, ?, ?)", cand_rows)
    db.executemany("INSERT INTO pairs VALUES (?, ?, ?, ?)", pair_rows)
    db.executemany("INSERT OR IGNORE INTO preferences(pair_id, source, annotator, shown_first, choice, confidence, "
                   "rationale, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", pref_rows)
    for rows in (job_rows, cand_rows, pair_rows, pref_rows):
        rows.clear()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
