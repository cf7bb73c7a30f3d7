#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test. Exits non-zero on any failure.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/scripts/install-deps.sh"
"$here/scripts/build.sh"
cd "${RANKPO_BUILD_DIR:-$here/build}"
# Fuzz and benchmark tests carry their own labels and run on request (ctest -L fuzz / -L bench).
ctest --output-on-failure --label-exclude 'fuzz|bench' --parallel "$(nproc)" "$@"
