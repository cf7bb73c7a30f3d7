#!/usr/bin/env python3
"""Regenerates tests/reference/golden_token_ids.jsonl: the token ids that Hugging Face `tokenizers` gives the
default model's tokenizer.json for every distinct sample text (identified by FNV-1a 64 of its UTF-8 bytes, never
copied) and for tricky extra strings (kept with their text), plus BertNormalizer's output for the extras under
several option sets. Ids are untruncated and carry [CLS]/[SEP]; a sample text's ids are kept as their count, an FNV-1a 64 of all of them and
the first 128 (the whole list would weigh megabytes).

    PYTHONPATH=.deps/python /usr/bin/python3 tests/reference/make_token_golden.py
"""
import json
import os
import sys

import tokenizers
from tokenizers import Tokenizer, normalizers

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sample_texts import fnv1a64, sample_texts  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MODEL = os.environ.get("RANKPO_REFERENCE_MODEL", os.path.join(ROOT, ".deps", "models", "all-MiniLM-L6-v2"))

EXTRAS = [
    "", "   ", "\t\n\r", "Hello, World!", "naïve café Résumé", "Ångström Å Å", "İstanbul ΣΊΣΥΦΟΣ σοφός",
    "Straße ẞ ß", "ﬁne ﬃ ligatures", "£100 & 50% off; γ-ray ∗ × ÷ ± € ¥ © ®", "日本語のテキスト 中文 한국어",
    "emoji 🤖👍🏽 ❤️", "zero\u200bwidth\u200djoiner\ufeffbom", "soft\u00adhyphen", "nbsp\u00a0thin\u2009ideo\u3000sp",
    "control\x01\x7f\x85chars\x0b\x0c", "replacement \ufffd char", "e\u0301 a\u0308 n\u0303 combining",
    "Tiếng Việt có dấu", "नमस्ते दुनिया", "ภาษาไทย", "مرحبا بالعالم", "שָׁלוֹם", "Ελληνικά ΆΈΉ", "Кириллица Ёё Йй",
    "ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３", "ⓐⓑ ①② Ⅻ ℌ ℃ ㎏", "ǅ ǈ ǋ titlecase", "[CLS] inside [SEP] and [PAD][UNK][MASK]",
    "[cls] lower [Sep] ]odd[ [[SEP]]", "a--b...c!!!d??e", "\"quoted\" 'single' «guillemets» „low“ ‘curly’",
    "x" * 101, "y" * 100, "pneumonoultramicroscopicsilicovolcanoconiosis", "supercalifragilisticexpialidocious" * 2,
    "<keyword>deep learning<sep>NLP</keyword><title>A<sep>B</title><abstract>x<sep>y</abstract>",
    "email@example.com http://x.org/a?b=c#d", "C++ C# .NET node.js 3.14159 1,000,000 2025-03-14",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝐁𝐨𝐥𝐝 𝟙𝟚𝟛", "\U00020000\U0002A6D6 ext-b", "mixed日本English한글", "tab\tsep\nline\r\nend",
    "ŉ ǰ ΐ ﬀ", "Ǆ ǅ ǆ", "ꭰꭱ Ꭰ", "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ", "àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ",
]

# (name, BertNormalizer options) for the normaliser's own golden outputs.
NORMALIZERS = {
    "default": dict(clean_text=True, handle_chinese_chars=True, strip_accents=None, lowercase=True),
    "cased": dict(clean_text=True, handle_chinese_chars=True, strip_accents=False, lowercase=False),
    "lower_keep_accents": dict(clean_text=True, handle_chinese_chars=True, strip_accents=False, lowercase=True),
    "strip_keep_case": dict(clean_text=True, handle_chinese_chars=True, strip_accents=True, lowercase=False),
    "raw": dict(clean_text=False, handle_chinese_chars=False, strip_accents=False, lowercase=False),
}


HEAD = 128


def ids_hash(ids):
    """FNV-1a 64 over the ids as little-endian uint32."""
    h = 0xCBF29CE484222325
    for i in ids:
        for b in int(i).to_bytes(4, "little"):
            h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def main():
    tok = Tokenizer.from_file(os.path.join(MODEL, "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    truncating = Tokenizer.from_file(os.path.join(MODEL, "tokenizer.json"))
    truncating.no_padding()
    truncating.enable_truncation(256)
    out_path = os.path.join(HERE, "golden_token_ids.jsonl")
    texts = sample_texts()
    with open(out_path, "w", encoding="utf-8") as out:
        out.write(json.dumps({"tokenizers": tokenizers.__version__, "model": "all-MiniLM-L6-v2",
                              "sample_texts": len(texts), "extras": len(EXTRAS)}) + "\n")
        for i, text in enumerate(texts):
            ids = tok.encode(text).ids
            # Our truncation keeps the first max-2 tokens and [SEP]: check that this is what HF does.
            assert truncating.encode(text).ids == (ids if len(ids) <= 256 else ids[:255] + [ids[-1]]), i
            # The whole sequence is pinned by its count and hash; the head is kept to show where a mismatch starts.
            out.write(json.dumps({"sample": i, "fnv1a64": fnv1a64(text), "count": len(ids),
                                  "ids_fnv1a64": ids_hash(ids), "head": ids[:HEAD]}) + "\n")
        for text in EXTRAS:
            normalized = {name: normalizers.BertNormalizer(**opts).normalize_str(text)
                          for name, opts in NORMALIZERS.items()}
            out.write(json.dumps({"text": text, "ids": tok.encode(text).ids, "normalized": normalized},
                                 ensure_ascii=False) + "\n")
    print(f"{out_path}: {len(texts)} sample texts, {len(EXTRAS)} extras")


if __name__ == "__main__":
    main()
