#!/usr/bin/env python3
"""Tiny random decoder LLMs made with transformers, and what transformers computes with them, for tst_decoder_model:

  tiny-llama/   LlamaForCausalLM (so: the "model." prefix and an untied lm_head the encoder does not use), GQA
                (4 query heads on 2 key/value heads), rope_scaling llama3, bf16 weights; the Llama 3 style tokenizer
                that make_bpe_golden.py writes (run it first)
  tiny-qwen2/   Qwen2Model: GQA, q/k/v biases, tied embeddings, fp32 weights; the Qwen2 style tokenizer
  tiny-qwen3/   Qwen3: per-head q/k RMSNorm, head_dim 16 (not hidden / heads), no biases, tied, float16 weights; the
                pinned transformers has no Qwen3, so decoder_reference.py's hand-written forward computes it (and is
                first checked against transformers' Qwen2Model on tiny-qwen2); the tiny-qwen2 tokenizer
  tiny-mistral/ MistralModel with a sliding window of 6 tokens (shorter than the texts: the window applies), GQA,
                bf16; the tiny-llama tokenizer
  golden_decoder/<name>.json          the texts, their token ids (transformers' tokenizer, truncated), the pooled
                                      embeddings (last real token, L2-normalised) and the RankPO loss
  golden_decoder/<name>.safetensors   the hidden states of both padded batches (float32) and the gradient of every
                                      parameter after one RankPO step (2 jobs, 2 pairs, with reference scores)

The weights are random (seeded); float32 on the CPU throughout, so that ours must agree to ~1e-6.

    RANKPO_SHARED_DATA_DIR=/work/shared/data PYTHONPATH=.deps/python /usr/bin/python3 tests/reference/make_decoder_models.py
"""
import json
import os
import sys

import torch
import torch.nn.functional as F
import transformers
from safetensors.torch import save_file
from transformers import (AutoModel, AutoTokenizer, LlamaConfig, LlamaForCausalLM, MistralConfig, MistralModel,
                          Qwen2Config, Qwen2Model)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import decoder_reference  # noqa: E402
from sample_texts import sample_texts  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "golden_decoder")
JOB_LENGTH, CANDIDATE_LENGTH = 24, 20
TAU, BETA = 0.1, 2.0
REFERENCE = [(0.31, 0.12), (0.05, 0.22)]  # frozen reference scores (chosen, rejected) of the two pairs


def vocab_size(folder):
    with open(os.path.join(folder, "tokenizer.json"), encoding="utf-8") as f:
        doc = json.load(f)
    return max(max(doc["model"]["vocab"].values()), max(t["id"] for t in doc["added_tokens"])) + 1


def texts():
    all_texts = sample_texts()
    job = next(t for t in all_texts if not t.startswith("<keyword>"))
    candidate = next(t for t in all_texts if t.startswith("<keyword>"))
    jobs = [job, "Assistant Professor of Machine Learning"]
    candidates = [candidate, "graph neural networks", "<keyword>deep learning</keyword>", "x"]
    return jobs, candidates  # pairs: (jobs[i], chosen candidates[i], rejected candidates[i + 2])


def make_llama():
    folder = os.path.join(HERE, "tiny-llama")
    torch.manual_seed(14)
    config = LlamaConfig(vocab_size=vocab_size(folder), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=64, rms_norm_eps=1e-5,
                         rope_theta=500000.0, tie_word_embeddings=False, bos_token_id=None, eos_token_id=None,
                         rope_scaling={"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0,
                                       "high_freq_factor": 4.0, "original_max_position_embeddings": 16})
    model = LlamaForCausalLM(config)
    with torch.no_grad():  # RMSNorm weights away from 1, so that a missing weight would show
        for name, p in model.named_parameters():
            if "norm" in name:
                p.uniform_(0.5, 1.5)
    model.to(torch.bfloat16).save_pretrained(folder, safe_serialization=True)
    return folder


def make_mistral():
    import shutil
    folder = os.path.join(HERE, "tiny-mistral")
    os.makedirs(folder, exist_ok=True)
    for f in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copy(os.path.join(HERE, "tiny-llama", f), os.path.join(folder, f))
    torch.manual_seed(17)
    config = MistralConfig(vocab_size=vocab_size(folder), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                           num_attention_heads=4, num_key_value_heads=1, max_position_embeddings=64, rms_norm_eps=1e-5,
                           sliding_window=6, tie_word_embeddings=False, bos_token_id=None, eos_token_id=None)
    model = MistralModel(config)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "norm" in name:
                p.uniform_(0.5, 1.5)
    model.to(torch.bfloat16).save_pretrained(folder, safe_serialization=True)
    return folder


def make_qwen2():
    folder = os.path.join(HERE, "tiny-qwen2")
    torch.manual_seed(15)
    config = Qwen2Config(vocab_size=vocab_size(folder), hidden_size=32, intermediate_size=48, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=128, rms_norm_eps=1e-6,
                         rope_theta=1000000.0, tie_word_embeddings=True, use_sliding_window=False)
    model = Qwen2Model(config)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "norm" in name:
                p.uniform_(0.5, 1.5)
            elif name.endswith(".bias"):
                p.normal_(0.0, 0.05)
    model.save_pretrained(folder, safe_serialization=True)
    return folder


def batch(tokenizer, texts_, length, pad_id):
    ids = [tokenizer(t, max_length=length, truncation=True)["input_ids"] for t in texts_]
    longest = max(len(x) for x in ids)
    input_ids = torch.full((len(ids), longest), pad_id, dtype=torch.long)
    mask = torch.zeros((len(ids), longest), dtype=torch.long)
    for r, x in enumerate(ids):
        input_ids[r, :len(x)] = torch.tensor(x)
        mask[r, :len(x)] = 1
    return ids, input_ids, mask


def embed(model, input_ids, mask):
    states = model(input_ids=input_ids, attention_mask=mask).last_hidden_state
    # Upstream's rule: the last non-pad token (right padding).
    last = (mask.argmin(-1) - 1) % mask.shape[-1]
    pooled = states[torch.arange(states.shape[0]), last]
    return states, F.normalize(pooled, dim=-1)


def write_golden(name, folder, model=None):
    tokenizer = AutoTokenizer.from_pretrained(folder)
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else \
        tokenizer.convert_tokens_to_ids("<|finetune_right_pad_id|>")
    if model is None:
        model = AutoModel.from_pretrained(folder, torch_dtype=torch.float32, attn_implementation="eager")
    model.train()  # dropout is 0 in these configs: train mode changes nothing but is what a training step uses
    jobs, candidates = texts()
    job_ids, job_input, job_mask = batch(tokenizer, jobs, JOB_LENGTH, pad_id)
    cand_ids, cand_input, cand_mask = batch(tokenizer, candidates, CANDIDATE_LENGTH, pad_id)
    job_states, q = embed(model, job_input, job_mask)
    cand_states, c = embed(model, cand_input, cand_mask)
    chosen = (q * c[:2]).sum(-1)
    rejected = (q * c[2:]).sum(-1)
    ref = torch.tensor(REFERENCE, dtype=torch.float32)
    logits = ((chosen - rejected) - (ref[:, 0] - ref[:, 1])) / TAU
    loss = -F.logsigmoid(BETA * logits).mean()
    loss.backward()

    tensors = {"jobs.hidden": (job_states * job_mask.unsqueeze(-1)).detach().contiguous(),
               "candidates.hidden": (cand_states * cand_mask.unsqueeze(-1)).detach().contiguous()}
    for pname, p in model.named_parameters():
        grad = (p.grad if p.grad is not None else torch.zeros_like(p)).detach()
        if pname == "embed_tokens.weight":  # only the rows of the ids used are non-zero: keep those
            rows = grad.abs().sum(-1).nonzero().flatten()
            tensors["grad_rows." + pname] = rows.to(torch.int64).contiguous()
            grad = grad[rows]
        tensors["grad." + pname] = grad.contiguous()
    os.makedirs(GOLDEN, exist_ok=True)
    save_file(tensors, os.path.join(GOLDEN, name + ".safetensors"))
    doc = {"transformers": transformers.__version__, "torch": torch.__version__, "pad_id": pad_id,
           "job_length": JOB_LENGTH, "candidate_length": CANDIDATE_LENGTH, "tau": TAU, "beta": BETA,
           "reference": REFERENCE, "jobs": jobs, "candidates": candidates, "job_ids": job_ids, "candidate_ids": cand_ids,
           "job_embeddings": q.detach().tolist(), "candidate_embeddings": c.detach().tolist(), "loss": loss.item()}
    with open(os.path.join(GOLDEN, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
        f.write("\n")
    print(f"{name}: loss {loss.item():.6f}, {len(tensors) - 3} gradients")


QWEN3_CONFIG = {"architectures": ["Qwen3ForCausalLM"], "model_type": "qwen3", "vocab_size": 0, "hidden_size": 32,
                "intermediate_size": 48, "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2,
                "head_dim": 16, "max_position_embeddings": 128, "rms_norm_eps": 1e-6, "rope_theta": 1000000.0,
                "attention_bias": False, "tie_word_embeddings": True, "use_sliding_window": False,
                "hidden_act": "silu", "torch_dtype": "float16", "rope_scaling": None}


def make_qwen3():
    """Random Qwen3 weights under transformers' names, stored as float16, and the tokenizer of tiny-qwen2."""
    import shutil
    folder = os.path.join(HERE, "tiny-qwen3")
    os.makedirs(folder, exist_ok=True)
    for f in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copy(os.path.join(HERE, "tiny-qwen2", f), os.path.join(folder, f))
    config = dict(QWEN3_CONFIG, vocab_size=vocab_size(folder))
    g = torch.Generator().manual_seed(16)
    h, heads, kv, d, inter = 32, 4, 2, 16, 48
    shapes = {"embed_tokens.weight": (config["vocab_size"], h), "norm.weight": (h,)}
    for i in range(config["num_hidden_layers"]):
        p = f"layers.{i}."
        shapes.update({p + "self_attn.q_proj.weight": (heads * d, h), p + "self_attn.k_proj.weight": (kv * d, h),
                       p + "self_attn.v_proj.weight": (kv * d, h), p + "self_attn.o_proj.weight": (h, heads * d),
                       p + "self_attn.q_norm.weight": (d,), p + "self_attn.k_norm.weight": (d,),
                       p + "mlp.gate_proj.weight": (inter, h), p + "mlp.up_proj.weight": (inter, h),
                       p + "mlp.down_proj.weight": (h, inter), p + "input_layernorm.weight": (h,),
                       p + "post_attention_layernorm.weight": (h,)})
    weights = {}
    for name, shape in shapes.items():
        if "norm" in name:
            t = torch.rand(shape, generator=g) + 0.5
        else:
            t = torch.randn(shape, generator=g) * 0.02 * (4 if "embed" in name else 1)
        weights[name] = t.to(torch.float16).contiguous()
    save_file(weights, os.path.join(folder, "model.safetensors"), metadata={"format": "pt"})
    with open(os.path.join(folder, "config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    return folder, config, {k: v.float().requires_grad_(True) for k, v in weights.items()}


class HandWritten:
    """What write_golden needs of a model, over decoder_reference.forward."""

    def __init__(self, config, weights):
        self.config, self.weights = config, weights

    def __call__(self, input_ids, attention_mask):
        class Out:
            pass
        out = Out()
        out.last_hidden_state = decoder_reference.forward(self.weights, self.config, input_ids, attention_mask)
        return out

    def train(self):
        pass

    def named_parameters(self):
        return self.weights.items()


def main():
    write_golden("tiny-llama", make_llama())
    write_golden("tiny-mistral", make_mistral())
    qwen2 = make_qwen2()
    write_golden("tiny-qwen2", qwen2)
    # The hand-written reference equals transformers on Qwen2 (GQA, biases) before it is trusted with Qwen3.
    model = AutoModel.from_pretrained(qwen2, torch_dtype=torch.float32, attn_implementation="eager").eval()
    with open(os.path.join(qwen2, "config.json"), encoding="utf-8") as f:
        qwen2_config = json.load(f)
    ids = torch.tensor([[5, 17, 300, 42, 7, 9], [11, 12, 13, 0, 0, 0]])
    mask = torch.tensor([[1, 1, 1, 1, 1, 1], [1, 1, 1, 0, 0, 0]])
    with torch.no_grad():
        print(f"hand-written reference vs transformers' Qwen2: max |diff| "
              f"{decoder_reference.check_against_transformers(model, qwen2_config, ids, mask):.2e}")
    folder, config, weights = make_qwen3()
    write_golden("tiny-qwen3", folder, HandWritten(config, weights))


if __name__ == "__main__":
    main()
