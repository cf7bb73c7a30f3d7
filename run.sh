#!/usr/bin/env bash
# Installs what is missing, builds, and runs the main job: the app on the built-in demo project, or,
# on a machine without a display, the demo pipeline in the terminal.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/scripts/install-deps.sh"
"$here/scripts/build.sh"
bin="${RANKPO_BUILD_DIR:-$here/build}/bin"
demo_dir="${RANKPO_DEMO_DIR:-$here/build/demo}"
mkdir -p "$demo_dir"
if [[ -x "$bin/rankpo-studio" && ( -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ) ]]; then
  exec "$bin/rankpo-studio" --demo "$@"
fi
project="$demo_dir/demo.rankpo"
rm -f "$project" "$project-wal" "$project-shm"
"$bin/rankpo" demo-data "$project"
"$bin/rankpo" split "$project"
"$bin/rankpo" stats "$project"
