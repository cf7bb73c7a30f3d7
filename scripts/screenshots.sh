#!/usr/bin/env bash
# Renders every view of rankpo-studio under Xvfb into docs/screenshots/ (shown in the README).
# The project is built from the paper's public sample (../shared/data/rankpo-sample): its 100 AI-judged
# pairs and 10 training rows, plus human judgements by two example reviewers written by the script
# below (they agree with the judge more often where it is more confident), so that the
# agreement page has something to show. The training, evaluation and ranking pages show the demo
# pipeline's project (see below). Needs xvfb-run and ImageMagick's `import`.
# Usage: scripts/screenshots.sh [BUILD_DIR]   (RANKPO_SCREENSHOT_WAIT: seconds to let a page settle, 8)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-${RANKPO_BUILD_DIR:-$here/build}}"
bin="$build/bin"
sample="$here/../shared/data/rankpo-sample"
out="$here/docs/screenshots"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cmake --build "$build" --target rankpo rankpo-studio >/dev/null

project="$work/sample.rankpo"
"$bin/rankpo" init "$project" >/dev/null
"$bin/rankpo" import "$project" "$sample/annotated_pair_data-sample.jsonl" "$sample/train_data-sample.jsonl" >/dev/null
"$bin/rankpo" split "$project" --test-fraction 0.3 >/dev/null

# Two reviewers' judgements, in random shown order, deterministic (seeded).
python3 - "$sample/annotated_pair_data-sample.jsonl" "$work/reviews.csv" <<'PY'
import csv, json, random, sys
rng = random.Random(6)
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
with open(sys.argv[2], "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["job", "candidate_a", "candidate_b", "preferred", "confidence", "rationale", "annotator",
                "job_id", "candidate_a_id", "candidate_b_id"])
    for i, r in enumerate(rows):
        for who, share in (("maria", 0.7), ("tom", 0.35)):
            if rng.random() > share:
                continue
            ai_winner = "1" if r["preferred"] == "A" else "2"
            confidence = int(r.get("confidence_score") or 0)
            agree = rng.random() < (0.92 if confidence >= 100 else 0.8 if confidence >= 85 else 0.55)
            winner = ai_winner if agree else ("2" if ai_winner == "1" else "1")
            tie = not agree and rng.random() < 0.25
            swap = rng.random() < 0.5
            a, b = ("passage2", "passage1") if swap else ("passage1", "passage2")
            ida, idb = ("passage_id2", "passage_id1") if swap else ("passage_id1", "passage_id2")
            shown_winner = ("A" if (winner == "1") != swap else "B")
            w.writerow([r["query"], r[a], r[b], "tie" if tie else shown_winner, rng.choice([60, 70, 80, 90]),
                        "", who, r.get("query_id", ""), r.get(ida, ""), r.get(idb, "")])
PY
"$bin/rankpo" import "$project" "$work/reviews.csv" --format csv --source human >/dev/null
# The built-in model's scores of every pair: the queue's model margin and "uncertain first".
"$bin/rankpo" score "$project" --max-length-job 64 --max-length-candidate 64 >/dev/null

# A copy of the sample with two broken records, for the import wizard's validation report.
{ head -n 3 "$sample/annotated_pair_data-sample.jsonl"; echo '{"query": "truncated'; head -n 5 "$sample/annotated_pair_data-sample.jsonl" | tail -n 2 | sed 's/"preferred": "[AB]"/"preferred": "C"/'; } > "$work/new-judgements.jsonl"

# The app's settings live in the temporary folder: the reviewer is "maria"; personal details masked.
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
mkdir -p "$XDG_CONFIG_HOME/RankPO"
cat > "$XDG_CONFIG_HOME/RankPO/RankPO Studio.conf" <<CONF
[annotation]
annotator=maria
blind=true
maskPersonalDetails=true
autoAdvance=true
CONF

# The training, evaluation and ranking pages show the demo pipeline's project (`rankpo demo --quick`:
# base, stage 1, RankPO and SFT, evaluated), plus a short learning-rate sweep from stage 1 and the
# RankPO model's pair scores. About 20 minutes on 2 cores; RANKPO_SCREENSHOT_DEMO reuses a project.
demo="${RANKPO_SCREENSHOT_DEMO:-$work/demo-run/demo.rankpo}"
if [[ ! -f "$demo" ]]; then
  "$bin/rankpo" demo --quick --out "$work/demo-run" >/dev/null
  "$bin/rankpo" sweep "$demo" --base stage1 --lrs 1e-5,3e-5,1e-4 --max-steps 20 --batch-size 8 --grad-accum 1 \
    --max-length-job 128 --max-length-candidate 128 --with-reference --source ai --sweep-name lr-sweep \
    --no-epoch-eval >/dev/null
  "$bin/rankpo" score "$demo" --model rankpo >/dev/null
fi

mkdir -p "$out"
shot() { # name, then rankpo-studio arguments
  local name="$1"; shift
  xvfb-run -a -s "-screen 0 1440x900x24" bash -c '
    "$0" --size 1440x900 "$@" & app=$!
    sleep "${RANKPO_SCREENSHOT_WAIT:-8}"
    import -window root "'"$out/$name"'.png"
    kill $app' "$bin/rankpo-studio" "$@"
  echo "$out/$name.png"
}
shot start --page start "$project"
shot pairs --page pairs "$project"
shot annotate --page annotate "$project"
shot review --page review "$project"
shot agreement --page agreement "$project"
shot import --page start "$project" --import "$work/new-judgements.jsonl"
shot export --page pairs "$project" --export
shot training --page training "$demo"
shot evaluation --page evaluation --compare stage1,rankpo "$demo"
shot rankings --page rankings --compare stage1,rankpo "$demo"
