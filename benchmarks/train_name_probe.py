"""Train the context name model (pipeline/resources/name_probe.npz).

Data (read from ../shared/datasets, never copied; polis and the TEST half are never read):
- positives and in-context negatives: the DEV half of presidio-synthetic (by template, see
  synth_split.py), each text also re-filled ``--refills`` times with other names of the same
  shape from the lists the anonymiser reads (given names, some of them English words such as
  "Rose" or "Hunter"; surnames; one in eight typed in lower case), and a quarter of the
  re-filled texts lower-cased;
- made-up SEND sentences (``MADE_UP`` below), filled with names and with ordinary capitalised
  words (services, activities, products) that must be kept;
- ordinary-text negatives: banking77 training queries, clinc150 queries and NHS Friends and
  Family Test answers (not those the trust marked as holding personal information, and not
  those in which the rules already find a person: a name a redaction left would count
  against the model, never for it).

Features: see pipeline/recognizers/context_names.py (hashed words around the candidate,
shape, word-list flags, spaCy's NER label).  Model: L2 logistic regression (scikit-learn,
liblinear, fixed seed).  The decision threshold is fixed here, before any held-out look: the
lowest score that flags at most ``--max-fp`` of the ordinary texts' candidates in 5-fold
cross-validation grouped by template (ordinary texts grouped by source row).

    .venv/bin/python benchmarks/train_name_probe.py            # train and write the model
    .venv/bin/python benchmarks/train_name_probe.py --evaluate # DEV half, UK set, rounds: on/off
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
DATASETS = ROOT.parent / "shared" / "datasets"
BANKING = DATASETS / "banking77" / "train.csv"
CLINC = DATASETS / "clinc150" / "data_full.json"
FFT = DATASETS / "nhs-fft-v6" / "v6framework_230831.csv"
NAME_TYPES = ("PERSON", "CHILD", "STAFF")

# Made-up sentences in the register of SEND consultation answers.  {N} is a person's name
# (a positive); {W} an ordinary capitalised word that must be kept (a negative).
MADE_UP = [
    "When {N} came home from school he was exhausted.",
    "I asked {N} about the transport but nobody called back.",
    "The review was cancelled twice and {N} was left without support.",
    "Since September {N} has refused to go in most mornings.",
    "We met {N} at the panel and she promised a decision by Easter.",
    "{N} and I waited eleven months for the assessment.",
    "Nobody told {N} that the placement had been withdrawn.",
    "Thanks to {N} the transition went better than we feared.",
    "The letter said {N} would get ten hours of one to one support.",
    "my lad {N} loves the forest school sessions",
    "after the meeting {N} phoned the caseworker again",
    "It took {N} three weeks to answer one email.",
    "At home {N} is calm, but school is a different story.",
    "I would like {N} to be able to stay local.",
    "Last year {N}'s plan was not reviewed at all.",
    "She said that {N} could not have a place until January.",
    "Please pass this on to {N}, who knows the case.",
    "Our family support worker, {N}, has been wonderful.",
    "We were told by {N} to apply again next term.",
    "i spoke to {N} on monday and she said to wait",
    "The sessions with {W} have really helped with his anxiety.",
    "We tried {W} but the waiting list is over a year.",
    "More funding for {W} would make a real difference.",
    "He enjoys {W} on Saturdays and it calms him down.",
    "The school uses {W} for communication in class.",
    "Access to {W} should be offered to every family.",
    "The {W} team were helpful but overstretched.",
    "We found out about {W} through another parent.",
    "There is no {W} provision in the north of the county.",
    "I would like to see more {W} groups after school.",
    "The council should fund {W} and respite breaks.",
    "we used {W} last summer and it was great",
    "Parents need clearer information about {W} and the Local Offer.",
    "My daughter goes to {W} club on Tuesdays.",
    "The {W} service closed in March with no replacement.",
]
ORDINARY_CAPS = ("Yoga Tea Coffee Council Makaton Lego Swimming Music Drama Art Forest Scouts Brownies "
                 "Cubs Guides Riding Trampoline Football Rugby Tennis Cricket Dance Gym Karate Judo "
                 "Boxing Bowling Cinema Library Church Mosque Temple Chapel Gardening Cooking Baking "
                 "Speech Sensory Respite Transport Youth Inclusion Nurture Mindfulness Therapy Play "
                 "Water Beach Harbour Meadow Orchard Holiday Summer Winter Spring Autumn Rainbow "
                 "Sunshine Starlight Phoenix Horizon Compass Beacon Bridge Pathways Horizons Wellbeing "
                 "Tesco Aldi Asda Lidl Ofsted Twitter Facebook Zoom Teams Google Amazon Netflix "
                 "Minecraft Roblox Fortnite Pokemon Duplo Playmobil Widgit Boardmaker Proloquo "
                 "Mencap Barnardos Scope Contact Kooth Childline Samaritans").split()


def _person(d):
    return [(g["start_position"], g["end_position"]) for g in d["spans"] if g["entity_type"] == "PERSON"]


def _case_like(new: str, old: str) -> str:
    if old == old.lower():
        return new.lower()
    if old.isupper():
        return new.upper()
    return new


def refill(d, r: random.Random, firsts, english_firsts, surs):
    """``d``'s text with each PERSON span replaced by another name of the same shape (one in
    eight typed in lower case in a text that has capitals: "i rang nowak on Monday")."""
    t = d["full_text"]
    others = [(g["start_position"], g["end_position"]) for g in d["spans"] if g["entity_type"] != "PERSON"]
    parts, gold, pos = [], [], 0
    for s, e in sorted(_person(d)):
        if any(a < e and b > s for a, b in others) or s < pos:
            return None
        v = t[s:e]
        n = len(v.split())
        pool = english_firsts if r.random() < 0.2 else firsts
        if n > 1:
            words = [r.choice(pool)] + [r.choice(surs) for _ in range(n - 1)]
        else:
            words = [r.choice(pool if r.random() < 0.6 else surs)]
        new = _case_like(" ".join(w.capitalize() for w in words), v)
        if r.random() < 0.125:
            new = new.lower()
        parts.append(t[pos:s])
        a = sum(len(x) for x in parts)
        parts.append(new)
        gold.append((a, a + len(new)))
        pos = e
    parts.append(t[pos:])
    return "".join(parts), gold


def name_pools():
    from pipeline.recognizers.lexicon import (first_names, gazetteer_first_names, gazetteer_surnames,
                                              is_english)

    firsts = sorted(w for w in gazetteer_first_names() if len(w) >= 3 and w.isalpha())
    english_firsts = sorted(w for w in first_names() | gazetteer_first_names()
                            if len(w) >= 3 and w.isalpha() and is_english(w))
    surs = sorted(w for w in gazetteer_surnames() if len(w) >= 3 and w.isalpha())
    return firsts, english_firsts, surs


def training_texts(refills: int, seed: int):
    """[(text, gold name spans, group)] from the DEV half (re-filled) and the made-up sentences."""
    from synth_split import load

    r = random.Random(seed)
    firsts, english_firsts, surs = name_pools()
    rows = load("dev")  # only ever the DEV half
    out = [(d["full_text"], _person(d), f"t{d['template_id']}") for d in rows]
    extra = []
    for d in rows:
        if _person(d):
            for _ in range(refills):
                x = refill(d, r, firsts, english_firsts, surs)
                if x:
                    extra.append((x[0], x[1], f"t{d['template_id']}"))
    extra += [(t.lower(), g, grp) for t, g, grp in extra if r.random() < 0.25]
    out += extra
    for k, tpl in enumerate(MADE_UP):
        for _ in range(12):
            if "{N}" in tpl:
                pool = english_firsts if r.random() < 0.3 else firsts
                name = r.choice(pool).capitalize()
                if r.random() < 0.3:
                    name += " " + r.choice(surs).capitalize()
                if tpl == tpl.lower() or r.random() < 0.15:
                    name = name.lower()
                s = tpl.index("{N}")
                text = tpl.replace("{N}", name)
                out.append((text, [(s, s + len(name))], f"m{k}"))
            else:
                text = tpl.replace("{W}", r.choice(ORDINARY_CAPS))
                out.append((text, [], f"m{k}"))
    return out


def ordinary(n: int, seed: int) -> list[str]:
    """Up to ``n`` texts of each of banking77, clinc150 and the FFT answers (no names)."""
    out = []
    with BANKING.open(newline="", encoding="utf-8") as fh:
        texts = [row["text"] for row in csv.DictReader(fh) if (row.get("text") or "").strip()]
    random.Random(seed).shuffle(texts)
    out += texts[:n]
    data = json.loads(CLINC.read_text(encoding="utf-8"))
    texts = [t for split in ("train", "val", "oos_train", "oos_val") for t, _ in data.get(split, [])]
    random.Random(seed).shuffle(texts)
    out += texts[:n]
    with FFT.open(newline="", encoding="utf-8") as fh:
        texts = [row["FFT answer"] for row in csv.DictReader(fh)
                 if (row.get("FFT answer") or "").strip() and not (row.get("Person identifiable info?") or "").strip()
                 and row["FFT answer"].strip().lower() not in ("did not answer", "")]
    random.Random(seed).shuffle(texts)
    out += texts[:n]
    from pipeline.anonymise import analyse_texts
    from pipeline.config import AnonymiseSettings

    found = analyse_texts(out, _settings(False), round_propagation=False)
    return [t for t, spans in zip(out, found) if not any(typ in NAME_TYPES for *_, typ in spans)]


def _settings(on: bool):
    from pipeline.config import AnonymiseSettings

    s = AnonymiseSettings()
    if "context_names" in type(s).model_fields:
        s = s.model_copy(update={"context_names": on})
    else:  # until the lead adds the field: the hook reads it with getattr
        object.__setattr__(s, "context_names", on)
    return s


def docs(texts: list[str]):
    """spaCy Docs as the anonymiser makes them: NER only, and only where it would run NER."""
    from pipeline.anonymise import _needs_ner, get_engine

    nlp = get_engine().nlp_engine.nlp["en"]
    need = [_needs_ner(t) for t in texts]
    ner = iter(nlp.pipe([t for t, n in zip(texts, need) if n], batch_size=64))
    return [next(ner) if n else None for n in need]


def build(texts_gold):
    """(feature lists, labels, [(text index, start, end)], rule spans per text) for every
    candidate word, whether or not a rule takes it (what the rules found elsewhere in the
    text is read as context, as in use)."""
    from pipeline.anonymise import analyse_texts
    from pipeline.recognizers.context_names import candidate_features, candidates

    texts = [t for t, _ in texts_gold]
    ruled = analyse_texts(texts, _settings(False), round_propagation=False)
    feats, y, where = [], [], []
    for i, (t, d) in enumerate(zip(texts, docs(texts))):
        cs = candidates(t)
        if not cs:
            continue
        feats += candidate_features(t, cs, d, ruled[i])
        gold = texts_gold[i][1]
        y += [any(a < e and b > s for a, b in gold) for s, e in cs]
        where += [(i, s, e) for s, e in cs]
    return feats, np.asarray(y, bool), where, ruled


def matrix(feats, bits: int):
    from scipy.sparse import csr_matrix

    from pipeline.recognizers.context_names import hash_features

    indptr, idx = [0], []
    for f in feats:
        idx += hash_features(f, bits)
        indptr.append(len(idx))
    return csr_matrix((np.ones(len(idx), np.float32), np.asarray(idx), np.asarray(indptr)),
                      shape=(len(feats), 1 << bits))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--refills", type=int, default=6)
    ap.add_argument("--negatives", type=int, default=12000, help="texts from each ordinary source")
    ap.add_argument("--max-fp", type=float, default=0.0015)
    ap.add_argument("--bits", type=int, default=16)
    ap.add_argument("--C", type=float, default=0.1)
    ap.add_argument("--undecided-weight", type=float, default=10.0,
                    help="weight of candidates the rules leave undecided (the only ones judged in use)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=str(ROOT / "pipeline" / "resources" / "name_probe.npz"))
    ap.add_argument("--evaluate", action="store_true",
                    help="DEV half, UK set and sample rounds with the shipped model on and off")
    args = ap.parse_args()
    if args.evaluate:
        evaluate()
        return
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from pipeline.recognizers import make_tldextract_offline
    from pipeline.recognizers.context_names import FEATURE_VERSION

    make_tldextract_offline()
    t0 = time.perf_counter()
    data = training_texts(args.refills, args.seed)
    F, y, where, ruled = build([(t, g) for t, g, _ in data])
    groups = [data[i][2] for i, _, _ in where]
    # which candidates the rules leave undecided (the model only ever sees those in use)
    open_ = np.asarray([not any(a < e and b > s for a, b, _ in ruled[i]) for i, s, e in where])
    neg = ordinary(args.negatives, args.seed)
    Fn, _, wn, _ = build([(t, []) for t in neg])
    gn = [f"o{i % 50}" for i, _, _ in wn]
    X = matrix(F + Fn, args.bits)
    ya = np.concatenate([y, np.zeros(len(Fn), bool)])
    # every ordinary-text candidate is undecided (texts in which a rule finds a person are dropped)
    weight = np.where(np.concatenate([open_, np.ones(len(Fn), bool)]), args.undecided_weight, 1.0)
    ga = np.asarray(groups + gn)
    print(f"candidates: {len(F)} ({int(y.sum())} in names) from {len(data)} DEV/made-up texts, "
          f"{len(Fn)} from {len(neg)} ordinary texts; {time.perf_counter() - t0:.0f} s")

    def fit(Xt, yt, wt):
        return LogisticRegression(C=args.C, solver="liblinear", max_iter=1000,
                                  random_state=args.seed).fit(Xt, yt, sample_weight=wt)

    P = np.zeros(len(ya))
    for tr, te in GroupKFold(5).split(X, ya, ga):
        P[te] = fit(X[tr], ya[tr], weight[tr]).predict_proba(X[te])[:, 1]
    pn, pd_ = P[len(F):], P[:len(F)]
    # the lowest threshold that flags at most max_fp of the ordinary candidates (never below 0.5)
    k = int(np.floor(args.max_fp * len(pn)))
    threshold = max(float(np.sort(pn)[::-1][k]) + 1e-6, 0.5) if len(pn) > k else 0.5
    cv = {"threshold": round(threshold, 4),
          "cv_recall_name_candidates": round(float((pd_[y] >= threshold).mean()), 4),
          "cv_flagged_other_dev_candidates": round(float((pd_[~y] >= threshold).mean()), 4),
          "cv_flagged_ordinary_candidates": round(float((pn >= threshold).mean()), 4),
          "cv_recall_undecided_name_candidates": round(float((pd_[y & open_] >= threshold).mean()), 4),
          "cv_flagged_undecided_other_dev_candidates": round(float((pd_[~y & open_] >= threshold).mean()), 4),
          "undecided_name_candidates": int((y & open_).sum()),
          "undecided_other_dev_candidates": int((~y & open_).sum()),
          "ordinary_candidates": int(len(pn)), "name_candidates": int(y.sum()),
          "other_dev_candidates": int((~y).sum())}
    print(json.dumps(cv))
    m = fit(X, ya, weight)
    meta = {"feature_version": FEATURE_VERSION, "bits": args.bits, "intercept": float(m.intercept_[0]),
            "trained_on": "presidio-synthetic DEV half (+re-fills, lower-cased copies), made-up SEND "
                          "sentences; negatives banking77 train, clinc150, nhs-fft-v6 answers",
            "refills": args.refills, "negatives": args.negatives, "C": args.C, "seed": args.seed,
            "undecided_weight": args.undecided_weight,
            "max_fp": args.max_fp, **cv}
    np.savez_compressed(args.out, weights=m.coef_[0].astype(np.float32),
                        threshold=np.float32(threshold), meta=json.dumps(meta))
    print(f"wrote {args.out} ({Path(args.out).stat().st_size // 1024} KB) in {time.perf_counter() - t0:.0f} s")


# --------------------------------------------------------------------------- evaluation
def evaluate() -> None:
    """Name recall on the DEV half, ordinary words kept on the UK set and the sample rounds,
    and time, with the model on and off (the TEST half and polis are not read here)."""
    from bench_anonymise import load_rounds, load_uk_set, polis_kept, score
    from synth_split import load

    from pipeline.anonymise import analyse_texts
    from pipeline.recognizers import make_tldextract_offline

    make_tldextract_offline()
    dev = load("dev")
    dev_tg = [(d["full_text"], [(g["start_position"], g["end_position"],
                                 "PERSON" if g["entity_type"] == "PERSON" else "other:x") for g in d["spans"]])
              for d in dev]
    uk = load_uk_set(False)
    rounds = load_rounds()
    analyse_texts(["warm up Zorbek"], _settings(True))
    for on in (False, True):
        st = _settings(on)
        t0 = time.perf_counter()
        sp_uk = analyse_texts([t for t, _ in uk], st, round_propagation=False)
        t_uk = time.perf_counter() - t0
        sp_dev = analyse_texts([t for t, _ in dev_tg], st, round_propagation=False)
        r_dev = score(dev_tg, sp_dev)
        r_uk = score(uk, sp_uk)
        line = (f"context_names={on}: DEV names {r_dev['recall']['names']['recall']:.4f} "
                f"(missed {r_dev['recall']['names']['missed']}/{r_dev['recall']['names']['n']}), "
                f"DEV words kept {r_dev['words_kept']:.4f}; UK names {r_uk['recall']['names']['recall']:.4f}, "
                f"UK words kept {r_uk['words_kept']:.4f} ({t_uk:.1f} s for {len(uk)} texts)")
        for name, resp, _ in rounds:
            texts_r = [str(x) for x in resp["text"]]
            kept = polis_kept(texts_r, analyse_texts(texts_r, st, round_propagation=False))["words_kept"]
            line += f"; round {name} words kept {kept:.4f}"
        print(line)


if __name__ == "__main__":
    main()
