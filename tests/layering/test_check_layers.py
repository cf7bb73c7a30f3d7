#!/usr/bin/env python3
"""The layering checker fails on planted violations, names each one's file and line, and passes a clean tree."""

import os
import subprocess
import sys
import tempfile

CHECKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check_layers.py")

CLEAN = {
    "core/util/thing.h": '#pragma once\n#include <string>\n// SELECT in a comment is fine\ninline const char* k = "Select a model";\n',
    "db/reader.cpp": '#include <sqlite3.h>\nconst char* q = "SELECT id FROM jobs";\n',
    "ui/page.cpp": '#include <QWidget>\n#include <torch/torch.h>\nconst char* t = "Delete judgement";\nchar c = \'"\';\nint n = 1\'000;\n',
    "workflows/flow.h": '#pragma once\n/* "INSERT INTO x" in a block comment */\n',
    "app/main.cpp": 'const char* msg = "WITHOUT a split, nothing";\n',
}

PLANTED = {
    "ui/bad_query.cpp": ('#include "db/project_store.h"\n\nvoid f()\n{\n    run("  SELECT count(*) FROM pairs");\n}\n', 5, "SQL outside db/"),
    "workflows/bad_raw.cpp": ('auto sql = R"(\nDELETE FROM labels)";\n', 1, "SQL outside db/"),
    "app/bad_concat.cpp": ('auto s = "UPDATE jobs "\n         "SET split = NULL";\n', 1, "SQL outside db/"),
    "workflows/bad_sqlite.cpp": ('#include <vector>\n#include <sqlite3.h>\n', 2, "database engine outside db/"),
    "ui/bad_internal.cpp": ('#include "db/store_access.h"\n', 1, "store internals outside db/"),
    "core/bad_qt.cpp": ('#include <string>\n\n#include <QString>\n', 3, "Qt in core/"),
    "db/bad_qt.h": ('#pragma once\n#include <QtCore/QObject>\n', 2, "Qt in db/"),
    "workflows/bad_qt.h": ('#include <QList>\n', 1, "Qt in workflows/"),
    "ui/bad_torch.h": ('#pragma once\n#include <ATen/ATen.h>\n', 2, "libtorch in a ui/ header"),
    "app/bad_pragma.cpp": ('x.exec("PRAGMA foreign_keys = ON");\n', 1, "SQL outside db/"),
}


def write_tree(root, files):
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)


def run(root):
    return subprocess.run([sys.executable, CHECKER, "--root", root], capture_output=True, text=True)


def main():
    failures = []
    with tempfile.TemporaryDirectory() as clean:
        write_tree(clean, CLEAN)
        r = run(clean)
        if r.returncode != 0:
            failures.append("a clean tree failed:\n" + r.stdout + r.stderr)
    with tempfile.TemporaryDirectory() as planted:
        write_tree(planted, CLEAN)
        write_tree(planted, {rel: text for rel, (text, _, _) in PLANTED.items()})
        r = run(planted)
        if r.returncode != 1:
            failures.append("planted violations: exit %d, expected 1" % r.returncode)
        lines = r.stdout.splitlines()
        for rel, (_, line, rule) in PLANTED.items():
            want = "%s:%d: %s" % (rel, line, rule)
            if not any(l.startswith(want) for l in lines):
                failures.append("not reported: %s" % want)
        extra = [l for l in lines if not any(l.startswith(rel + ":") for rel in PLANTED)]
        if extra:
            failures.append("reported in clean files: %s" % extra)
        if len(lines) != len(PLANTED):
            failures.append("%d violations reported, %d planted:\n%s" % (len(lines), len(PLANTED), r.stdout))
    for f in failures:
        print("FAIL:", f)
    print("%d check(s) failed" % len(failures) if failures else "the checker catches every planted violation")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
