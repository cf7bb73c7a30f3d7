#!/usr/bin/env python3
"""Regenerates core/text/bpe_unicode_tables.inc: what the byte-level BPE tokenizers (Llama 3, Qwen2, GPT-2) need
to know about code points, taken from the reference, Hugging Face `tokenizers` (pinned in
scripts/install-python-deps.sh), so that our hand-written pre-tokenizer and NFC agree with it:

  classes  the regex classes \\p{L}, \\p{N} and \\s of the Oniguruma engine that tokenizers' Split pre-tokenizer
           (and ByteLevel's GPT-2 regex) runs: each probed one code point at a time with Split(Regex(...))
  folds    the code points that (?i:x) matches for the letters of the contractions 's 't 're 've 'm 'll 'd
           (besides the ASCII pair, U+017F LONG S matches s)
  NFC      canonical decompositions (probed with tokenizers' NFD, one code point at a time), canonical combining
           classes (Python's unicodedata, checked against tokenizers' reordering), and the primary composites
           (unicodedata's canonical pairs that tokenizers' NFC composes). Hangul is algorithmic (in the code).

    PYTHONPATH=.deps/python /usr/bin/python3 tests/reference/make_bpe_unicode_tables.py core/text/bpe_unicode_tables.inc
"""
import sys
import unicodedata

import tokenizers
from tokenizers import Regex, normalizers, pre_tokenizers

LETTER, NUMBER, SPACE = 1, 2, 4
HANGUL_BASE, HANGUL_COUNT = 0xAC00, 11172


def code_points():
    return (c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


def matches(pattern):
    split = pre_tokenizers.Split(Regex(pattern), "removed")
    return {c for c in code_points() if not split.pre_tokenize_str(chr(c))}


def probe_classes():
    flags = {}
    for bit, pattern in ((LETTER, r"\p{L}"), (NUMBER, r"\p{N}"), (SPACE, r"\s")):
        for c in matches(pattern):
            flags[c] = flags.get(c, 0) | bit
    return flags


def probe_folds():
    folds = {}
    for letter in "strevmld":
        for c in matches("(?i:" + letter + ")"):
            if c != ord(letter):
                folds[c] = ord(letter)
    return folds


def probe_nfc():
    nfd, nfc = normalizers.NFD(), normalizers.NFC()
    decomp = {}
    for c in code_points():
        if HANGUL_BASE <= c < HANGUL_BASE + HANGUL_COUNT:
            continue
        out = nfd.normalize_str(chr(c))
        if out != chr(c):
            decomp[c] = [ord(x) for x in out]
    ccc = {c: unicodedata.combining(chr(c)) for c in code_points() if unicodedata.combining(chr(c))}
    # The reference's reordering data is older than unicodedata's for a few marks: where reordering around a
    # mark of each class disagrees, the class is measured against one representative mark per class instead.
    representatives = {}
    for c, v in sorted(ccc.items()):
        representatives.setdefault(v, c)
    reps = sorted(representatives.items())

    def reorders(text):
        return nfd.normalize_str(text) != text

    for c in code_points():
        if c in decomp or HANGUL_BASE <= c < HANGUL_BASE + HANGUL_COUNT or c in representatives.values():
            continue
        agree = all(nfd.normalize_str(t) == unicodedata.normalize("NFD", t)
                    for t in ("a" + chr(c) + "\u0316", "a" + "\u0316" + chr(c), "a" + chr(c) + "\u0301",
                              "a" + "\u0301" + chr(c)))
        if agree:
            continue
        above = [v for v, r in reps if reorders("a" + chr(c) + chr(r))]  # classes below c's
        below = [v for v, r in reps if reorders("a" + chr(r) + chr(c))]  # classes above c's
        if not above and not below:
            ccc.pop(c, None)
            continue
        low = max(above, default=0)
        high = min(below, default=255)
        equal = [v for v, _ in reps if low < v < high]
        ccc[c] = equal[0] if equal else low + 1
    compose = []
    for c in code_points():
        raw = unicodedata.decomposition(chr(c))
        if not raw or raw.startswith("<"):
            continue
        parts = [int(x, 16) for x in raw.split()]
        if len(parts) == 2 and nfc.normalize_str(chr(parts[0]) + chr(parts[1])) == chr(c):
            compose.append((parts[0], parts[1], c))
    # Whole-string check: every decomposable code point composes back as the reference does.
    for c in decomp:
        for text in (chr(c), "".join(map(chr, decomp[c])), "a" + chr(c) + "\u0316\u0301"):
            if nfc.normalize_str(text) != composed(text, decomp, ccc, compose):
                raise SystemExit(f"our NFC model disagrees with tokenizers on U+{c:04X}")
    return decomp, ccc, sorted(compose)


def composed(text, decomp, ccc, compose):
    """The C++ algorithm in Python: decompose, reorder, compose (what bpe_normalizer.cpp does)."""
    pairs = {(a, b): c for a, b, c in compose}
    cps = []
    for ch in text:
        c = ord(ch)
        if HANGUL_BASE <= c < HANGUL_BASE + HANGUL_COUNT:
            s = c - HANGUL_BASE
            cps += [0x1100 + s // 588, 0x1161 + (s % 588) // 28] + ([0x11A7 + s % 28] if s % 28 else [])
        else:
            cps += decomp.get(c, [c])
    i = 0
    while i < len(cps):  # stable sort of each run of non-starters by class
        if ccc.get(cps[i], 0) == 0:
            i += 1
            continue
        j = i
        while j < len(cps) and ccc.get(cps[j], 0):
            j += 1
        cps[i:j] = sorted(cps[i:j], key=lambda x: ccc.get(x, 0))
        i = j
    out, starter, last_class = [], -1, 0
    for c in cps:
        cls = ccc.get(c, 0)
        if starter >= 0 and (last_class < cls or (last_class == 0 and len(out) - 1 == starter)):
            s = out[starter]
            if 0x1100 <= s < 0x1113 and 0x1161 <= c < 0x1176:
                out[starter] = HANGUL_BASE + ((s - 0x1100) * 21 + c - 0x1161) * 28
                continue
            if HANGUL_BASE <= s < HANGUL_BASE + HANGUL_COUNT and (s - HANGUL_BASE) % 28 == 0 and 0x11A7 < c < 0x11C3:
                out[starter] = s + c - 0x11A7
                continue
            if (s, c) in pairs:
                out[starter] = pairs[(s, c)]
                continue
        if cls == 0:
            starter = len(out)
            last_class = 0
        else:
            last_class = cls
        out.append(c)
    return "".join(map(chr, out))


def ranges(values):
    out = []
    for c in sorted(values):
        v = values[c]
        if out and out[-1][1] == c - 1 and out[-1][2] == v:
            out[-1][1] = c
        else:
            out.append([c, c, v])
    return out


def pack(lines, width=116):
    out = []
    for line in lines:
        row = line.startswith("    {") and "//" not in line
        if row and out and out[-1].startswith("    {") and "//" not in out[-1] and len(out[-1]) + len(line) - 3 <= width:
            out[-1] += " " + line.strip()
        else:
            out.append(line)
    return out


def main():
    target = sys.argv[1] if len(sys.argv) > 1 else "core/text/bpe_unicode_tables.inc"
    classes = probe_classes()
    folds = probe_folds()
    decomp, ccc, compose = probe_nfc()
    if max(len(v) for v in decomp.values()) > 4:
        raise SystemExit("a decomposition longer than 4 code points: widen Decomposition")
    lines = [
        "// Generated by tests/reference/make_bpe_unicode_tables.py from Hugging Face tokenizers "
        f"{tokenizers.__version__} (Oniguruma classes, NFC); do not edit.",
        "// Included by core/text/bpe_unicode_tables.cpp only.",
        "",
        "// \\p{L} = 1, \\p{N} = 2, \\s = 4, as Oniguruma classifies code points.",
        "constexpr ClassRange kClassRanges[] = {",
    ]
    lines += [f"    {{0x{a:X}, 0x{b:X}, {f}}}," for a, b, f in ranges(classes)]
    lines += ["};", "", "// Code points that (?i:x) also matches for a contraction letter x (its ASCII lower case).",
              "constexpr Fold kContractionFolds[] = {"]
    lines += [f"    {{0x{c:X}, 0x{t:X}}}," for c, t in sorted(folds.items())]
    if not folds:
        lines.append("    {0x110000, 0}, // none: a sentinel")
    lines += ["};", "", "// Canonical combining classes (non-zero ones).", "constexpr ClassRange kCombiningClasses[] = {"]
    lines += [f"    {{0x{a:X}, 0x{b:X}, {v}}}," for a, b, v in ranges(ccc)]
    lines += ["};", "", "// Full canonical decompositions (NFD of one code point), Hangul syllables excepted.",
              "constexpr Decomposition kDecompositions[] = {"]
    for c, v in sorted(decomp.items()):
        lines.append(f"    {{0x{c:X}, {{{', '.join(f'0x{x:X}' for x in v)}}}, {len(v)}}},")
    lines += ["};", "", "// Primary composites: (first, second) -> composite, sorted by (first, second).",
              "constexpr Composition kCompositions[] = {"]
    lines += [f"    {{0x{a:X}, 0x{b:X}, 0x{c:X}}}," for a, b, c in compose]
    lines += ["};", ""]
    with open(target, "w", encoding="ascii") as f:
        f.write("\n".join(pack(lines)))
    print(f"{target}: {len(ranges(classes))} class ranges, {len(folds)} folds, {len(ranges(ccc))} combining ranges, "
          f"{len(decomp)} decompositions, {len(compose)} compositions")


if __name__ == "__main__":
    main()
