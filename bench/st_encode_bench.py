#!/usr/bin/env python3
"""The peer side of bench/encoder_bench: sentence-transformers encoding the same texts with the same model,
batch size, maximum length and thread count (Debian's torch 1.13, like our libtorch). Prints one JSON line.

    PYTHONPATH=.deps/python /usr/bin/python3 bench/st_encode_bench.py MODEL_DIR TEXTS.json THREADS BATCH MAX_LEN [DEVICE]
"""
import json
import resource
import sys
import time

import torch
from sentence_transformers import SentenceTransformer


def main(model_dir, texts_file, threads, batch, max_len, device="cpu"):
    torch.set_num_threads(threads)
    with open(texts_file, encoding="utf-8") as f:
        texts = json.load(f)
    model = SentenceTransformer(model_dir, device=device)
    model.max_seq_length = max_len
    model.encode(texts[:batch], batch_size=batch)  # warm-up, as on our side
    start = time.perf_counter()
    vectors = model.encode(texts, batch_size=batch, convert_to_numpy=True, normalize_embeddings=True)
    if device == "cuda":
        torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    print(json.dumps({"texts": len(texts), "seconds": seconds, "dim": int(vectors.shape[1]),
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
                      "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    if len(sys.argv) not in (6, 7):
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), *sys.argv[6:])
