#!/usr/bin/env bash
# Regenerates the committed golden files of the metric parity tests (tests/reference/golden/).
#   standard family: trec_eval via pytrec-eval-terrier (pip wheel, installed into a throw-away venv)
#   upstream family: scikit-learn from Debian's python3-sklearn (/usr/bin/python3)
#   statistics: scikit-learn's cohen_kappa_score and scipy's binomtest (/usr/bin/python3)
#   bradley_terry: NumPy/SciPy maximum likelihood, bootstrap and scipy.stats.kendalltau (/usr/bin/python3)
# Not run by the tests or CI: they only read the committed files.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
golden="$here/golden"
venv="${RANKPO_TREC_VENV:-/tmp/rankpo-trec-venv}"
cutoffs=1,3,5,10,20,100

if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q pytrec-eval-terrier numpy
fi

mkdir -p "$golden"
/usr/bin/python3 "$here/make_random_trec_data.py" 20250311 "$golden/random.qrels" "$golden/random.run"
"$venv/bin/python" "$here/trec_eval_reference.py" "$golden/random.qrels" "$golden/random.run" "$cutoffs" "$golden/random.standard.json"
/usr/bin/python3 "$here/sklearn_reference.py" "$golden/random.qrels" "$golden/random.run" "$cutoffs" "$golden/random.upstream.json"
/usr/bin/python3 "$here/statistics_reference.py" 20250311 "$golden/statistics.json"
/usr/bin/python3 "$here/bradley_terry_reference.py" 20250311 "$golden/bradley_terry.json"
