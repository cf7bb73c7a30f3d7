#!/usr/bin/env python3
"""The PyTorch side of bench/gpu/decoder_gpu_bench, on the very token ids ours used. PyTorch alone (the GPU
machine has it, maybe nothing else): the weights through safetensors_io, the model through
tests/reference/decoder_reference.py (transformers' modeling step for step, checked against transformers there),
with F.scaled_dot_product_attention where torch has it (2.x: flash / memory-efficient kernels on CUDA).

    torch_decoder_peer.py parity MODEL_DIR OURS.json [--device cuda]
        Our vectors against PyTorch's in the model's dtype (bf16 on CUDA): cosine per text, min and mean.
    torch_decoder_peer.py train MODEL_DIR IDS.json --batch 8 --accum 4 [--device cuda] [--gradient-checkpointing]
        The same RankPO steps as ours (SimRankPO's sigmoid loss, tau 0.1, beta 2; AdamW lr 1e-5 on fp32 master
        weights, bf16 weights in the passes, gradient clipping at 1.0): the first step untimed, then the rest.
Prints one JSON line.
"""
import argparse
import json
import os
import sys
import time

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "reference"))
import decoder_reference  # noqa: E402
import safetensors_io  # noqa: E402


def load(model_dir, device):
    with open(os.path.join(model_dir, "config.json"), encoding="utf-8") as f:
        config = json.load(f)
    dtype = getattr(torch, config.get("torch_dtype") or "float32") if device.type == "cuda" else torch.float32
    raw = safetensors_io.load(os.path.join(model_dir, "model.safetensors"))
    w = {(k[len("model."):] if k.startswith("model.") else k): v.to(device, dtype) for k, v in raw.items()
         if not k.startswith("lm_head.")}
    return config, w


def attention():
    return "sdpa" if hasattr(F, "scaled_dot_product_attention") else "eager"


def pad(sequences, device):
    length = max(len(s) for s in sequences)
    ids = torch.zeros(len(sequences), length, dtype=torch.long)
    mask = torch.zeros(len(sequences), length, dtype=torch.long)
    for i, s in enumerate(sequences):
        ids[i, :len(s)] = torch.tensor(s)
        mask[i, :len(s)] = 1
    return ids.to(device), mask.to(device)


def embed(w, config, sequences, device, checkpoint=False):
    """Upstream's pooling: the last non-pad token's hidden state (right padding), L2-normalised."""
    ids, mask = pad(sequences, device)
    hidden = decoder_reference.forward(w, config, ids, mask, attention=attention(), checkpoint=checkpoint)
    last = mask.sum(dim=1) - 1
    pooled = hidden[torch.arange(hidden.shape[0], device=device), last]
    return F.normalize(pooled.float(), dim=-1)


def parity(args, device):
    config, w = load(args.model, device)
    with open(args.ours, encoding="utf-8") as f:
        ours = json.load(f)
    rows = ours["rows"]
    cosines = []
    with torch.no_grad():
        for begin in range(0, len(rows), 16):
            chunk = rows[begin:begin + 16]
            theirs = embed(w, config, [r["ids"] for r in chunk], device)
            mine = torch.tensor([r["embedding"] for r in chunk], device=device)
            cosines += F.cosine_similarity(mine, theirs, dim=-1).tolist()
    print(json.dumps({"side": "pytorch", "texts": len(cosines), "min_cosine": min(cosines),
                      "mean_cosine": sum(cosines) / len(cosines), "attention": attention(),
                      "dtype": str(next(iter(w.values())).dtype), "device": str(device),
                      "longest_tokens": max(len(r["ids"]) for r in rows)}))


def train(args, device):
    config, w = load(args.model, device)
    with open(args.ids, encoding="utf-8") as f:
        examples = json.load(f)
    per_step = args.batch * args.accum
    params = {k: v.requires_grad_(True) for k, v in w.items()}
    master = {k: v.detach().float().clone() for k, v in params.items()}
    optimizer = torch.optim.AdamW(list(master.values()), lr=1e-5, weight_decay=0.0)
    tau, beta = 0.1, 2.0

    def step(batch_examples):
        for begin in range(0, len(batch_examples), args.batch):
            micro = batch_examples[begin:begin + args.batch]
            jobs = embed(params, config, [e["job"] for e in micro], device, args.gradient_checkpointing)
            candidates = embed(params, config, [e["chosen"] for e in micro] + [e["rejected"] for e in micro],
                               device, args.gradient_checkpointing)
            chosen, rejected = candidates[:len(micro)], candidates[len(micro):]
            logits = ((jobs * chosen).sum(-1) - (jobs * rejected).sum(-1)) / tau
            loss = -F.logsigmoid(beta * logits).mean() / args.accum
            loss.backward()
        for k, p in params.items():  # gradients summed in fp32 on the master copies, as ours
            master[k].grad = p.grad.float() if p.grad is not None else None
            p.grad = None
        torch.nn.utils.clip_grad_norm_(list(master.values()), 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        with torch.no_grad():
            for k, p in params.items():
                p.copy_(master[k])
        return loss.item()

    def sync():
        if device.type == "cuda":
            torch.cuda.synchronize()

    step(examples[:per_step])
    sync()
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats()
    timed = examples[per_step:]
    steps = len(timed) // per_step
    start = time.perf_counter()
    for s in range(steps):
        step(timed[s * per_step:(s + 1) * per_step])
    sync()
    seconds = time.perf_counter() - start
    tokens = sum(len(e["job"]) + len(e["chosen"]) + len(e["rejected"]) for e in timed[:steps * per_step])
    out = {"side": "pytorch", "device": str(device), "steps": steps, "seconds": seconds, "tokens": tokens,
           "tokens_per_second": tokens / seconds, "attention": attention(),
           "gradient_checkpointing": args.gradient_checkpointing}
    if device.type == "cuda":
        out["peak_allocated_gib"] = torch.cuda.max_memory_allocated() / 2**30
    print(json.dumps(out))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="mode", required=True)
    p = sub.add_parser("parity")
    p.add_argument("model")
    p.add_argument("ours")
    t = sub.add_parser("train")
    t.add_argument("model")
    t.add_argument("ids")
    t.add_argument("--batch", type=int, default=8)
    t.add_argument("--accum", type=int, default=4)
    t.add_argument("--gradient-checkpointing", action="store_true")
    for q in (p, t):
        q.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = ap.parse_args()
    torch.manual_seed(42)
    device = torch.device(args.device)
    parity(args, device) if args.mode == "parity" else train(args, device)


if __name__ == "__main__":
    main()
