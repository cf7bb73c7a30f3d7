#!/usr/bin/env python3
"""Import benchmark: `rankpo import` against a careful stdlib Python importer on the same file.

Generates (once, cached) ~470 MB of JSONL with 50,000 AI-annotated pairs whose job and candidate
texts repeat, then runs both importers into fresh databases and prints wall time, peak memory
(max RSS of each child process) and the ratio. Goal: ours <= 0.5x the Python time, peak <= 256 MiB.

Usage: import_benchmark.py RANKPO_BINARY [--work DIR] [--pairs N]
"""
import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "..", "shared", "data", "rankpo-sample", "annotated_pair_data-sample.jsonl")

WORDS = ("protein folding graph neural networks causal inference coastal erosion labour economics sediment transport "
         "reinforcement learning molecular dynamics survey methodology dark matter halo lithium battery cathode "
         "antimicrobial resistance medieval manuscripts urban heat islands tensor networks").split()


def base_texts():
    """Real sample texts when the shared data is beside the checkout, else generated prose."""
    jobs, cands = [], []
    if os.path.exists(SAMPLE):
        with open(SAMPLE, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                jobs.append(r["query"])
                cands += [r["passage1"], r["passage2"]]
    if not jobs:
        rng = random.Random(1)
        jobs = [" ".join(rng.choice(WORDS) for _ in range(600)) for _ in range(100)]
        cands = [" ".join(rng.choice(WORDS) for _ in range(1500)) for _ in range(200)]
    return jobs, cands


def generate(path, pairs, seed=7):
    rng = random.Random(seed)
    jobs, cands = base_texts()
    # Distinct texts by varying a base text; lengths chosen so 50,000 lines weigh ~470 MB.
    job_pool = [f"{jobs[i % len(jobs)][:3200]}\nReference {i}." for i in range(2000)]
    cand_pool = [f"{cands[i % len(cands)][:3100]} (profile {i})" for i in range(12000)]
    with open(path + ".part", "w", encoding="utf-8") as out:
        for n in range(pairs):
            j = rng.randrange(len(job_pool))
            a, b = rng.sample(range(len(cand_pool)), 2)
            preferred = "A" if rng.random() < 0.65 else "B"
            row = {
                "query": job_pool[j], "passage1": cand_pool[a], "passage2": cand_pool[b],
                "query_id": f"https://jobs.example.org/{j}", "passage_id1": f"https://openalex.org/A{a}",
                "passage_id2": f"https://openalex.org/A{b}",
                "comparison": f"Candidate {preferred} matches the project's methods and topic more closely. " * 3,
                "preferred": preferred, "confidence_score": rng.randrange(50, 100), "model": "deepseek-chat",
                "created": 1737536997 + n,
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    os.replace(path + ".part", path)


def timed(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"command failed: {' '.join(cmd)}\n{err}")
    return seconds, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime  # s, MiB, CPU s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("rankpo")
    ap.add_argument("--work", default=os.path.join(os.getcwd(), "import-bench"))
    ap.add_argument("--pairs", type=int, default=50000)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    data = os.path.join(args.work, f"pairs-{args.pairs}.jsonl")
    if not os.path.exists(data):
        print(f"generating {data} ...", flush=True)
        generate(data, args.pairs)
    size_mb = os.path.getsize(data) / 1e6
    ours_db = os.path.join(args.work, "ours.rankpo")
    ref_db = os.path.join(args.work, "reference.sqlite")
    for p in (ours_db, ref_db):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(p + suffix):
                os.remove(p + suffix)
    subprocess.run([args.rankpo, "init", ours_db], check=True, stdout=subprocess.DEVNULL)
    ours_s, ours_mb, ours_cpu = timed([args.rankpo, "import", ours_db, data])
    ref_s, ref_mb, ref_cpu = timed([sys.executable, os.path.join(HERE, "import_reference.py"), ref_db, data])
    ratio = ours_s / ref_s
    print(f"file: {size_mb:.0f} MB, {args.pairs} pairs")
    print(f"rankpo import : {ours_s:7.2f} s wall  {ours_cpu:6.2f} s CPU  peak {ours_mb:6.1f} MiB")
    print(f"python stdlib : {ref_s:7.2f} s wall  {ref_cpu:6.2f} s CPU  peak {ref_mb:6.1f} MiB")
    print(f"ratio (ours / python): {ratio:.3f}  (goal <= 0.5; peak goal <= 256 MiB)")
    ok = ratio <= 0.5 and ours_mb <= 256
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
