#!/usr/bin/env bash
# Configures (once) and builds into build/. Extra arguments go to cmake's configure step.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${RANKPO_BUILD_DIR:-$here/build}"
jobs="${RANKPO_JOBS:-$(nproc)}"
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
# A configure that failed halfway leaves a cache but no build files: configure again then.
if [[ ! -f "$build/CMakeCache.txt" || ( ! -f "$build/build.ninja" && ! -f "$build/Makefile" ) ]]; then
  cmake -S "$here" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release "$@"
elif (($#)); then
  cmake "$build" "$@"
fi
cmake --build "$build" --parallel "$jobs"
