#!/usr/bin/env bash
# The GPU checks of the decoder work, as one prepared run for a borrowed GPU machine (PyTorch 2.x with CUDA, no
# Debian -dev packages, no registry): builds the engine and the CLI against PyTorch's libtorch with the libraries
# that scripts/gpu-bundle.sh gathered (.deps/gpu-bundle, carried with the working tree), then, in this order:
#   1. parity: a random Llama-3.2-1B-shaped model (bf16) embeds the paper's 428 sample texts (up to 1,280 tokens)
#      on CUDA, ours against PyTorch's on the same token ids (SDPA); goal: cosine >= 0.999 for every text;
#   2. RankPO steps at the paper's scale (jobs 1,280 tokens, candidates 4,096, batch 8 x accumulation 4, bf16,
#      gradient checkpointing): ours against the same loop in PyTorch (bench/gpu/torch_decoder_peer.py); tokens/s,
#      peak GPU memory (nvidia-smi, both sides alike), MFU against the GPU's dense bf16 peak (989 TFLOP/s H100/H200);
#   3. the MiniLM encoder's throughput on CUDA against sentence-transformers, where the machine's Python has it.
# Everything goes to $OUT (the device tool brings it back): report.md, one JSON file per step, the logs.
#
#   scripts/gpu-check.sh [build|parity|bench|encoder|all]   (default all; steps after build reuse build-gpu/)
#   scripts/gpu-check.sh --cpu-smoke                        the same steps on this machine's CPU with tiny shapes
#                                                           (Debian's libtorch; checks the script, not the GPU)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
smoke=0
steps="all"
for a in "$@"; do
  case "$a" in
    --cpu-smoke) smoke=1 ;;
    build|parity|bench|encoder|all) steps="$a" ;;
    *) echo "gpu-check: unknown argument $a" >&2; exit 2 ;;
  esac
done
OUT="${OUT:-$here/gpu-check-out}"
mkdir -p "$OUT"
bundle="$here/.deps/gpu-bundle"
python="${PYTHON:-python3}"
build="${BUILD_DIR:-$here/build-gpu}"
jobs="$(nproc)"
if (( smoke )); then
  python=/usr/bin/python3
  export PYTHONPATH="$here/.deps/python${PYTHONPATH:+:$PYTHONPATH}"
  build="${BUILD_DIR:-$here/build-gpu-smoke}"
  device=cpu; shape=tiny; dtype=float32; job_len=48; cand_len=96; batch=2; accum=2; bench_steps=2; parity_len=128
  enc_texts=64; enc_len=64; jobs=2
else
  device=cuda; shape=llama-3.2-1b; dtype=bfloat16; job_len=1280; cand_len=4096; batch=8; accum=4; bench_steps=3
  parity_len=1280; enc_texts=4000; enc_len=256
fi
report="$OUT/report.md"
say() { echo "$*" | tee -a "$report"; }
want() { [[ "$steps" == all || "$steps" == "$1" ]]; }

if want build || [[ ! -x "$build/bench/decoder_gpu_bench" ]]; then
  : > "$report"
  say "# GPU check ($(date -u +%FT%TZ))"
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>/dev/null | sed 's/^/- GPU: /' | tee -a "$report"
  say "- torch: $("$python" -c 'import torch; print(torch.__version__, "CUDA", torch.version.cuda, "available:", torch.cuda.is_available())' 2>&1)"
  cmake_args=(-DCMAKE_BUILD_TYPE=Release -DRANKPO_BUILD_GUI=OFF -DRANKPO_BUILD_TESTS=OFF -DRANKPO_BUILD_BENCHMARKS=ON
              -DRANKPO_WITH_HTTP=OFF -DRANKPO_WITH_POSTGRES=OFF -DRANKPO_WITH_DOCUMENTS=OFF -DRANKPO_WITH_JUDGE=OFF)
  [[ -f "$bundle/sqlite/sqlite3.c" ]] && cmake_args+=(-DRANKPO_BUNDLED_DEPS="$bundle")
  if (( ! smoke )); then
    cmake_args+=(-DCMAKE_PREFIX_PATH="$("$python" -c 'import torch; print(torch.utils.cmake_prefix_path)')")
  fi
  command -v ninja >/dev/null && cmake_args+=(-G Ninja)
  start=$SECONDS
  if ! cmake -S . -B "$build" "${cmake_args[@]}" > "$OUT/build.log" 2>&1 ||
     ! cmake --build "$build" --parallel "$jobs" --target rankpo rankpo-engine decoder_gpu_bench encoder_bench \
       >> "$OUT/build.log" 2>&1; then
    say "- build FAILED (build.log):"; tail -30 "$OUT/build.log" | tee -a "$report"; exit 1
  fi
  say "- built the engine, the CLI and the benches in $((SECONDS - start)) s"
fi
bench="$build/bench/decoder_gpu_bench"

model="$OUT/model-$shape"
if (want parity || want bench) && [[ ! -f "$model/model.safetensors" ]]; then
  "$python" bench/gpu/make_random_model.py decoder "$model" --shape "$shape" --dtype "$dtype" > "$OUT/model.json" \
    || { say "- making the random model FAILED"; exit 1; }
  say "- random $shape model: $(cat "$OUT/model.json")"
fi

# Peak GPU memory of a command, sampled every 100 ms by nvidia-smi (the same way for both sides); "n/a" on the CPU.
peak_of() {
  local log="$1"; shift
  if command -v nvidia-smi >/dev/null; then
    nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -lms 100 > "$log.mem" 2>/dev/null &
    local sampler=$!
    "$@"; local rc=$?
    kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null
    echo "$(sort -n "$log.mem" | tail -1) MiB" > "$log.peak"
    return $rc
  fi
  "$@"; local rc=$?; echo "n/a" > "$log.peak"; return $rc
}

if want parity; then
  say ""; say "## 1. Parity ($device, $dtype, up to $parity_len tokens)"
  if "$bench" parity --model "$model" --texts "$bundle/sample_texts.jsonl" --max-length "$parity_len" --device "$device" \
       --dtype "$dtype" --out "$OUT/parity-ours.json" > "$OUT/parity.log" 2>&1 &&
     "$python" bench/gpu/torch_decoder_peer.py parity "$model" "$OUT/parity-ours.json" --device "$device" \
       > "$OUT/parity.json" 2>> "$OUT/parity.log"; then
    "$python" - "$OUT/parity.json" <<'PY' | tee -a "$report"
import json, sys
p = json.load(open(sys.argv[1]))
ok = p["min_cosine"] >= 0.999
print(f"- {p['texts']} texts (longest {p['longest_tokens']} tokens), PyTorch {p['attention']} {p['dtype']}: "
      f"cosine min {p['min_cosine']:.6f}, mean {p['mean_cosine']:.6f} (goal >= 0.999: {'met' if ok else 'MISSED'})")
PY
  else
    say "- parity FAILED (parity.log):"; tail -20 "$OUT/parity.log" | tee -a "$report"
  fi
  # The CLI path on the same model (the command a user runs).
  if "$build/bin/rankpo" embed --model "$model" --device "$device" --json "A research engineer for speech recognition" \
       > "$OUT/embed.json" 2> "$OUT/embed.log"; then
    say "- rankpo embed --device $device: $(head -c 120 "$OUT/embed.json")..."
  else
    say "- rankpo embed FAILED: $(tail -3 "$OUT/embed.log")"
  fi
fi

if want bench; then
  say ""; say "## 2. RankPO steps (jobs $job_len, candidates $cand_len tokens, batch $batch x $accum, $dtype, checkpointing)"
  common=(--model "$model" --texts "$bundle/sample_texts.jsonl" --job-length "$job_len" --candidate-length "$cand_len"
          --batch "$batch" --accum "$accum" --steps "$bench_steps" --device "$device" --dtype "$dtype" --gradient-checkpointing)
  if peak_of "$OUT/bench-ours" "$bench" train "${common[@]}" --ids-out "$OUT/bench-ids.json" \
       > "$OUT/bench-ours.json" 2> "$OUT/bench-ours.log" &&
     peak_of "$OUT/bench-peer" "$python" bench/gpu/torch_decoder_peer.py train "$model" "$OUT/bench-ids.json" \
       --batch "$batch" --accum "$accum" --device "$device" --gradient-checkpointing \
       > "$OUT/bench-peer.json" 2> "$OUT/bench-peer.log"; then
    "$python" - "$OUT" "$job_len" "$cand_len" <<'PY' | tee -a "$report"
import json, sys
out, job, cand = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ours = json.loads(open(f"{out}/bench-ours.json").read().strip().splitlines()[-1])
peer = json.loads(open(f"{out}/bench-peer.json").read().strip().splitlines()[-1])
peak = {s: open(f"{out}/bench-{s}.peak").read().strip() for s in ("ours", "peer")}
# Model FLOPs per token (PaLM's count): 6 x the non-embedding parameters, plus attention's 12 x layers x hidden x
# the sequence length; one pass of each text forward and backward, recomputation not counted.
n = ours["parameters"] - ours["embedding_parameters"]
layers, hidden = ours["layers"], ours["hidden"]
def flops_per_token(length):
    return 6 * n + 12 * layers * hidden * length
per_pair = job * flops_per_token(job) + 2 * cand * flops_per_token(cand)
tokens_per_pair = job + 2 * cand
peak_flops = 989e12
for name, r in (("ours (libtorch C++ Trainer)", ours), ("PyTorch loop", peer)):
    pairs_per_s = r["tokens_per_second"] / tokens_per_pair
    mfu = pairs_per_s * per_pair / peak_flops
    side = "ours" if r is ours else "peer"
    print(f"- {name}: {r['steps']} steps in {r['seconds']:.2f} s, {r['tokens_per_second']:,.0f} tokens/s, "
          f"peak memory {peak[side]}, MFU {100 * mfu:.1f}% of 989 TFLOP/s")
ratio = ours["tokens_per_second"] / peer["tokens_per_second"]
print(f"- ratio ours / PyTorch: {ratio:.3f} (goal >= 1: {'met' if ratio >= 1 else 'MISSED'})")
PY
  else
    say "- the benchmark FAILED:"; tail -20 "$OUT/bench-ours.log" "$OUT/bench-peer.log" 2>/dev/null | tee -a "$report"
  fi
fi

if want encoder; then
  say ""; say "## 3. MiniLM encoder throughput ($device, $enc_texts texts x $enc_len tokens, random weights)"
  minilm="$OUT/minilm"
  if [[ ! -f "$minilm/model.safetensors" ]]; then
    "$python" bench/gpu/make_random_model.py like "$bundle/minilm" "$minilm" > /dev/null 2> "$OUT/encoder.log"
  fi
  if "$python" -c 'import sentence_transformers' 2>/dev/null || (( smoke )); then
    (( smoke )) || export RANKPO_BENCH_PYTHON="$python"
    "$build/bench/encoder_bench" --model "$minilm" --device "$device" --texts "$enc_texts" --batch 64 --max-length "$enc_len" \
      > "$OUT/encoder.txt" 2>> "$OUT/encoder.log"
    sed 's/^/- /' "$OUT/encoder.txt" | tee -a "$report"
  else
    "$build/bench/encoder_bench" --model "$minilm" --device "$device" --texts "$enc_texts" --batch 64 --max-length "$enc_len" \
      --skip-peer > "$OUT/encoder.txt" 2>> "$OUT/encoder.log"
    sed 's/^/- /' "$OUT/encoder.txt" | tee -a "$report"
    say "- (no sentence-transformers in this Python: ours only)"
  fi
fi
exit 0
