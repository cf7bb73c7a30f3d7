#!/usr/bin/env bash
# Builds and runs the shared store's load benchmark (bench/pg_judgement_bench.cpp): 20 annotator processes x 500
# judgements against pgbench -N on a throw-away cluster, then one annotator's queue over 1,000,000 pairs on the
# server and on a SQLite file. Extra arguments go to the benchmark (--annotators, --judgements, --queue-pairs).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${RANKPO_BUILD_DIR:-$here/build}"
cmake --build "$build" --target pg_judgement_bench --parallel "${RANKPO_JOBS:-$(nproc)}" >/dev/null
exec "$build/bench/pg_judgement_bench" --work "$build/bench-data/pg" "$@"
