#!/usr/bin/env python3
"""Byte-level BPE tokenizers and the token ids Hugging Face `tokenizers` gives them (tst_bpe_tokenizer compares ours):

  tiny-llama/tokenizer.json   Llama 3 style: Llama 3's split regex, ByteLevel, ignore_merges, "a b" merges, the
                              <|begin_of_text|> template, reserved specials (<|finetune_right_pad_id|>), one lstrip /
                              rstrip token and one normalized non-special token; a BPE of 1,000 tokens trained on
                              the sample texts, plus two whole-word entries no merge reaches (ignore_merges decides)
  tiny-qwen2/tokenizer.json   Qwen2 style: NFC, Qwen2's split regex, [a, b] merges, no template, <|endoftext|>
                              <|im_start|> <|im_end|>, and a normalized token whose content NFC changes
  golden_bpe_token_ids.jsonl  for each of these and for the real Llama 3.2 and Qwen tokenizers that
                              scripts/install-python-deps.sh installs (.deps/tokenizers/): every distinct sample text
                              (its id count, FNV-1a 64 of the ids and the first ids; the text named by its FNV-1a 64)
                              and tricky extras (kept with their full ids), untruncated, and for some also truncated to 16 tokens.

    RANKPO_SHARED_DATA_DIR=/work/shared/data PYTHONPATH=.deps/python /usr/bin/python3 tests/reference/make_bpe_golden.py
"""
import json
import os
import sys

import tokenizers
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_token_golden import EXTRAS as BERT_EXTRAS, ids_hash  # noqa: E402
from sample_texts import fnv1a64, sample_texts  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEPS = os.environ.get("RANKPO_DEPS_DIR", os.path.join(ROOT, ".deps"))

LLAMA3_REGEX = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|"
                r"\s*[\r\n]+|\s+(?!\S)|\s+")
QWEN2_REGEX = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|"
               r"\s*[\r\n]+|\s+(?!\S)|\s+")
HEAD = 8
TRUNCATE = 16

EXTRAS = BERT_EXTRAS + [
    "I'M don'T we'LL it'ſ they'Re you'VE I'D 's 'x", "1234567 12.5 ٣٤٥ ²³ Ⅻ", "a\n\n b  \n\t c   \r\n\r\n  d\u3000\u3000e",
    "  leading and trailing  ", "\n", " ", "x  y   z", "tab\t\tx", "<|begin_of_text|>hello<|end_of_text|>",
    "<|im_start|>user\nHi<|im_end|>\n<|endoftext|>", "a <mask>  b<mask>c", "deep learning and deep  learning",
    "cafe\u0301 café CAFÉ", "unreachableword and xyzzy, xyzzyx", "<|finetune_right_pad_id|><|reserved_special_token_0|>",
    "e\u0301\u0323 o\u0308\u0304 \u1100\u1161\u11a8 \u0041\u030a", "emoji 👩‍👩‍👧 ZWJ", "<keyword>a</keyword><sep>",
]


def train_base(texts, vocab_size, regex):
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(tokenizers.Regex(regex), behavior="isolated"),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
                                  show_progress=False)
    tok.train_from_iterator(texts, trainer)
    return json.loads(tok.to_str())


def added(content, id_, special=True, lstrip=False, rstrip=False, normalized=None, single_word=False):
    return {"id": id_, "content": content, "single_word": single_word, "lstrip": lstrip, "rstrip": rstrip,
            "normalized": (not special) if normalized is None else normalized, "special": special}


def make_llama_style(texts):
    doc = train_base(texts, 1000, LLAMA3_REGEX)
    vocab = doc["model"]["vocab"]
    # Whole-word entries that no merge produces: with ignore_merges a piece equal to one is that token.
    for word in ("Ġunreachableword", "xyzzy"):
        vocab[word] = len(vocab)
    doc["model"]["ignore_merges"] = True
    doc["model"]["merges"] = [" ".join(m) if isinstance(m, list) else m for m in doc["model"]["merges"]]
    n = len(vocab)
    specials = ["<|begin_of_text|>", "<|end_of_text|>", "<|reserved_special_token_0|>", "<|finetune_right_pad_id|>"]
    doc["added_tokens"] = [added(t, n + i) for i, t in enumerate(specials)]
    doc["added_tokens"].append(added("<mask>", n + 4, lstrip=True, rstrip=True))
    doc["added_tokens"].append(added("deep learning", n + 5, special=False, normalized=True))
    doc["normalizer"] = None
    doc["post_processor"] = {"type": "Sequence", "processors": [
        {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True},
        {"type": "TemplateProcessing",
         "single": [{"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
         "pair": [{"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                  {"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 1}}, {"Sequence": {"id": "B", "type_id": 1}}],
         "special_tokens": {"<|begin_of_text|>": {"id": "<|begin_of_text|>", "ids": [n], "tokens": ["<|begin_of_text|>"]}}}]}
    config = {"bos_token": "<|begin_of_text|>", "eos_token": "<|end_of_text|>", "model_max_length": 131072,
              "tokenizer_class": "PreTrainedTokenizerFast", "clean_up_tokenization_spaces": True,
              "added_tokens_decoder": {str(t["id"]): {k: t[k] for k in t if k != "id"} for t in doc["added_tokens"]}}
    return doc, config


def make_qwen2_style(texts):
    doc = train_base(texts, 900, QWEN2_REGEX)
    doc["model"]["merges"] = [m.split(" ") if isinstance(m, str) else m for m in doc["model"]["merges"]]
    doc["model"]["continuing_subword_prefix"] = ""
    doc["model"]["end_of_word_suffix"] = ""
    n = len(doc["model"]["vocab"])
    doc["added_tokens"] = [added(t, n + i) for i, t in enumerate(["<|endoftext|>", "<|im_start|>", "<|im_end|>"])]
    doc["added_tokens"].append(added("caf\u00e9", n + 3, special=False, normalized=True))  # NFC of "cafe\u0301"
    doc["normalizer"] = {"type": "NFC"}
    doc["pre_tokenizer"]["pretokenizers"][1]["trim_offsets"] = False
    doc["post_processor"] = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False}
    config = {"eos_token": "<|endoftext|>", "pad_token": "<|endoftext|>", "bos_token": None, "model_max_length": 32768,
              "tokenizer_class": "Qwen2Tokenizer", "clean_up_tokenization_spaces": False,
              "added_tokens_decoder": {str(t["id"]): {k: t[k] for k in t if k != "id"} for t in doc["added_tokens"]}}
    return doc, config


def write_fixture(folder, doc, config):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    with open(os.path.join(folder, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False, indent=2)
        f.write("\n")


def golden_rows(name, tok, texts):
    tok.no_truncation()
    tok.no_padding()
    truncating = Tokenizer.from_str(tok.to_str())
    truncating.enable_truncation(TRUNCATE)
    rows = []
    for i, text in enumerate(texts):
        ids = tok.encode(text).ids
        row = {"tokenizer": name, "sample": i, "fnv1a64": fnv1a64(text), "count": len(ids),
               "ids_fnv1a64": ids_hash(ids), "head": ids[:HEAD]}
        if i % 8 == 0:  # truncation is the same code for every text: a few suffice
            row["truncated"] = truncating.encode(text).ids
        rows.append(row)
    for text in EXTRAS:
        rows.append({"tokenizer": name, "text": text, "ids": tok.encode(text).ids,
                     "truncated": truncating.encode(text).ids})
    return rows


def main():
    texts = sample_texts()
    llama_doc, llama_config = make_llama_style(texts)
    qwen_doc, qwen_config = make_qwen2_style(texts)
    write_fixture(os.path.join(HERE, "tiny-llama"), llama_doc, llama_config)
    write_fixture(os.path.join(HERE, "tiny-qwen2"), qwen_doc, qwen_config)
    sources = [("tiny-llama", os.path.join(HERE, "tiny-llama", "tokenizer.json")),
               ("tiny-qwen2", os.path.join(HERE, "tiny-qwen2", "tokenizer.json")),
               ("llama-3.2", os.path.join(DEPS, "tokenizers", "llama-3.2", "tokenizer.json")),
               ("qwen3", os.path.join(DEPS, "tokenizers", "qwen3", "tokenizer.json"))]
    out_path = os.path.join(HERE, "golden_bpe_token_ids.jsonl")
    with open(out_path, "w", encoding="utf-8") as out:
        out.write(json.dumps({"tokenizers": tokenizers.__version__, "sample_texts": len(texts), "extras": len(EXTRAS),
                              "truncate": TRUNCATE}) + "\n")
        for name, path in sources:
            if not os.path.exists(path):
                raise SystemExit(f"{path} is missing: run scripts/install-python-deps.sh")
            for row in golden_rows(name, Tokenizer.from_file(path), texts):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{out_path}: {len(sources)} tokenizers x ({len(texts)} sample texts + {len(EXTRAS)} extras)")


if __name__ == "__main__":
    main()
