#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into build-fuzz/ and runs each for RANKPO_FUZZ_SECONDS
# (default 60). Not part of ./test.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/install-deps.sh"
command -v clang++ >/dev/null || { apt-get install -y -qq clang libclang-rt-14-dev >/dev/null; }
build="$here/build-fuzz"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DRANKPO_BUILD_GUI=OFF -DRANKPO_BUILD_TESTS=OFF -DRANKPO_BUILD_BENCHMARKS=OFF -DRANKPO_BUILD_FUZZERS=ON \
  -DRANKPO_FUZZ_SECONDS="${RANKPO_FUZZ_SECONDS:-60}"
cmake --build "$build" --parallel "$(nproc)" --target "${@:-fuzzers}"
cd "$build" && ctest -L fuzz --output-on-failure
