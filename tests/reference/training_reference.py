#!/usr/bin/python3
"""Reference values for the training building blocks (tests/core/tst_learning_rate_schedule.cpp,
tst_adamw_setup.cpp, tst_torch_seeding.cpp).

- The learning-rate schedules and step counts of HF transformers, restated from
  transformers/optimization.py (get_cosine/linear/constant_schedule_with_warmup lr lambdas),
  TrainingArguments.get_warmup_steps (ceil(total * ratio)) and Trainer._inner_training_loop
  (max_steps = ceil(epochs * max(len(dataloader) // accumulation, 1))). transformers itself is not
  needed: these few lines are the whole formula.
- torch.optim.AdamW with HF's two parameter groups (decay / no decay for biases and LayerNorm
  weights), clip_grad_norm_ before each step and a learning rate set per step, on fixed tensors.
- The first draws of torch's CPU generator after torch.manual_seed, which libtorch must reproduce.
- SplitMix64 (Vigna's splitmix64.c; seed 1234567 gives the published 6457827717110365317, ...) and
  the bounded draws, seed derivation and Fisher-Yates shuffle built on it (core/training/split_mix64),
  restated with Python's integers so the C++ orders are checked against an independent version.

Run with Debian's interpreter (python3-torch): /usr/bin/python3 tests/reference/training_reference.py
"""
import argparse
import json
import math
import os

import torch


def encode(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(x) for x in t.reshape(-1).tolist()]}


# ---------------------------------------------------------------- schedules (HF formulas)

def hf_lr_lambda(kind, current_step, num_warmup_steps, num_training_steps):
    if kind == "constant":
        return 1.0
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    if kind == "constant_with_warmup":
        return 1.0
    if kind == "linear":
        return max(0.0, float(num_training_steps - current_step) / float(max(1, num_training_steps - num_warmup_steps)))
    if kind == "cosine":
        num_cycles = 0.5
        progress = float(current_step - num_warmup_steps) / float(max(1, num_training_steps - num_warmup_steps))
        return max(0.0, 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress)))
    raise ValueError(kind)


def hf_warmup_steps(num_training_steps, warmup_ratio, warmup_steps):
    return warmup_steps if warmup_steps > 0 else math.ceil(num_training_steps * warmup_ratio)


def hf_max_steps(len_dataloader, accumulation, epochs, max_steps):
    if max_steps > 0:
        return max_steps
    per_epoch = max(len_dataloader // accumulation, 1)
    return math.ceil(epochs * per_epoch)


SCHEDULE_CASES = [
    # kind, total steps, warmup ratio, warmup steps
    ("cosine", 30, 0.1, 0),
    ("cosine", 96, 0.1, 0),
    ("cosine", 7, 0.1, 0),
    ("cosine", 100, 0.07, 0),  # 100 * 0.07 = 7.000000000000001: HF warms up for 8 steps
    ("cosine", 1, 0.1, 0),
    ("cosine", 20, 0.0, 5),
    ("linear", 30, 0.1, 0),
    ("constant_with_warmup", 12, 0.25, 0),
    ("constant", 10, 0.1, 0),
]

STEP_COUNT_CASES = [
    # batches per epoch, accumulation, epochs, max steps
    (100, 4, 3, -1), (13, 4, 3, -1), (3, 4, 3, -1), (37, 1, 2.5, -1), (100, 4, 3, 17),
]


def schedules():
    out = []
    for kind, total, ratio, steps in SCHEDULE_CASES:
        warmup = hf_warmup_steps(total, ratio, steps)
        factors = [hf_lr_lambda(kind, s, warmup, total) for s in range(total + 3)]
        out.append({"type": kind, "total_steps": total, "warmup_ratio": ratio, "warmup_steps_arg": steps,
                    "warmup_steps": warmup, "factors": factors})
    return out


def step_counts():
    return [{"batches_per_epoch": b, "accumulation": a, "epochs": e, "max_steps": m, "total": hf_max_steps(b, a, e, m)}
            for b, a, e, m in STEP_COUNT_CASES]


# ---------------------------------------------------------------- AdamW as HF builds it

PARAMETERS = [
    # name, shape, decays (what HF's rule decides: LayerNorm modules and biases do not)
    ("encoder.layer.0.attention.self.query.weight", (3, 4), True),
    ("encoder.layer.0.attention.self.query.bias", (3,), False),
    ("encoder.layer.0.output.LayerNorm.weight", (4,), False),
    ("embeddings.LayerNorm.bias", (4,), False),
    ("pooler.dense.weight", (2, 4), True),
]
ADAMW = dict(lr=2e-2, weight_decay=0.1, betas=(0.9, 0.999), eps=1e-8)
MAX_GRAD_NORM = 1.0
STEPS = 4


def adamw_case(gen):
    params, targets, initial = [], [], {}
    for name, shape, _ in PARAMETERS:
        p = torch.randn(*shape, generator=gen, dtype=torch.float64)
        initial[name] = encode(p)
        params.append(p.clone().requires_grad_(True))
        targets.append(torch.randn(*shape, generator=gen, dtype=torch.float64))
    decay = [p for p, (_, _, d) in zip(params, PARAMETERS) if d]
    no_decay = [p for p, (_, _, d) in zip(params, PARAMETERS) if not d]
    optimizer = torch.optim.AdamW(
        [{"params": decay, "weight_decay": ADAMW["weight_decay"]}, {"params": no_decay, "weight_decay": 0.0}],
        lr=ADAMW["lr"], betas=ADAMW["betas"], eps=ADAMW["eps"])
    grad_norms, rates = [], []
    for step in range(STEPS):
        lr = ADAMW["lr"] * hf_lr_lambda("cosine", step, 0, STEPS)  # no warm-up: the first step moves
        for group in optimizer.param_groups:
            group["lr"] = lr
        rates.append(lr)
        optimizer.zero_grad()
        loss = sum(((p - t) ** 2 * (i + 1)).sum() * (step + 1) for i, (p, t) in enumerate(zip(params, targets)))
        loss.backward()
        grad_norms.append(float(torch.nn.utils.clip_grad_norm_(params, MAX_GRAD_NORM)))
        optimizer.step()
    return {
        "parameters": [{"name": n, "decays": d} for n, _, d in PARAMETERS],
        "initial": initial,
        "targets": {n: encode(t) for (n, _, _), t in zip(PARAMETERS, targets)},
        "settings": {"lr": ADAMW["lr"], "weight_decay": ADAMW["weight_decay"], "beta1": ADAMW["betas"][0],
                     "beta2": ADAMW["betas"][1], "eps": ADAMW["eps"], "max_grad_norm": MAX_GRAD_NORM},
        "learning_rates": rates,
        "grad_norms": grad_norms,
        "final": {n: encode(p) for (n, _, _), p in zip(PARAMETERS, params)},
    }


# ---------------------------------------------------------------- torch's generator

def seeding():
    torch.manual_seed(1234)
    normal = torch.randn(5)
    uniform = torch.rand(3, dtype=torch.float64)
    integers = torch.randint(0, 1000, (4,))
    return {"seed": 1234, "randn_float32": encode(normal), "rand_float64": encode(uniform),
            "randint_0_1000": [int(x) for x in integers.tolist()]}


# ---------------------------------------------------------------- SplitMix64 and our shuffles

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def next_below(self, bound):
        threshold = (2 ** 64 - bound) % bound  # (0 - bound) % bound in uint64 arithmetic
        while True:
            r = self.next()
            if r >= threshold:
                return r % bound

    def next_double(self):
        return (self.next() >> 11) * 2.0 ** -53


def derive_seed(seed, stream):
    a = SplitMix64(seed).next()
    return SplitMix64(a ^ ((stream * 0xD1B54A32D192ED03) & MASK)).next()


def shuffled_indices(n, seed, stream):
    order = list(range(n))
    rng = SplitMix64(derive_seed(seed, stream))
    for i in range(n, 1, -1):
        j = rng.next_below(i)
        order[i - 1], order[j] = order[j], order[i - 1]
    return order


def split_mix64():
    published = SplitMix64(1234567)
    zero = SplitMix64(0)
    bounded = SplitMix64(7)
    doubles = SplitMix64(7)
    return {
        # integers as strings: JSON readers differ on 64-bit unsigned values
        "seed_1234567": [str(published.next()) for _ in range(5)],
        "seed_0": [str(zero.next()) for _ in range(3)],
        "seed_7_below_10": [bounded.next_below(10) for _ in range(12)],
        "seed_7_below_3": [bounded.next_below(3) for _ in range(12)],
        "seed_7_doubles": [doubles.next_double() for _ in range(3)],
        "derive_seed_42": [str(derive_seed(42, s)) for s in range(3)],
        "shuffled_10_seed_42": [shuffled_indices(10, 42, epoch) for epoch in range(3)],
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=os.path.join(here, "training_golden.json"))
    args = parser.parse_args()
    gen = torch.Generator().manual_seed(42)
    golden = {
        "generator": "tests/reference/training_reference.py",
        "schedules": schedules(),
        "step_counts": step_counts(),
        "adamw": adamw_case(gen),
        "seeding": seeding(),
        "split_mix64": split_mix64(),
    }
    with open(args.output, "w") as f:
        json.dump(golden, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
