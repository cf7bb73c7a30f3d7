#!/usr/bin/env python3
"""Regenerates core/text/unicode_tables.inc: the per-code-point facts that BERT's text normalisation needs.

The facts are taken from the reference itself, Hugging Face `tokenizers` (pinned in scripts/install-python-deps.sh),
by asking it about every code point, rather than from Python's `unicodedata`: `tokenizers` classifies characters
with its own (older) Unicode data, and our tokenizer must agree with it, not with a newer Unicode.

    PYTHONPATH=.deps/python /usr/bin/python3 tests/reference/make_unicode_tables.py core/text/unicode_tables.inc

What is probed, one code point c at a time:
  clean   BertNormalizer(clean_text) on c: removed (a control character) or turned into ' ' (whitespace)
  cjk     BertNormalizer(handle_chinese_chars) on c: padded with spaces
  strip   BertNormalizer(strip_accents) on c: NFD without non-spacing marks, usually c itself
  lower   Lowercase on c (Rust's char::to_lowercase, no context, so no final sigma)
  split   BertPreTokenizer on 'a' c 'a': split off as whitespace, isolated as punctuation, or neither
Hangul syllables decompose algorithmically (the code does that); the script checks that the reference agrees.
"""
import sys
import tokenizers
from tokenizers import normalizers, pre_tokenizers

CONTROL, SPACE, CJK, PUNCT, SPLIT_SPACE, MARK = 1, 2, 4, 8, 16, 32
HANGUL_BASE, HANGUL_COUNT = 0xAC00, 11172


def hangul_nfd(c):
    s = c - HANGUL_BASE
    lead, vowel, trail = 0x1100 + s // 588, 0x1161 + (s % 588) // 28, 0x11A7 + s % 28
    return [lead, vowel] + ([trail] if trail != 0x11A7 else [])


def probe():
    clean = normalizers.BertNormalizer(clean_text=True, handle_chinese_chars=False, strip_accents=False,
                                       lowercase=False)
    cjk = normalizers.BertNormalizer(clean_text=False, handle_chinese_chars=True, strip_accents=False,
                                     lowercase=False)
    # BertNormalizer's own accent stripping (NFD, then drop Mn only; the StripAccents normalizer drops all marks).
    strip = normalizers.BertNormalizer(clean_text=False, handle_chinese_chars=False, strip_accents=True,
                                       lowercase=False)
    lower = normalizers.Lowercase()
    pre = pre_tokenizers.BertPreTokenizer()
    flags, strip_map, lower_map = {}, {}, {}
    for c in range(0x110000):
        if 0xD800 <= c <= 0xDFFF:
            continue  # not representable in UTF-8; our decoder turns them into U+FFFD
        ch = chr(c)
        f = 0
        out = clean.normalize_str(ch)
        if out == "":
            f |= CONTROL
        elif out == " " and ch != " " or ch == " ":
            f |= SPACE
        elif out != ch:
            raise SystemExit(f"unexpected clean_text output for U+{c:04X}: {out!r}")
        out = cjk.normalize_str(ch)
        if out == f" {ch} ":
            f |= CJK
        elif out != ch:
            raise SystemExit(f"unexpected handle_chinese_chars output for U+{c:04X}: {out!r}")
        parts = [p for p, _ in pre.pre_tokenize_str("a" + ch + "a")]
        if parts == ["a", "a"]:
            f |= SPLIT_SPACE
        elif parts == ["a", ch, "a"]:
            f |= PUNCT
        elif parts != ["a" + ch + "a"]:
            raise SystemExit(f"unexpected pre-tokenisation around U+{c:04X}: {parts!r}")
        out = strip.normalize_str(ch)
        if HANGUL_BASE <= c < HANGUL_BASE + HANGUL_COUNT:
            if [ord(x) for x in out] != hangul_nfd(c):
                raise SystemExit(f"Hangul U+{c:04X} does not decompose algorithmically: {out!r}")
        elif out == "":
            f |= MARK
        elif out != ch:
            strip_map[c] = [ord(x) for x in out]
        out = lower.normalize_str(ch)
        if out != ch:
            lower_map[c] = [ord(x) for x in out]
        if f:
            flags[c] = f
    return flags, strip_map, lower_map


def check_no_reordering(strip_map):
    """Canonical reordering in NFD could move the few marks that survive accent stripping; make sure no pair of
    them is reordered by the reference, so that the C++ code may skip reordering."""
    nfd = normalizers.NFD()
    survivors = sorted({x for v in strip_map.values() for x in v if x >= 0x300})
    for a in survivors:
        for b in survivors:
            if nfd.normalize_str("a" + chr(a) + chr(b)) != "a" + chr(a) + chr(b):
                raise SystemExit(f"NFD reorders U+{a:04X} U+{b:04X}: reordering must be implemented")


def ranges(flags):
    """Runs of equal flags over the code points (flag 0 between runs is implicit)."""
    out, start, prev, cur = [], None, None, None
    for c in sorted(flags):
        f = flags[c]
        if start is not None and c == prev + 1 and f == cur:
            prev = c
            continue
        if start is not None:
            out.append((start, prev, cur))
        start, prev, cur = c, c, f
    if start is not None:
        out.append((start, prev, cur))
    return out


def affine_runs(mapping):
    """Single-code-point mappings as runs (first, count, stride, delta): cp = first + k*stride maps to cp + delta."""
    singles = sorted((c, v[0]) for c, v in mapping.items() if len(v) == 1)
    runs, i = [], 0
    while i < len(singles):
        c, t = singles[i]
        best = (1, 1)
        for stride in (1, 2):
            n = 1
            while i + n < len(singles) and singles[i + n][0] == c + n * stride and singles[i + n][1] - singles[i + n][0] == t - c:
                n += 1
            if n > best[0]:
                best = (n, stride)
        runs.append((c, best[0], best[1], t - c))
        i += best[0]
    return runs


def constant_runs(mapping):
    """Single-code-point mappings as runs (first, count, target): consecutive code points with one target."""
    singles = sorted((c, v[0]) for c, v in mapping.items() if len(v) == 1)
    runs = []
    for c, t in singles:
        if runs and runs[-1][0] + runs[-1][1] == c and runs[-1][2] == t:
            runs[-1][1] += 1
        else:
            runs.append([c, 1, t])
    return runs


def check_lookup(runs, lower_map):
    """Simulates the C++ lookup (the last run starting at or before c) over every code point, so that runs that
    overlap or interleave cannot make the table disagree with the reference."""
    import bisect
    firsts = [r[0] for r in runs]
    for c in range(0x110000):
        i = bisect.bisect_right(firsts, c) - 1
        got = None
        if i >= 0:
            first, count, stride, delta = runs[i]
            if c < first + count * stride and (c - first) % stride == 0:
                got = c + delta
        want = lower_map.get(c)
        want = want[0] if want and len(want) == 1 else None
        if got != want:
            raise SystemExit(f"lower-case runs disagree at U+{c:04X}: {got} != {want}")


def pack(lines, width=116):
    """Puts consecutive table rows on one line up to `width` columns: the table stays short to read."""
    out = []
    for line in lines:
        row = line.startswith("    {") and "//" not in line
        if row and out and out[-1].startswith("    {") and "//" not in out[-1] and len(out[-1]) + len(line) - 3 <= width:
            out[-1] += " " + line.strip()
        else:
            out.append(line)
    return out


def main():
    target = sys.argv[1] if len(sys.argv) > 1 else "core/text/unicode_tables.inc"
    flags, strip_map, lower_map = probe()
    check_no_reordering(strip_map)
    multi_strip = {c: v for c, v in strip_map.items() if len(v) > 1}
    multi_lower = {c: v for c, v in lower_map.items() if len(v) > 1}
    lines = [
        "// Generated by tests/reference/make_unicode_tables.py from Hugging Face tokenizers "
        f"{tokenizers.__version__}; do not edit.",
        "// Included by core/text/unicode_tables.cpp only.",
        "",
        "constexpr CodePointRange kCodePointRanges[] = {",
    ]
    for a, b, f in ranges(flags):
        lines.append(f"    {{0x{a:X}, 0x{b:X}, {f}}},")
    lines += ["};", "", "// Accent stripping that keeps one code point other than the input: runs of one target.",
              "constexpr ConstantRun kStripRuns[] = {"]
    for c, n, t in constant_runs(strip_map):
        lines.append(f"    {{0x{c:X}, {n}, 0x{t:X}}},")
    lines += ["};", "", "constexpr MultiMapping kStripMulti[] = {"]
    for c, v in sorted(multi_strip.items()):
        lines.append(f"    {{0x{c:X}, {{{', '.join(f'0x{x:X}' for x in v)}}}, {len(v)}}},")
    if not multi_strip:
        lines.append("    {0x110000, {0}, 0}, // none: a sentinel above every code point")
    lines += ["};", "", "// Lower-casing to one code point: runs where cp = first + k*stride maps to cp + delta.",
              "constexpr AffineRun kLowerRuns[] = {"]
    lower_runs = affine_runs(lower_map)
    check_lookup(lower_runs, lower_map)
    for c, n, s, d in lower_runs:
        lines.append(f"    {{0x{c:X}, {n}, {s}, {d}}},")
    lines += ["};", "", "constexpr MultiMapping kLowerMulti[] = {"]
    for c, v in sorted(multi_lower.items()):
        lines.append(f"    {{0x{c:X}, {{{', '.join(f'0x{x:X}' for x in v)}}}, {len(v)}}},")
    if not multi_lower:
        lines.append("    {0x110000, {0}, 0}, // none: a sentinel above every code point")
    lines += ["};", ""]
    if max((len(v) for v in list(multi_strip.values()) + list(multi_lower.values())), default=0) > 4:
        raise SystemExit("a mapping longer than 4 code points: widen MultiMapping")
    with open(target, "w", encoding="ascii") as f:
        f.write("\n".join(pack(lines)))
    print(f"{target}: {len(ranges(flags))} ranges, {len(constant_runs(strip_map))} strip runs, "
          f"{len(affine_runs(lower_map))} lower runs, {len(multi_strip)}+{len(multi_lower)} multi")


if __name__ == "__main__":
    main()
