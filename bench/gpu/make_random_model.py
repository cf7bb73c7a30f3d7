#!/usr/bin/env python3
"""Model folders with random weights in the Hugging Face layout, for the GPU checks (no real weights can be had
there, and the built-in model is too large to carry):

    make_random_model.py decoder OUT_DIR [--shape llama-3.2-1b|tiny] [--dtype bfloat16|float32] [--tokenizer DIR]
        The shapes of Llama-3.2-1B (its config.json, tied embeddings, `llama3` rope scaling) or, for a smoke run on
        the CPU, a tiny one. The tokenizer is Llama 3.2's own when given (.deps/gpu-bundle/tokenizers/llama-3.2),
        else the tiny Llama-style one of tests/reference. Weights N(0, 0.02), norms near 1, in the dtype asked.
    make_random_model.py like SOURCE_DIR OUT_DIR
        SOURCE_DIR's files (config, tokenizer, pooling: a sentence-transformers folder) with random weights of the
        names and shapes that SOURCE_DIR/model.safetensors.header.json lists (scripts/gpu-bundle.sh writes it from
        the built-in all-MiniLM-L6-v2): the same model for a throughput measurement.
"""
import argparse
import json
import os
import shutil
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

# meta-llama/Llama-3.2-1B's config.json, less the ids the tokenizer decides.
LLAMA_3_2_1B = {
    "architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 2048, "intermediate_size": 8192,
    "num_hidden_layers": 16, "num_attention_heads": 32, "num_key_value_heads": 8, "head_dim": 64,
    "max_position_embeddings": 131072, "rms_norm_eps": 1e-5, "rope_theta": 500000.0, "tie_word_embeddings": True,
    "hidden_act": "silu", "attention_bias": False, "mlp_bias": False, "vocab_size": 128256,
    "rope_scaling": {"factor": 32.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
                     "original_max_position_embeddings": 8192, "rope_type": "llama3"},
}
TINY = dict(LLAMA_3_2_1B, hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4,
            num_key_value_heads=2, head_dim=16, max_position_embeddings=8192, vocab_size=0)  # the tokenizer's


def vocab_size(folder):
    with open(os.path.join(folder, "tokenizer.json"), encoding="utf-8") as f:
        doc = json.load(f)
    return max(max(doc["model"]["vocab"].values()), max((t["id"] for t in doc["added_tokens"]), default=0)) + 1


def weights(config, dtype, generator):
    h, inter, kv = config["hidden_size"], config["intermediate_size"], config["num_key_value_heads"]
    dim = config["head_dim"]
    shapes = {"model.embed_tokens.weight": (config["vocab_size"], h), "model.norm.weight": (h,)}
    for i in range(config["num_hidden_layers"]):
        p = f"model.layers.{i}."
        shapes.update({
            p + "self_attn.q_proj.weight": (config["num_attention_heads"] * dim, h),
            p + "self_attn.k_proj.weight": (kv * dim, h), p + "self_attn.v_proj.weight": (kv * dim, h),
            p + "self_attn.o_proj.weight": (h, config["num_attention_heads"] * dim),
            p + "mlp.gate_proj.weight": (inter, h), p + "mlp.up_proj.weight": (inter, h),
            p + "mlp.down_proj.weight": (h, inter),
            p + "input_layernorm.weight": (h,), p + "post_attention_layernorm.weight": (h,)})
    out = {}
    for name, shape in shapes.items():
        if name.endswith("norm.weight"):
            t = 1 + 0.1 * torch.randn(shape, generator=generator)
        else:
            t = 0.02 * torch.randn(shape, generator=generator)
        out[name] = t.to(dtype)
    return out


def decoder(args):
    tokenizer = args.tokenizer if os.path.exists(os.path.join(args.tokenizer, "tokenizer.json")) else \
        os.path.join(ROOT, "tests", "reference", "tiny-llama")
    config = dict(LLAMA_3_2_1B if args.shape == "llama-3.2-1b" else TINY)
    config["vocab_size"] = max(config["vocab_size"], vocab_size(tokenizer))
    config["torch_dtype"] = args.dtype
    os.makedirs(args.out, exist_ok=True)
    for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
        if os.path.exists(os.path.join(tokenizer, name)):
            shutil.copy(os.path.join(tokenizer, name), os.path.join(args.out, name))
    with open(os.path.join(args.out, "config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2)
    w = weights(config, getattr(torch, args.dtype), torch.Generator().manual_seed(32))
    safetensors_io.save(w, os.path.join(args.out, "model.safetensors"))
    params = sum(t.numel() for t in w.values())
    print(json.dumps({"folder": args.out, "parameters": params, "tokenizer": tokenizer, "dtype": args.dtype}))


def like(args):
    header_file = os.path.join(args.source, "model.safetensors.header.json")
    with open(header_file, encoding="utf-8") as f:
        header = json.load(f)
    shutil.copytree(args.source, args.out, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.header.json"))
    generator = torch.Generator().manual_seed(6)
    w = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        t = 0.02 * torch.randn(info["shape"], generator=generator)
        if name.endswith("LayerNorm.weight"):
            t = 1 + t
        w[name] = t.to(safetensors_io.DTYPES[info["dtype"]])
    safetensors_io.save(w, os.path.join(args.out, "model.safetensors"))
    print(json.dumps({"folder": args.out, "parameters": sum(t.numel() for t in w.values())}))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="mode", required=True)
    d = sub.add_parser("decoder")
    d.add_argument("out")
    d.add_argument("--shape", choices=["llama-3.2-1b", "tiny"], default="llama-3.2-1b")
    d.add_argument("--dtype", choices=["bfloat16", "float32"], default="bfloat16")
    d.add_argument("--tokenizer", default=os.path.join(ROOT, ".deps", "gpu-bundle", "tokenizers", "llama-3.2"))
    k = sub.add_parser("like")
    k.add_argument("source")
    k.add_argument("out")
    args = ap.parse_args()
    decoder(args) if args.mode == "decoder" else like(args)


if __name__ == "__main__":
    main()
