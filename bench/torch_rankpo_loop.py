#!/usr/bin/env python3
"""The peer side of bench/training_bench: the same RankPO training steps as a plain PyTorch loop.

Same model (transformers' BertModel from the same folder, mean or CLS pooling as the folder says, L2
normalisation), same examples, batch size, maximum lengths, thread count, objective (sigmoid RankPO,
reference-free, tau 0.1, beta 2), AdamW, gradient clipping at 1.0, dropout on. Tokenisation happens in
the loop, as on our side (each distinct text once). Prints one JSON line.

    PYTHONPATH=.deps/python /usr/bin/python3 bench/torch_rankpo_loop.py MODEL_DIR EXAMPLES.json THREADS BATCH MAX_LEN [every-job]

With every-job, each pair's job text is encoded (one row per pair, the usual PyTorch loop), not each distinct one.
"""
import json
import os
import sys
import time

import torch
import torch.nn.functional as F
from transformers import AutoModel, AutoTokenizer


def pooling_mode(model_dir):
    path = os.path.join(model_dir, "1_Pooling", "config.json")
    if os.path.exists(path):
        with open(path) as f:
            if json.load(f).get("pooling_mode_cls_token"):
                return "cls"
    return "mean"


def main(model_dir, examples_file, threads, batch, max_len, every_job=False):
    torch.set_num_threads(threads)
    torch.manual_seed(42)
    with open(examples_file, encoding="utf-8") as f:
        examples = json.load(f)
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModel.from_pretrained(model_dir, add_pooling_layer=False)
    model.train()
    pooling = pooling_mode(model_dir)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-5, weight_decay=0.0)
    cache = {}

    def tokens(texts):
        ids = []
        for t in texts:
            if t not in cache:
                cache[t] = tokenizer(t, truncation=True, max_length=max_len)["input_ids"]
            ids.append(cache[t])
        width = max(len(x) for x in ids)
        input_ids = torch.full((len(ids), width), tokenizer.pad_token_id, dtype=torch.long)
        mask = torch.zeros((len(ids), width), dtype=torch.long)
        for i, x in enumerate(ids):
            input_ids[i, : len(x)] = torch.tensor(x)
            mask[i, : len(x)] = 1
        return input_ids, mask

    def embed(texts, every=False):
        unique = list(texts) if every else list(dict.fromkeys(texts))  # each distinct text once, as on our side
        input_ids, mask = tokens(unique)
        states = model(input_ids=input_ids, attention_mask=mask).last_hidden_state
        if pooling == "cls":
            pooled = states[:, 0]
        else:
            m = mask.unsqueeze(-1).to(states.dtype)
            pooled = (states * m).sum(1) / m.sum(1).clamp(min=1e-9)
        pooled = F.normalize(pooled, dim=-1)
        if every:
            return pooled
        index = torch.tensor([unique.index(t) for t in texts])
        return pooled.index_select(0, index)

    def step(chunk):
        q = embed([e["job"] for e in chunk], every_job)
        c = embed([e["chosen"] for e in chunk] + [e["rejected"] for e in chunk])
        n = len(chunk)
        s_c = (q * c[:n]).sum(-1)
        s_r = (q * c[n:]).sum(-1)
        logits = (s_c - s_r) / 0.1
        loss = -F.logsigmoid(2.0 * logits).mean()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad()
        return float(loss)

    step(examples[:batch])  # warm-up, as on our side
    timed = examples[batch:]
    start = time.perf_counter()
    for i in range(0, len(timed) - batch + 1, batch):
        step(timed[i : i + batch])
    seconds = time.perf_counter() - start
    pairs = (len(timed) // batch) * batch
    print(json.dumps({"pairs": pairs, "seconds": seconds, "pairs_per_second": pairs / seconds,
                      "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    if len(sys.argv) not in (6, 7) or (len(sys.argv) == 7 and sys.argv[6] != "every-job"):
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), len(sys.argv) == 7)
