#!/usr/bin/env python3
"""Regenerates the golden sentence embeddings that tst_text_encoder compares ours with (cosine >= 0.9999):

  golden_embeddings.json      all-MiniLM-L6-v2 (mean pooling) through sentence-transformers, for 20 sample texts
                              (10 jobs, 10 candidates; identified by FNV-1a 64, never copied) and a few short extras
  tiny-cls-bert/              a small randomly initialised BERT (seed 7) with CLS pooling and no Normalize module,
                              BGE-style, F16 weights and only vocab.txt: a second architecture path
  golden_tiny_cls.json        its embeddings from sentence-transformers, L2-normalised here

    PYTHONPATH=.deps/python /usr/bin/python3 tests/reference/make_embedding_golden.py
"""
import json
import os
import sys

import torch
import sentence_transformers
from sentence_transformers import SentenceTransformer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sample_texts import fnv1a64, sample_texts  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MODEL = os.environ.get("RANKPO_REFERENCE_MODEL", os.path.join(ROOT, ".deps", "models", "all-MiniLM-L6-v2"))
TINY = os.path.join(HERE, "tiny-cls-bert")
EXTRAS = ["Assistant Professor of Machine Learning", "<keyword>graph neural networks</keyword>",
          "γ-ray astronomy: £2M funding, naïve Bayes ∗", "x"]


def chosen_samples():
    """The first 10 job texts and the first 10 candidate texts of the enumeration."""
    texts = sample_texts()
    jobs = [i for i, t in enumerate(texts) if not t.startswith("<keyword>")][:10]
    candidates = [i for i, t in enumerate(texts) if t.startswith("<keyword>")][:10]
    return texts, jobs + candidates


def write_minilm_golden():
    model = SentenceTransformer(MODEL, device="cpu")
    texts, chosen = chosen_samples()
    inputs = [texts[i] for i in chosen] + EXTRAS
    vectors = model.encode(inputs, batch_size=8, convert_to_numpy=True, normalize_embeddings=True)
    rows = [{"sample": i, "fnv1a64": fnv1a64(texts[i]), "embedding": [round(float(x), 7) for x in v]}
            for i, v in zip(chosen, vectors)]
    rows += [{"text": t, "embedding": [round(float(x), 7) for x in v]} for t, v in zip(EXTRAS, vectors[len(chosen):])]
    with open(os.path.join(HERE, "golden_embeddings.json"), "w", encoding="utf-8") as f:
        json.dump({"model": "all-MiniLM-L6-v2", "sentence_transformers": sentence_transformers.__version__,
                   "torch": torch.__version__, "rows": rows}, f, ensure_ascii=False)
        f.write("\n")


def make_tiny_model():
    from transformers import BertConfig, BertModel
    torch.manual_seed(7)
    with open(os.path.join(MODEL, "vocab.txt"), encoding="utf-8") as f:
        vocab = [line.rstrip("\n") for line in f][:3000]  # specials, single characters, the commonest words
    config = BertConfig(vocab_size=len(vocab), hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=40, hidden_act="gelu")
    model = BertModel(config, add_pooling_layer=True)
    model.eval()
    os.makedirs(os.path.join(TINY, "1_Pooling"), exist_ok=True)
    model.half().save_pretrained(TINY, safe_serialization=True)
    with open(os.path.join(TINY, "vocab.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(vocab) + "\n")
    with open(os.path.join(TINY, "tokenizer_config.json"), "w") as f:
        json.dump({"do_lower_case": True, "tokenizer_class": "BertTokenizer", "model_max_length": 40}, f, indent=2)
    with open(os.path.join(TINY, "sentence_bert_config.json"), "w") as f:
        json.dump({"max_seq_length": 32, "do_lower_case": False}, f, indent=2)
    with open(os.path.join(TINY, "modules.json"), "w") as f:
        json.dump([{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                   {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}],
                  f, indent=2)
    with open(os.path.join(TINY, "1_Pooling", "config.json"), "w") as f:
        json.dump({"word_embedding_dimension": 16, "pooling_mode_cls_token": True, "pooling_mode_mean_tokens": False,
                   "pooling_mode_max_tokens": False, "pooling_mode_mean_sqrt_len_tokens": False}, f, indent=2)


def write_tiny_golden():
    model = SentenceTransformer(TINY, device="cpu")
    texts, chosen = chosen_samples()
    inputs = [texts[i] for i in chosen[:5]] + EXTRAS
    vectors = model.encode(inputs, batch_size=4, convert_to_numpy=True, normalize_embeddings=True)
    rows = [{"sample": i, "fnv1a64": fnv1a64(texts[i]), "embedding": [round(float(x), 7) for x in v]}
            for i, v in zip(chosen[:5], vectors)]
    rows += [{"text": t, "embedding": [round(float(x), 7) for x in v]} for t, v in zip(EXTRAS, vectors[5:])]
    with open(os.path.join(HERE, "golden_tiny_cls.json"), "w", encoding="utf-8") as f:
        json.dump({"model": "tiny-cls-bert", "rows": rows}, f, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    write_minilm_golden()
    make_tiny_model()
    write_tiny_golden()
    print("golden embeddings written")
