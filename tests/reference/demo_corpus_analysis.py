#!/usr/bin/env python3
"""Analysis of the built-in demo corpus (core/demo/), for designing and re-checking it. Not run by ctest.

1. Write the default corpus as JSON lines:
       RANKPO_DEMO_DUMP=/tmp/demo.jsonl build/tests/tst_demo_corpus dumpForAnalysis
2. Corpus statistics and lexical checks (standard library only):
       python3 tests/reference/demo_corpus_analysis.py /tmp/demo.jsonl
3. With the pretrained encoder (Debian's python3-torch, python3-sklearn, and the `tokenizers` wheel on
   sys.path; DIR holds all-MiniLM-L6-v2's model.safetensors, config.json and tokenizer.json):
       /usr/bin/python3 tests/reference/demo_corpus_analysis.py /tmp/demo.jsonl --model DIR
   adds: the base model's nDCG@20 against the rule labels and its agreement with the simulated judge;
   linear probes of what the frozen embeddings show (area, region, seniority); and a cheap proxy of
   the demo pipeline: a residual linear adapter on frozen embeddings trained with stage-1 InfoNCE
   (tau 0.02) on the rule labels, then RankPO (DPO-style, reference = stage 1) or SFT on the
   preferences, evaluated on 30 held-out jobs. The real pipeline fine-tunes the whole encoder; the
   proxy only shows whether the corpus has the intended shape.
"""
import argparse
import collections
import json
import math
import random
import re

HEADER_LINES = 8


def load(path):
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    kind = collections.defaultdict(list)
    for r in rows:
        kind[r["type"]].append(r)
    return kind["job"], kind["candidate"], kind["label"], kind["preference"]


def rule_relevant(job, cand):
    pubs = cand["publicationSubtopics"]
    in_area = sum(1 for s in pubs if s // 4 == job["area"])
    return 2 * in_area >= len(pubs) and cand["region"] == job["region"] and cand["level"] in (job["level"], job["level"] + 1)


STOP = set("this that these with from which their than more most into over under using based have been were will "
           "work research study candidate".split())


def words(text):
    return {w for w in re.findall(r"[a-z][a-z\-]+", text.lower()) if len(w) >= 4 and w not in STOP}


def lexical_report(jobs, cands, labels, prefs):
    positives = collections.Counter(l["job"] for l in labels if l["relevance"])
    per_job = [positives.get(j, 0) for j in range(len(jobs))]
    print(f"jobs {len(jobs)}, candidates {len(cands)}, labels {len(labels)}, preferences {len(prefs)}")
    print(f"rule positives per job: mean {sum(per_job) / len(per_job):.1f}, min {min(per_job)}, max {max(per_job)}")
    choices = collections.Counter(p["choice"] for p in prefs)
    print(f"choices {dict(choices)}; A wins {choices['first'] / len(prefs):.3f}")
    print("confidence", sorted(collections.Counter(p["confidence"] for p in prefs).items()))
    both = collections.Counter(rule_relevant(jobs[p["job"]], cands[p["first"]]) + rule_relevant(jobs[p["job"]], cands[p["second"]])
                               for p in prefs)
    print(f"pairs by number of rule-positive candidates: {dict(sorted(both.items()))}")

    bodies = [words(c["text"][c["text"].index("<title>"):]) for c in cands]
    df = collections.Counter(w for b in bodies for w in b)
    idf = {w: math.log(len(cands) / (1 + d)) for w, d in df.items()}

    def overlap(job_words, c):
        return sum(idf[w] for w in job_words & bodies[c]) / math.sqrt(1 + len(bodies[c]))

    lexical = rules = judged = 0
    for p in prefs:
        if p["choice"] == "tie":
            continue
        judged += 1
        job = jobs[p["job"]]
        prose = words("\n".join(job["text"].split("\n")[HEADER_LINES:]))
        a, b = overlap(prose, p["first"]), overlap(prose, p["second"])
        first = p["choice"] == "first"
        lexical += 0.5 if a == b else float((a > b) == first)
        ra, rb = rule_relevant(job, cands[p["first"]]), rule_relevant(job, cands[p["second"]])
        rules += 0.5 if ra == rb else float(ra == first)
    print(f"agreement with the judge on {judged} decided pairs: bag-of-words {lexical / judged:.3f}, rules only {rules / judged:.3f}")


def encoder_report(model_dir, jobs, cands, labels, prefs, max_length=256, held_out=30):
    import struct
    import torch
    from tokenizers import Tokenizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_score

    torch.manual_seed(0)
    random.seed(0)
    with open(f"{model_dir}/model.safetensors", "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    weights = {}
    for name, t in header.items():
        if name != "__metadata__" and t["dtype"] == "F32":
            a, b = t["data_offsets"]
            weights[name.removeprefix("bert.")] = torch.frombuffer(bytearray(data[a:b]), dtype=torch.float32).reshape(t["shape"])
    config = json.load(open(f"{model_dir}/config.json"))
    heads, layers = config["num_attention_heads"], config["num_hidden_layers"]
    F = torch.nn.functional

    def encode(ids, mask):  # BERT, mean pooling, L2 normalisation: all-MiniLM-L6-v2 as sentence-transformers runs it
        W = weights
        ln = lambda x, k: F.layer_norm(x, (x.shape[-1],), W[k + ".weight"], W[k + ".bias"], 1e-12)
        lin = lambda x, k: F.linear(x, W[k + ".weight"], W[k + ".bias"])
        B, T = ids.shape
        x = W["embeddings.word_embeddings.weight"][ids] + W["embeddings.position_embeddings.weight"][:T][None] \
            + W["embeddings.token_type_embeddings.weight"][0][None, None]
        x = ln(x, "embeddings.LayerNorm")
        bias = (1.0 - mask[:, None, None, :].float()) * -1e4
        D = x.shape[-1] // heads
        for i in range(layers):
            p = f"encoder.layer.{i}."
            q, k, v = (lin(x, p + f"attention.self.{n}").view(B, T, heads, D).transpose(1, 2) for n in ("query", "key", "value"))
            a = (torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(D) + bias, -1) @ v).transpose(1, 2).reshape(B, T, -1)
            x = ln(x + lin(a, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            x = ln(x + lin(F.gelu(lin(x, p + "intermediate.dense")), p + "output.dense"), p + "output.LayerNorm")
        m = mask[..., None].float()
        return F.normalize((x * m).sum(1) / m.sum(1), dim=-1)

    tokenizer = Tokenizer.from_file(f"{model_dir}/tokenizer.json")
    tokenizer.enable_truncation(max_length)
    tokenizer.enable_padding()

    def embed(texts):
        out = []
        with torch.no_grad():
            for i in range(0, len(texts), 32):
                enc = tokenizer.encode_batch(texts[i:i + 32])
                out.append(encode(torch.tensor([e.ids for e in enc]), torch.tensor([e.attention_mask for e in enc])))
        return torch.cat(out)

    J0, C0 = embed([j["text"] for j in jobs]), embed([c["text"] for c in cands])
    for name, X, items, keys in (("candidate", C0, cands, ("area", "region", "level")), ("job", J0, jobs, ("area", "region", "level", "subtopic"))):
        for key in keys:
            acc = cross_val_score(LogisticRegression(max_iter=2000, C=10), X.numpy(), [r[key] for r in items], cv=3).mean()
            print(f"frozen embeddings show {name} {key}: linear-probe accuracy {acc:.3f}")

    pos, neg = collections.defaultdict(list), collections.defaultdict(list)
    for l in labels:
        (pos if l["relevance"] else neg)[l["job"]].append(l["candidate"])
    test = set(range(len(jobs) - held_out, len(jobs)))
    train = [j for j in range(len(jobs)) if j not in test]

    class Adapter(torch.nn.Module):
        def __init__(self):
            super().__init__()
            d = J0.shape[1]
            self.Wq, self.Wc = torch.nn.Parameter(torch.zeros(d, d)), torch.nn.Parameter(torch.zeros(d, d))

        def q(self, x):
            return F.normalize(x + x @ self.Wq, dim=-1)

        def c(self, x):
            return F.normalize(x + x @ self.Wc, dim=-1)

        def scores(self):
            with torch.no_grad():
                return self.q(J0) @ self.c(C0).T

    def ndcg(S, js, k=20):
        total = 0.0
        for j in js:
            rel = set(pos[j])
            top = torch.argsort(S[j], descending=True)[:k].tolist()
            total += sum(1 / math.log2(i + 2) for i, c in enumerate(top) if c in rel) / sum(1 / math.log2(i + 2) for i in range(min(k, len(rel))))
        return total / len(js)

    def agreement(S, js):
        hits = [(S[p["job"], p["first"]] > S[p["job"], p["second"]]).item() == (p["choice"] == "first")
                for p in prefs if p["job"] in js and p["choice"] != "tie"]
        return sum(hits) / len(hits)

    def report(name, model):
        S = model.scores()
        print(f"{name:8s} held-out nDCG@20 {ndcg(S, test):.3f}  held-out agreement {agreement(S, test):.3f}  "
              f"train agreement {agreement(S, set(train)):.3f}")

    tau = 0.02
    items = [(j, p) for j in train for p in pos[j]]
    stage1 = Adapter()
    opt = torch.optim.Adam(stage1.parameters(), lr=1e-3)
    for _ in range(600):
        batch = random.sample(items, 32)
        qs, ps = stage1.q(J0[[j for j, _ in batch]]), stage1.c(C0[[p for _, p in batch]])
        loss = 0
        for i, (j, _) in enumerate(batch):
            logits = torch.cat([(qs[i] * ps[i]).sum()[None], stage1.c(C0[neg[j]]) @ qs[i], torch.cat([ps[:i], ps[i + 1:]]) @ qs[i]]) / tau
            loss = loss - torch.log_softmax(logits, 0)[0]
        opt.zero_grad()
        (loss / len(batch)).backward()
        opt.step()

    decided = [p for p in prefs if p["job"] not in test and p["choice"] != "tie"]
    reference = stage1.scores()

    def align(sft, beta=50.0, steps=300):
        model = Adapter()
        model.load_state_dict(stage1.state_dict())
        opt = torch.optim.Adam(model.parameters(), lr=5e-4)
        for _ in range(steps):
            batch = random.sample(decided, 64)
            j = torch.tensor([p["job"] for p in batch])
            w = torch.tensor([p["first"] if p["choice"] == "first" else p["second"] for p in batch])
            l = torch.tensor([p["second"] if p["choice"] == "first" else p["first"] for p in batch])
            q = model.q(J0[j])
            sw, sl = (q * model.c(C0[w])).sum(-1), (q * model.c(C0[l])).sum(-1)
            if sft:  # the winner as the positive, against the loser and the other winners
                logits = torch.cat([q @ model.c(C0[w]).T, sl[:, None]], 1) / tau
                loss = F.cross_entropy(logits, torch.arange(len(batch)))
            else:
                loss = -F.logsigmoid(beta * ((sw - sl) - (reference[j, w] - reference[j, l]))).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
        return model

    report("base", Adapter())
    report("stage1", stage1)
    report("rankpo", align(sft=False))
    report("sft", align(sft=True))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dump", help="JSON lines written by tst_demo_corpus dumpForAnalysis")
    parser.add_argument("--model", help="directory of all-MiniLM-L6-v2 (safetensors + tokenizer.json)")
    args = parser.parse_args()
    jobs, cands, labels, prefs = load(args.dump)
    lexical_report(jobs, cands, labels, prefs)
    if args.model:
        encoder_report(args.model, jobs, cands, labels, prefs)


if __name__ == "__main__":
    main()
