#!/usr/bin/python3
"""Reference values for the stage-1 and stage-2 objectives (tests/core/tst_*_loss.cpp).

Restates, in plain torch, the formulas of the RankPO authors' code (github.com/yflyzhang/RankPO):
  - RankPOTrainer.rankpo_loss / get_batch_loss_metrics (src/rankpo_trainer.py): the preference loss,
    its SFT term and the logged rewards/scores metrics;
  - ModelForTraining.forward (src/modeling.py): InfoNCE with the collator's [positive, negatives]
    groups and in-batch negatives.
On fixed inputs it writes the loss, the metrics and the gradients w.r.t. the input scores and
embeddings to losses_golden.json next to this script (or to --output). The C++ tests compare against
that file, and regenerate it live when /usr/bin/python3 has torch, to prove it is still current.

Run with Debian's interpreter (python3-torch): /usr/bin/python3 tests/reference/losses_reference.py
"""
import argparse
import json
import os

import torch
import torch.nn.functional as F


def encode(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(x) for x in t.reshape(-1).tolist()]}


DTYPES = {"float64": torch.float64, "float32": torch.float32}


# ---------------------------------------------------------------- stage 2: RankPO and SFT

def rankpo_reference(chosen, rejected, ref, weights, opt):
    """Loss and metrics of one batch, as upstream's get_batch_loss_metrics computes them."""
    beta, tau = opt["beta"], opt["tau"]
    metrics = {}
    loss = 0
    if opt["rankpo_weight"] > 0:
        advantage = chosen - rejected
        if not opt["reference_free"]:
            advantage = advantage - (ref[0] - ref[1])
        logits = advantage / tau - opt["gamma"]
        if opt["loss_type"] == "sigmoid":
            eps = opt["label_smoothing"]
            per_pair = -F.logsigmoid(beta * logits) * (1 - eps) - F.logsigmoid(-beta * logits) * eps
        else:
            per_pair = torch.relu(1 - beta * logits)
        if opt["weight_by_confidence"]:
            term = (per_pair * weights).sum() / weights.sum()
        else:
            term = per_pair.mean()
        loss = loss + opt["rankpo_weight"] * term
        metrics["rankpo_loss"] = term.item()
    if opt["sft_weight"] > 0:
        sft = sft_term(chosen, rejected, tau)
        loss = loss + opt["sft_weight"] * sft
        metrics["sft_loss"] = sft.item()
    ref_chosen, ref_rejected = (ref if ref is not None else (0, 0))
    chosen_rewards = (beta * (chosen - ref_chosen)).detach()
    rejected_rewards = (beta * (rejected - ref_rejected)).detach()
    metrics["rewards/chosen"] = chosen_rewards.mean().item()
    metrics["rewards/rejected"] = rejected_rewards.mean().item()
    metrics["rewards/accuracies"] = (chosen_rewards > rejected_rewards).float().mean().item()
    metrics["rewards/margins"] = (chosen_rewards - rejected_rewards).mean().item()
    metrics["scores/chosen"] = chosen.detach().mean().item()
    metrics["scores/rejected"] = rejected.detach().mean().item()
    metrics["scores/margins"] = (chosen - rejected).detach().mean().item()
    return loss, metrics


def sft_term(chosen, rejected, tau):
    logits = torch.stack([chosen, rejected], dim=1) / tau  # column 0: the chosen candidate
    return F.cross_entropy(logits, torch.zeros(logits.size(0), dtype=torch.long))


RANKPO_DEFAULTS = dict(tau=0.1, beta=2.0, gamma=0.0, label_smoothing=0.0, loss_type="sigmoid",
                       reference_free=True, rankpo_weight=1.0, sft_weight=0.0, weight_by_confidence=False)

RANKPO_CASES = [
    ("sigmoid_paper_defaults", {}, False, "float64"),
    ("sigmoid_label_smoothing", {"label_smoothing": 0.1}, False, "float64"),
    ("hinge", {"loss_type": "hinge"}, False, "float64"),
    ("sigmoid_with_reference", {"reference_free": False}, True, "float64"),
    ("hinge_with_reference_gamma", {"loss_type": "hinge", "reference_free": False, "gamma": 0.5}, True, "float64"),
    ("sigmoid_gamma", {"gamma": 0.5, "beta": 1.0, "tau": 0.05}, False, "float64"),
    ("sigmoid_with_sft_term", {"sft_weight": 0.5}, False, "float64"),
    ("sft_term_only", {"rankpo_weight": 0.0, "sft_weight": 1.0}, False, "float64"),
    ("confidence_weights", {"weight_by_confidence": True}, False, "float64"),
    ("confidence_weights_reference_smoothing_sft",
     {"weight_by_confidence": True, "reference_free": False, "label_smoothing": 0.2, "sft_weight": 0.3,
      "rankpo_weight": 0.7}, True, "float64"),
    ("reference_free_but_rewards_offset", {}, True, "float64"),
    ("sigmoid_float32", {"label_smoothing": 0.05}, False, "float32"),
]


def rankpo_cases(gen):
    batch = 7
    base = {
        "chosen": torch.tanh(torch.randn(batch, generator=gen, dtype=torch.float64)),
        "rejected": torch.tanh(torch.randn(batch, generator=gen, dtype=torch.float64)),
        "ref_chosen": torch.tanh(torch.randn(batch, generator=gen, dtype=torch.float64)),
        "ref_rejected": torch.tanh(torch.randn(batch, generator=gen, dtype=torch.float64)),
        "weights": torch.rand(batch, generator=gen, dtype=torch.float64),
    }
    cases = []
    for name, overrides, with_reference, dtype in RANKPO_CASES:
        opt = dict(RANKPO_DEFAULTS, **overrides)
        inputs = {k: v.to(DTYPES[dtype]) for k, v in base.items()}
        chosen = inputs["chosen"].clone().requires_grad_(True)
        rejected = inputs["rejected"].clone().requires_grad_(True)
        ref = (inputs["ref_chosen"], inputs["ref_rejected"]) if with_reference else None
        loss, metrics = rankpo_reference(chosen, rejected, ref, inputs["weights"], opt)
        loss.backward()
        case_inputs = {"chosen": encode(inputs["chosen"]), "rejected": encode(inputs["rejected"])}
        if with_reference:
            case_inputs["ref_chosen"] = encode(inputs["ref_chosen"])
            case_inputs["ref_rejected"] = encode(inputs["ref_rejected"])
        if opt["weight_by_confidence"]:
            case_inputs["weights"] = encode(inputs["weights"])
        cases.append({
            "name": name, "dtype": dtype, "options": opt, "inputs": case_inputs,
            "expected": {"loss": loss.item(), "metrics": metrics,
                         "grad_chosen": encode(chosen.grad), "grad_rejected": encode(rejected.grad)},
        })
    return cases


def sft_cases(gen):
    batch = 5
    chosen0 = torch.tanh(torch.randn(batch, generator=gen, dtype=torch.float64))
    rejected0 = torch.tanh(torch.randn(batch, generator=gen, dtype=torch.float64))
    cases = []
    for name, tau in (("tau_0_1", 0.1), ("tau_0_05", 0.05)):
        chosen = chosen0.clone().requires_grad_(True)
        rejected = rejected0.clone().requires_grad_(True)
        loss = sft_term(chosen, rejected, tau)
        loss.backward()
        metrics = {"sft_loss": loss.item(), "scores/chosen": chosen0.mean().item(),
                   "scores/rejected": rejected0.mean().item(), "scores/margins": (chosen0 - rejected0).mean().item()}
        cases.append({
            "name": name, "dtype": "float64", "options": {"tau": tau},
            "inputs": {"chosen": encode(chosen0), "rejected": encode(rejected0)},
            "expected": {"loss": loss.item(), "metrics": metrics,
                         "grad_chosen": encode(chosen.grad), "grad_rejected": encode(rejected.grad)},
        })
    return cases


# ---------------------------------------------------------------- stage 1: contrastive

def contrastive_reference(queries, positives, negatives, tau, in_batch):
    batch, dim = queries.shape
    # the collator's layout: per query [positive, negative_1 .. negative_n], groups end to end
    passages = torch.cat([positives[:, None, :], negatives], dim=1).reshape(-1, dim)
    group = passages.size(0) // batch
    if in_batch:
        logits = queries @ passages.t() / tau
        target = torch.arange(batch) * group
    else:
        logits = (queries[:, None, :] @ passages.view(batch, group, dim).transpose(-2, -1)).squeeze(1) / tau
        target = torch.zeros(batch, dtype=torch.long)
    loss = F.cross_entropy(logits, target)
    metrics = {
        "contrastive_loss": loss.item(),
        "contrastive/accuracy": (logits.detach().argmax(dim=1) == target).float().mean().item(),
        "scores/positive": (queries * positives).detach().sum(-1).mean().item(),
    }
    if negatives.size(1) > 0:
        metrics["scores/negative"] = (queries[:, None, :] @ negatives.transpose(-2, -1)).detach().mean().item()
    return loss, metrics


CONTRASTIVE_CASES = [
    # name, tau, in-batch, negatives per query, dtype
    ("inbatch_and_extra_negatives", 0.02, True, 3, "float64"),
    ("inbatch_only", 0.02, True, 0, "float64"),
    ("own_negatives_only", 0.05, False, 3, "float64"),
    ("inbatch_and_extra_negatives_float32", 0.02, True, 2, "float32"),
]


def contrastive_cases(gen):
    batch, dim, most = 4, 8, 3

    def unit(*shape):
        return F.normalize(torch.randn(*shape, dim, generator=gen, dtype=torch.float64), dim=-1)

    q0, p0, n0 = unit(batch), unit(batch), unit(batch, most)
    # make the task not trivially easy: the positives lean towards their queries only a little
    p0 = F.normalize(p0 + 0.8 * q0, dim=-1)
    cases = []
    for name, tau, in_batch, per_query, dtype in CONTRASTIVE_CASES:
        cast = DTYPES[dtype]
        q = q0.to(cast).clone().requires_grad_(True)
        p = p0.to(cast).clone().requires_grad_(True)
        n = n0[:, :per_query].to(cast).contiguous().clone().requires_grad_(True)
        loss, metrics = contrastive_reference(q, p, n, tau, in_batch)
        loss.backward()
        expected = {"loss": loss.item(), "metrics": metrics, "grad_queries": encode(q.grad),
                    "grad_positives": encode(p.grad)}
        inputs = {"queries": encode(q), "positives": encode(p)}
        if per_query > 0:
            inputs["negatives"] = encode(n)
            expected["grad_negatives"] = encode(n.grad)
        cases.append({"name": name, "dtype": dtype, "options": {"tau": tau, "use_inbatch_neg": in_batch},
                      "inputs": inputs, "expected": expected})
    return cases


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=os.path.join(here, "losses_golden.json"))
    args = parser.parse_args()

    gen = torch.Generator().manual_seed(2503_10723)
    golden = {
        "generator": "tests/reference/losses_reference.py",
        "rankpo_cases": rankpo_cases(gen),
        "sft_cases": sft_cases(gen),
        "contrastive_cases": contrastive_cases(gen),
    }
    with open(args.output, "w") as f:
        json.dump(golden, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
