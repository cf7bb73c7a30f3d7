#!/usr/bin/env python3
"""An executable must not need libtorch: `readelf -d BINARY` lists no libtorch*/libc10* among its NEEDED entries.

Usage: check_dynamic_deps.py BINARY [FORBIDDEN_PREFIX ...]   (default prefixes: libtorch libc10)
"""

import subprocess
import sys


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = sys.argv[1]
    forbidden = sys.argv[2:] or ["libtorch", "libc10"]
    try:
        out = subprocess.run(["readelf", "-d", binary], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        print("%s: readelf failed: %s" % (binary, e), file=sys.stderr)
        return 2
    needed = [line.split("[", 1)[1].rstrip("]") for line in out.splitlines() if "(NEEDED)" in line and "[" in line]
    if not needed:
        print("%s: readelf lists no NEEDED libraries (not a dynamic executable?)" % binary, file=sys.stderr)
        return 2
    bad = [n for n in needed if any(n.startswith(p) for p in forbidden)]
    for n in bad:
        print("%s: needs %s" % (binary, n))
    print("%s: %d needed libraries, %d forbidden" % (binary, len(needed), len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
