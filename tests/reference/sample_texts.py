"""The distinct texts of the paper's sample, in the order the C++ tests enumerate them (SampleTexts in
tests/support/sample_texts.h): annotated pairs (query, passage1, passage2 per row), then the training rows
(query, positives, negatives), each text at its first appearance."""
import json
import os


def shared_data_dir():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.environ.get("RANKPO_SHARED_DATA_DIR", os.path.join(here, "..", "..", "..", "shared", "data"))


def sample_texts():
    base = os.path.join(shared_data_dir(), "rankpo-sample")
    seen, texts = set(), []

    def add(t):
        if t not in seen:
            seen.add(t)
            texts.append(t)

    with open(os.path.join(base, "annotated_pair_data-sample.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                add(row["query"]); add(row["passage1"]); add(row["passage2"])
    with open(os.path.join(base, "train_data-sample.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                add(row["query"])
                for t in row["positives"] + row["negatives"]:
                    add(t)
    return texts


def fnv1a64(text):
    """Identifies a sample text in the golden files without copying it into the repository."""
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"
