#!/usr/bin/env bash
# Installs what is missing, builds, and runs the main job: the app on the built-in demo project, or,
# on a machine without a display, the demo pipeline in the terminal (rankpo demo --quick).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/scripts/install-deps.sh"
"$here/scripts/build.sh"
bin="${RANKPO_BUILD_DIR:-$here/build}/bin"
if [[ -x "$bin/rankpo-studio" && ( -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ) ]]; then
  exec "$bin/rankpo-studio" --demo "$@"
fi
out="${RANKPO_DEMO_DIR:-$here/build/demo}"
echo "No display: running the demo pipeline in the terminal (rankpo demo --quick --out $out)"
exec "$bin/rankpo" demo --quick --out "$out" "$@"
