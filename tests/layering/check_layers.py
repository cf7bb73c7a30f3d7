#!/usr/bin/env python3
"""The layering rules of docs/ARCHITECTURE.md, checked over the product's sources.

  1. Only db/ holds SQL: no string literal outside db/ starts with an SQL keyword (SELECT, INSERT, ...).
  2. Only db/ talks to a database engine: no file outside db/ includes sqlite3.h or libpq-fe.h, nor the
     store's internals (db/sql/, db/sqlite/, db/postgres/, db/store_access.h).
  3. core/, db/ and workflows/ never include Qt.
  4. No ui/ header includes libtorch (torch/, ATen/, c10/).

Prints one `FILE:LINE: rule: what` line per violation and exits 1 when there is any, 0 otherwise.
Usage: check_layers.py [--root DIR]   (default: the repository this script lives in)
"""

import argparse
import os
import re
import sys

PRODUCT_DIRS = ("app", "core", "db", "workflows", "ui")
SOURCE_SUFFIXES = (".h", ".hpp", ".cpp", ".cc", ".inc", ".h.in", ".cpp.in")

SQL_KEYWORDS = ("SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "PRAGMA", "DROP", "ALTER", "WITH", "REPLACE",
                "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "VACUUM", "ATTACH", "DETACH", "ANALYZE",
                "EXPLAIN", "REINDEX", "LISTEN", "NOTIFY", "COPY", "TRUNCATE", "GRANT", "REVOKE")
SQL_START = re.compile(r"^\s*(%s)\b(\s|\(|\*|$)" % "|".join(SQL_KEYWORDS))

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
DB_ENGINE_HEADERS = ("sqlite3.h", "libpq-fe.h", "pqxx/")
DB_INTERNAL = ("db/sql/", "db/sqlite/", "db/postgres/", "db/store_access.h")
QT_HEADER = re.compile(r"^(Q[A-Z]\w*|Qt\w*/.*)$")
TORCH_HEADER = re.compile(r"^(torch|ATen|c10)/")


def string_literals(text):
    """Yields (line, value) for each string literal outside comments; adjacent literals are joined."""
    i, n, line = 0, len(text), 1
    pending, pending_line, last_end = None, 0, -1
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
            continue
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            line += text.count("\n", i, j)
            i = j
            continue
        if c == "'":
            # A character literal ('"' must not open a string). Digit separators (1'000) are not literals.
            if i > 0 and (text[i - 1].isalnum() and not text[i - 1] in "uUL8"):
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != "'" and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        raw = re.match(r'(?:u8|u|U|L)?R"([^()\\ ]{0,16})\(', text[i:i + 20])
        if raw and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            delimiter = ")" + raw.group(1) + '"'
            start = i + raw.end()
            j = text.find(delimiter, start)
            j = n if j < 0 else j
            value, begin_line = text[start:j], line
            line += text.count("\n", i, j)
            i = j + len(delimiter)
            pending, pending_line, last_end = _join(pending, pending_line, last_end, text, value, begin_line, i, start)
            continue
        prefix = re.match(r'(?:u8|u|U|L)?"', text[i:i + 3])
        if prefix and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_") or prefix.end() == 1):
            start = i + prefix.end()
            j = start
            while j < n and text[j] != '"' and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            value = text[start:j]
            begin = i
            i = j + 1
            pending, pending_line, last_end = _join(pending, pending_line, last_end, text, value, line, i, begin)
            continue
        if pending is not None and not c.isspace():
            yield pending_line, pending
            pending = None
        i += 1
    if pending is not None:
        yield pending_line, pending


def _join(pending, pending_line, last_end, text, value, line, end, begin):
    # Literals separated only by whitespace are one literal to the compiler.
    if pending is not None and last_end >= 0 and text[last_end:begin].strip() == "":
        return pending + value, pending_line, end
    return value, line, end


def check_file(root, rel):
    problems = []
    path = os.path.join(root, rel)
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError as e:
        return ["%s:0: unreadable: %s" % (rel, e)]
    top = rel.split("/", 1)[0]
    in_db = top == "db"
    for number, line in enumerate(text.splitlines(), 1):
        m = INCLUDE.match(line)
        if not m:
            continue
        header = m.group(2)
        if not in_db and any(header == h or header.startswith(h) for h in DB_ENGINE_HEADERS):
            problems.append("%s:%d: database engine outside db/: includes <%s>" % (rel, number, header))
        if not in_db and any(header == h or header.startswith(h) for h in DB_INTERNAL):
            problems.append("%s:%d: store internals outside db/: includes \"%s\" (use db/'s typed classes)"
                            % (rel, number, header))
        if top in ("core", "db", "workflows") and QT_HEADER.match(header):
            problems.append("%s:%d: Qt in %s/: includes <%s>" % (rel, number, top, header))
        if top == "ui" and rel.endswith((".h", ".hpp")) and TORCH_HEADER.match(header):
            problems.append("%s:%d: libtorch in a ui/ header: includes <%s>" % (rel, number, header))
    if not in_db:
        for number, value in string_literals(text):
            if SQL_START.match(value):
                shown = value.strip().replace("\n", " ")
                problems.append("%s:%d: SQL outside db/: \"%s\"" % (rel, number, shown[:60] + ("…" if len(shown) > 60 else "")))
    return problems


def product_files(root):
    for top in PRODUCT_DIRS:
        base = os.path.join(root, top)
        for folder, dirs, files in os.walk(base):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.endswith(SOURCE_SUFFIXES):
                    yield os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", default=os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..")))
    args = parser.parse_args()
    if not all(os.path.isdir(os.path.join(args.root, d)) for d in ("core", "db")):
        print("%s: not a RankPO Studio source tree (no core/ and db/)" % args.root, file=sys.stderr)
        return 2
    problems = []
    count = 0
    for rel in product_files(args.root):
        count += 1
        problems += check_file(args.root, rel)
    for p in problems:
        print(p)
    print("%d product file(s) checked, %d layering violation(s)" % (count, len(problems)),
          file=sys.stderr if problems else sys.stdout)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
