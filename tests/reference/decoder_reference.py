"""A short hand-written PyTorch decoder (Llama / Qwen2 / Qwen3 / Mistral) over Hugging Face tensor names, for what
the pinned transformers lacks: Qwen3 (transformers 4.51; the pin, 4.49, is the newest that runs on Debian's torch
1.13). It follows transformers' modeling code step for step (RMSNorm in float32, rotate_half RoPE, repeat_kv,
softmax in float32, SwiGLU); check_against_transformers() shows that it equals transformers' LlamaModel and
Qwen2Model, so that Qwen3's one addition (RMSNorm over each head of q and k before RoPE) is all that is new.
It also has Llama 3's `llama3` rope scaling, and SDPA attention and per-layer checkpointing for the GPU benchmark's
PyTorch peer (bench/gpu/).
"""
import math

import torch
import torch.nn.functional as F
import torch.utils.checkpoint


def rms_norm(x, weight, eps):
    dtype = x.dtype
    x = x.to(torch.float32)
    x = x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps)
    return weight * x.to(dtype)


def inv_freq(config):
    dim = config.get("head_dim") or config["hidden_size"] // config["num_attention_heads"]
    base = config.get("rope_theta", 10000.0)
    freq = 1.0 / (base ** (torch.arange(0, dim, 2, dtype=torch.int64).float() / dim))
    scaling = config.get("rope_scaling") or {}
    if scaling.get("rope_type", scaling.get("type")) == "llama3":
        # transformers' _compute_llama3_parameters: long wavelengths slowed by `factor`, short ones kept, the band
        # between smoothly interpolated.
        factor, low, high = scaling["factor"], scaling["low_freq_factor"], scaling["high_freq_factor"]
        old = scaling["original_max_position_embeddings"]
        wavelen = 2 * math.pi / freq
        scaled = torch.where(wavelen > old / low, freq / factor, freq)
        smooth = (old / wavelen - low) / (high - low)
        smoothed = (1 - smooth) * scaled / factor + smooth * scaled
        medium = ~(wavelen < old / high) & ~(wavelen > old / low)
        freq = torch.where(medium, smoothed, scaled)
    return freq, dim


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def forward(w, config, input_ids, attention_mask, attention="eager", checkpoint=False):
    """Last hidden states [B, L, H] of a base model whose weights `w` are named as transformers names them.

    attention "eager" is transformers' eager attention step for step; "sdpa" is F.scaled_dot_product_attention
    (flash or memory-efficient kernels on CUDA), for the GPU benchmark's peer. checkpoint recomputes each layer in
    backward (torch.utils.checkpoint), as gradient checkpointing does."""
    heads, kv_heads = config["num_attention_heads"], config.get("num_key_value_heads", config["num_attention_heads"])
    eps = config["rms_norm_eps"]
    qk_norm = config["model_type"] == "qwen3"
    freq, dim = inv_freq(config)
    device = input_ids.device
    b, length = input_ids.shape
    positions = torch.arange(length, device=device).float()
    emb = torch.cat([torch.outer(positions, freq.to(device))] * 2, dim=-1)
    x = w["embed_tokens.weight"][input_ids]
    cos, sin = emb.cos().to(x.dtype), emb.sin().to(x.dtype)
    # Causal and padding mask, as transformers' eager attention builds it.
    allowed = (torch.ones(length, length, dtype=torch.bool, device=device).tril()[None, None]
               & attention_mask.bool()[:, None, None, :])

    def layer(i, x):
        p = f"layers.{i}."

        def lin(name, t):
            return F.linear(t, w[p + name + ".weight"], w.get(p + name + ".bias"))

        h = rms_norm(x, w[p + "input_layernorm.weight"], eps)
        q = lin("self_attn.q_proj", h).view(b, length, heads, dim)
        k = lin("self_attn.k_proj", h).view(b, length, kv_heads, dim)
        v = lin("self_attn.v_proj", h).view(b, length, kv_heads, dim).transpose(1, 2)
        if qk_norm:
            q = rms_norm(q, w[p + "self_attn.q_norm.weight"], eps)
            k = rms_norm(k, w[p + "self_attn.k_norm.weight"], eps)
        q, k = q.transpose(1, 2), k.transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = k.repeat_interleave(heads // kv_heads, dim=1)
        v = v.repeat_interleave(heads // kv_heads, dim=1)
        if attention == "sdpa":
            context = F.scaled_dot_product_attention(q, k, v, attn_mask=allowed)
        else:
            scores = torch.matmul(q, k.transpose(2, 3)) / math.sqrt(dim)
            scores = scores.masked_fill(~allowed, torch.finfo(scores.dtype).min)
            probs = F.softmax(scores, dim=-1, dtype=torch.float32).to(q.dtype)
            context = torch.matmul(probs, v)
        context = context.transpose(1, 2).reshape(b, length, heads * dim)
        x = x + lin("self_attn.o_proj", context)
        h = rms_norm(x, w[p + "post_attention_layernorm.weight"], eps)
        return x + lin("mlp.down_proj", F.silu(lin("mlp.gate_proj", h)) * lin("mlp.up_proj", h))

    for i in range(config["num_hidden_layers"]):
        if checkpoint:
            x = torch.utils.checkpoint.checkpoint(layer, i, x, use_reentrant=False)
        else:
            x = layer(i, x)
    return rms_norm(x, w["norm.weight"], eps)


def check_against_transformers(model, config, input_ids, attention_mask):
    """Raises unless the hand-written forward equals transformers' on this model (real positions)."""
    w = {k[len("model."):] if k.startswith("model.") else k: v for k, v in model.state_dict().items()}
    ours = forward(w, config, input_ids, attention_mask)
    theirs = model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
    diff = ((ours - theirs).abs() * attention_mask[..., None]).max().item()
    if diff > 1e-5:
        raise SystemExit(f"the hand-written reference differs from transformers' {config['model_type']} by {diff}")
    return diff
