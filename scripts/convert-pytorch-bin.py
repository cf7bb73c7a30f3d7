#!/usr/bin/env python3
"""Converts a PyTorch checkpoint (pytorch_model.bin) into model.safetensors, once, at set-up: our programs read
only safetensors (a pickle can run code). Needs only torch; writes float tensors as F32 and integer ones as I64.

    /usr/bin/python3 scripts/convert-pytorch-bin.py pytorch_model.bin model.safetensors
"""
import json
import struct
import sys

import torch


def main(src, dst):
    state = torch.load(src, map_location="cpu")
    if not isinstance(state, dict):
        raise SystemExit(f"{src}: not a state dict")
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name in sorted(state):
        t = state[name]
        if not isinstance(t, torch.Tensor):
            raise SystemExit(f"{src}: entry {name!r} is not a tensor")
        if t.is_floating_point():
            t, dtype = t.to(torch.float32), "F32"
        else:
            t, dtype = t.to(torch.int64), "I64"
        data = t.contiguous().numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    encoded = json.dumps(header, separators=(",", ":")).encode("utf-8")
    encoded += b" " * (-(8 + len(encoded)) % 8)
    with open(dst, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for b in blobs:
            f.write(b)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
