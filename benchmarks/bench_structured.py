"""Structured identifiers at scale, and real school names without the gazetteer.

Run:  .venv/bin/python benchmarks/bench_structured.py [--n-per-type 500]

1. ``structured_set.generate`` writes sentences each holding one UK structured identifier
   (phone, postcode, NHS number, NI number, UPN, e-mail, URL, handle) in varied formats and
   contexts: seed 1 is DEV, seed 2 TEST (reported).  With 500 per type the TEST set holds
   4,000 identifiers, enough to show 99.9% recall (0 or 1 miss in 1,000+).
2. Real school names from ``../shared/datasets/uk-school-names`` (339 schools) placed in
   sentences, some lower case or without the word "School": recall of our anonymiser with its
   school gazetteer (built from that same list, so optimistic) and WITHOUT it (patterns only:
   the figure for school names the gazetteer does not know).  The list is split in halves by a
   hash of the name; the school patterns were revised (2026-11-28) on the DEV half's misses
   and on made-up school names of every form, never on TEST misses, so the TEST half's
   pattern-only recall is the held-out figure (its total was computed after several revisions,
   so it is not perfectly untouched: see the README).

Both against Presidio as shipped in the same run.  Recall counts a value as caught when every
letter and digit of it is replaced (any type).  Writes ``benchmarks/results/structured.json``.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import platform
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
DATASETS = ROOT.parent / "shared" / "datasets"
RESULTS = ROOT / "benchmarks" / "results"
SCHOOLS = DATASETS / "uk-school-names" / "schools.csv"

SCHOOL_FRAMES = [
    "My son goes to {S} and they have been brilliant.",
    "{S} refused to apply for an EHC needs assessment.",
    "We were offered a place at {S}, which is 14 miles away.",
    "the SENCO at {S} left in October",
    "Transport to {S} takes over an hour each way.",
    "She moved from {S} to a specialist setting.",
    "I would like to thank the staff of {S}.",
    "Year 6 at {S}: no support in class at all.",
]


def school_set(seed: int = 3):
    """[(text, [(start, end, 'SCHOOL')])] from the real school list; None when it is absent."""
    if not SCHOOLS.is_file():
        return None
    r = random.Random(seed)
    with SCHOOLS.open(newline="", encoding="utf-8") as fh:
        names = [row["name"].strip() for row in csv.DictReader(fh) if row.get("name", "").strip()]
    out = []
    for name in names:
        v = name
        if v.endswith(" School") and r.random() < 0.2:
            v = v[: -len(" School")]  # "Abercrombie Primary"
        if r.random() < 0.08:
            v = v.lower()
        frame = r.choice(SCHOOL_FRAMES)
        i = frame.index("{S}")
        text = frame[:i] + v + frame[i + 3:]
        out.append((text, [(i, i + len(v), "SCHOOL")]))
    return out


def school_half(name: str) -> str:
    """'dev' or 'test' for a school name: the pattern rules were revised on DEV misses only."""
    h = hashlib.sha1(f"uk-school-names:{name.lower()}".encode()).hexdigest()
    return "dev" if int(h, 16) % 2 == 0 else "test"


def run_ours(texts, gazetteer: bool):
    import pipeline.anonymise as an
    from pipeline.recognizers.places import load_school_gazetteer

    an._ENGINE = an.AnonymiserEngine(load_school_gazetteer() if gazetteer else ())
    return an.analyse_texts(texts, round_propagation=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n-per-type", type=int, default=500)
    args = ap.parse_args()

    from bench_anonymise import PresidioShipped, score
    from pipeline.recognizers import make_tldextract_offline
    from structured_set import generate

    make_tldextract_offline()
    presidio = PresidioShipped()
    presidio.build()
    res = {"machine": platform.platform(), "n_per_type": args.n_per_type, "sets": {}}
    sets = {"structured DEV (seed 1)": generate(args.n_per_type, 1),
            "structured TEST (seed 2)": generate(args.n_per_type, 2)}
    schools = school_set()
    for label, data in sets.items():
        texts = [t for t, _ in data]
        t0 = time.perf_counter()
        ours = run_ours(texts, gazetteer=True)
        t_ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        _, pres = presidio.run(texts)
        t_pres = time.perf_counter() - t0
        res["sets"][label] = {"n": len(data), "ours": score(data, ours), "presidio": score(data, pres),
                              "ours_s": round(t_ours, 1), "presidio_s": round(t_pres, 1)}
        if "DEV" in label:  # misses of the DEV set may be looked at (terminal only)
            for (t, g), sp in zip(data, ours):
                s, e, typ = g[0]
                covered = bytearray(len(t))
                for a, b, _ in sp:
                    covered[a:b] = b"\x01" * (b - a)
                if not all(covered[j] for j in range(s, e) if t[j].isalnum()):
                    print(f"DEV miss {typ}: {t!r}", file=sys.stderr)
    if schools is not None:
        for which in ("dev", "test"):
            part = [(t, g) for t, g in schools if school_half(t[g[0][0]:g[0][1]]) == which]
            texts = [t for t, _ in part]
            res["sets"][f"real school names, {which.upper()} half"] = {
                "n": len(part),
                "ours, with gazetteer": score(part, run_ours(texts, gazetteer=True)),
                "ours, patterns only (no gazetteer)": score(part, run_ours(texts, gazetteer=False)),
                "presidio": score(part, presidio.run(texts)[1]),
            }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "structured.json").write_text(json.dumps(res, indent=1), encoding="utf-8")
    print(markdown(res))


def markdown(res) -> str:
    lines = ["| set | type | n | this project | Presidio as shipped |", "|---|---|---|---|---|"]
    for label, d in res["sets"].items():
        systems = [k for k in d if isinstance(d[k], dict)]
        ours_keys = [k for k in systems if k.startswith("ours")]
        for ok in ours_keys:
            for typ, v in d[ok]["recall"].items():
                p = d["presidio"]["recall"].get(typ, {}).get("recall")
                lines.append(f"| {label} ({ok}) | {typ} | {v['n']} | {v['recall']:.2%} ({v['missed']} missed) | "
                             f"{p:.2%} |" if p is not None else "")
            lines.append(f"| {label} ({ok}) | ordinary words kept | {d[ok]['ordinary_words']} | "
                         f"{d[ok]['words_kept']:.2%} | {d['presidio']['words_kept']:.2%} |")
        if "ours" in d:
            tot = sum(v["n"] for v in d["ours"]["recall"].values())
            miss = sum(v["missed"] for v in d["ours"]["recall"].values())
            ptot = sum(v["n"] - v["missed"] for v in d["presidio"]["recall"].values())
            lines.append(f"| {label} | all structured | {tot} | {(tot - miss) / tot:.3%} ({miss} missed) | "
                         f"{ptot / tot:.2%} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
