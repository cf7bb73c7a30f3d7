#!/usr/bin/env python3
"""Checks that a model folder saved by RankPO (EncoderModel::save) loads unchanged in Hugging Face transformers
(no missing or unexpected weights) and sentence-transformers, and that sentence-transformers' embeddings agree
with ours (rankpo-embeddings.json in the folder, written by tst_text_encoder for BERT and tst_decoder_model for a
decoder): cosine >= 0.9999 per text.

    PYTHONPATH=.deps/python /usr/bin/python3 tests/reference/check_saved_model.py build/tests/saved-encoder
"""
import json
import os
import sys

import numpy as np
from sentence_transformers import SentenceTransformer
from transformers import AutoConfig, AutoModel, AutoModelForCausalLM, AutoTokenizer


def main(folder):
    # A decoder saved from a causal-LM checkpoint keeps its head and names: load it as what it says it is.
    architectures = AutoConfig.from_pretrained(folder).architectures or []
    auto = AutoModelForCausalLM if any(a.endswith("ForCausalLM") for a in architectures) else AutoModel
    _, info = auto.from_pretrained(folder, output_loading_info=True)
    problems = {k: v for k, v in info.items() if v}
    if problems:
        raise SystemExit(f"transformers reports loading problems: {problems}")
    AutoTokenizer.from_pretrained(folder)
    with open(os.path.join(folder, "rankpo-embeddings.json"), encoding="utf-8") as f:
        rows = json.load(f)
    model = SentenceTransformer(folder, device="cpu")
    theirs = model.encode([r["text"] for r in rows], batch_size=8, normalize_embeddings=True)
    ours = np.array([r["embedding"] for r in rows], dtype=np.float64)
    ours /= np.linalg.norm(ours, axis=1, keepdims=True)
    cosines = (ours * theirs).sum(axis=1)
    print(f"{len(rows)} texts, lowest cosine {cosines.min():.7f}")
    if cosines.min() < 0.9999:
        raise SystemExit("sentence-transformers disagrees with our embeddings of the saved model")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
