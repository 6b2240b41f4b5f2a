"""Train the context name probe (pipeline/resources/name_probe.npz).

Data (read from ../shared/datasets, never copied):
- positives and in-context negatives: the DEV half of presidio-synthetic (by template, see
  synth_split.py; the TEST half is never read here), each text also re-filled ``--refills``
  times with other names of the same shape (given names and surnames from the published
  lists the anonymiser reads) and a quarter of all texts lower-cased;
- ordinary-text negatives: ``--negatives`` banking77 training queries and ``--negatives``
  NHS Friends and Family Test answers from nhs-fft-v6 (published with names redacted; a
  name a trust's redaction left would count against the probe, never for it).

Model: standardised features -> one hidden ReLU layer (64) -> logistic (scikit-learn's
MLPClassifier, exported to numpy arrays).  The threshold is fixed before any held-out look:
the lowest that flags at most ``--max-fp`` of the ordinary texts' candidates in 5-fold
cross-validation grouped by template (ordinary texts in their own groups).

    .venv/bin/python benchmarks/train_name_probe.py
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
BANKING = ROOT.parent / "shared" / "datasets" / "banking77" / "train.csv"
FFT = ROOT.parent / "shared" / "datasets" / "nhs-fft-v6" / "v6framework_230831.csv"


def _person(d):
    return [(g["start_position"], g["end_position"]) for g in d["spans"] if g["entity_type"] == "PERSON"]


def refill(d, r: random.Random, firsts, surs):
    """``d``'s text with each PERSON span replaced by another name of the same shape."""
    t = d["full_text"]
    others = [(g["start_position"], g["end_position"]) for g in d["spans"] if g["entity_type"] != "PERSON"]
    parts, gold, pos = [], [], 0
    for s, e in sorted(_person(d)):
        if any(a < e and b > s for a, b in others):
            return None
        v = t[s:e]
        n = len(v.split())
        words = [r.choice(firsts)] + [r.choice(surs) for _ in range(n - 1)] if n > 1 else \
            [r.choice(firsts if r.random() < 0.6 else surs)]
        new = " ".join(w.capitalize() for w in words)
        if v == v.lower():
            new = new.lower()
        elif v.isupper():
            new = new.upper()
        parts.append(t[pos:s])
        a = sum(len(x) for x in parts)
        parts.append(new)
        gold.append((a, a + len(new)))
        pos = e
    parts.append(t[pos:])
    return "".join(parts), gold


def training_texts(refills: int, seed: int):
    from pipeline.recognizers.lexicon import gazetteer_first_names, gazetteer_surnames
    from synth_split import load

    r = random.Random(seed)
    firsts, surs = sorted(gazetteer_first_names()), sorted(gazetteer_surnames())
    rows = load("dev")  # only ever the DEV half
    out = [(d["full_text"], _person(d), d["template_id"]) for d in rows]
    for d in rows:
        if _person(d):
            for _ in range(refills):
                x = refill(d, r, firsts, surs)
                if x:
                    out.append((x[0], x[1], d["template_id"]))
    out += [(t.lower(), g, tid) for t, g, tid in list(out) if g and r.random() < 0.25]
    return out


def ordinary(n: int, seed: int) -> list[str]:
    """``n`` banking77 queries and ``n`` FFT answers (ordinary text, no names)."""
    out = []
    for path, col in ((BANKING, "text"), (FFT, "FFT answer")):
        with path.open(newline="", encoding="utf-8") as fh:
            texts = [row[col] for row in csv.DictReader(fh) if (row.get(col) or "").strip()]
        random.Random(seed).shuffle(texts)
        out += texts[:n]
    # a name a trust's redaction left would teach the probe that names are ordinary words:
    # drop the texts in which the rules (without the probe) find a person
    from pipeline.anonymise import analyse_texts
    from pipeline.config import AnonymiseSettings

    found = analyse_texts(out, AnonymiseSettings(context_names=False), round_propagation=False)
    return [t for t, spans in zip(out, found) if not any(typ in ("PERSON", "CHILD", "STAFF") for *_, typ in spans)]


def build(texts_gold):
    from pipeline.recognizers.context_names import candidates, features

    texts = [t for t, _ in texts_gold]
    cands = [candidates(t) for t in texts]
    X, where = features(texts, cands)
    y = np.asarray([any(a < e and b > s for a, b in texts_gold[i][1]) for i, s, e in where])
    return X, y, where


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--refills", type=int, default=4)
    ap.add_argument("--negatives", type=int, default=3000)
    ap.add_argument("--max-fp", type=float, default=0.0015)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=str(ROOT / "pipeline" / "resources" / "name_probe.npz"))
    args = ap.parse_args()
    from sklearn.model_selection import GroupKFold
    from sklearn.neural_network import MLPClassifier
    from sklearn.preprocessing import StandardScaler

    from pipeline.recognizers.context_names import FEATURE_VERSION

    t0 = time.perf_counter()
    data = training_texts(args.refills, args.seed)
    X, y, where = build([(t, g) for t, g, _ in data])
    groups = np.asarray([data[i][2] for i, _, _ in where])
    neg = ordinary(args.negatives, args.seed)
    Xn, _, wn = build([(t, []) for t in neg])
    gn = np.asarray([-1 - (i % 5) for i, _, _ in wn])
    Xa, ya, ga = np.vstack([X, Xn]), np.concatenate([y, np.zeros(len(Xn), bool)]), np.concatenate([groups, gn])
    print(f"features: {len(X)} candidates ({int(y.sum())} in names) from {len(data)} texts, "
          f"{len(Xn)} from {len(neg)} ordinary texts (banking77, FFT); {time.perf_counter() - t0:.0f} s")

    def fit(Xt, yt):
        sc = StandardScaler().fit(Xt)
        m = MLPClassifier((64,), alpha=1e-2, max_iter=200, random_state=args.seed).fit(sc.transform(Xt), yt)
        return sc, m

    P = np.zeros(len(ya))
    for tr, te in GroupKFold(5).split(Xa, ya, ga):
        sc, m = fit(Xa[tr], ya[tr])
        P[te] = m.predict_proba(sc.transform(Xa[te]))[:, 1]
    pn, pd_ = P[len(X):], P[:len(X)]
    threshold = float(np.quantile(pn, 1 - args.max_fp)) if len(pn) else 0.5
    threshold = max(threshold, 0.5)
    cv = {"threshold": round(threshold, 4), "cv_recall_name_words": round(float((pd_[y] >= threshold).mean()), 4),
          "cv_flagged_other_dev_words": round(float((pd_[~y] >= threshold).mean()), 4),
          "cv_flagged_ordinary_words": round(float((pn >= threshold).mean()), 4)}
    print(json.dumps(cv))
    sc, m = fit(Xa, ya)
    meta = {"feature_version": FEATURE_VERSION, "trained_on": "presidio-synthetic DEV half (+refills, "
            "lower-cased copies); negatives banking77 train, nhs-fft-v6 answers", "refills": args.refills, "negatives": args.negatives,
            "seed": args.seed, "max_fp": args.max_fp, **cv}
    np.savez_compressed(args.out, mean=sc.mean_.astype(np.float32), scale=sc.scale_.astype(np.float32),
                        w1=m.coefs_[0].astype(np.float32), b1=m.intercepts_[0].astype(np.float32),
                        w2=m.coefs_[1].astype(np.float32), b2=m.intercepts_[1].astype(np.float32),
                        threshold=np.float32(threshold), meta=json.dumps(meta))
    print(f"wrote {args.out} ({Path(args.out).stat().st_size // 1024} KB) in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
