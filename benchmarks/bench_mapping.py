"""Benchmark: mapping comments onto a framework (pipeline.mapping) vs plain title similarity.

    .venv/bin/python benchmarks/bench_mapping.py [--quick]

Three measurements, each against plain cosine similarity of the comment to the category
title (the "baseline": no description, no sentence-by-sentence scoring, no round-level
step such as self-training or standardisation; its own "none" calibration fitted on
clinc150 the same way, the same margin rule), computed in the same run with the same
embeddings.  Every method is scored through pipeline.mapping.score_texts, as the pipeline
scores a round:

1. nhs-fft-v6 (real NHS Friends and Family Test comments coded by trained labellers):
   its 31 content categories with written definitions become a framework
   (benchmarks/make_fft_framework.py), "none" = labelled only "Labelling not possible" /
   "Not assigned" / categories without a definition.  Comments are split 50/50 by a hash
   of their id into a development half (used to choose the method's design and to tune
   each method's selection rule) and a test half (reported).  Metrics on the test half:
   macro-F1 of the predicted sets over the 31 categories, accuracy of the top-ranked
   category (in the gold set, over comments with a gold category), precision/recall of
   "none".  Macro-F1 is given for the full predicted sets (the best category and those
   within the margin: the figure the target applies to) and for the top-ranked category
   alone ("top_ranked"), for the baseline and the method in the same run.  Variants:
   framework text alone (title + definition), and + example phrases
   (the gain from examples reported separately; test comments identical to an example
   phrase are dropped from that comparison).  Each method is scored twice: with the
   shipped defaults (the "none" threshold fixed on clinc150), and with its threshold and
   margin tuned on the development half (the same tuning for the baseline).
2. clinc150: the 150 in-scope intents (name as title + 5 training queries as examples)
   as a framework; precision/recall of "none" on the test split's in-scope vs
   out-of-scope queries, with the shipped threshold (fitted on the val split and
   oos_train/oos_val, never on test).
   Reported at the shipped "none" threshold (pipeline.mapping.DEFAULT_THRESHOLD) and at
   0.5, clinc's own balance point.
3. The SEND sets, on the seed framework data/frameworks/send-strategy-2025-28.yaml:
   the development set (benchmarks/data/send_mapping_devset.jsonl, 180 comments) used to
   tune the "none" threshold and the priorities' descriptions/examples, and the test set
   (benchmarks/data/send_mapping_testset.jsonl, 294 comments, written independently and
   never used for tuning), reported separately: share of comments whose top-ranked
   priority is acceptable, "none" precision/recall, and comment-level accuracy (top
   priority acceptable, or "none" for a comment that fits no priority).

Prints a markdown table and writes benchmarks/results/mapping.json.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_fft_framework import DATA as FFT_DIR, write_frameworks  # noqa: E402

from pipeline.config import Framework, Priority, load_framework  # noqa: E402
from pipeline.mapping import (  # noqa: E402
    BASELINE_PARAMS, DEFAULT_PARAMS, DEFAULT_THRESHOLD, MatchParams, _embed, build_index, score_texts, select,
)

DATASETS = ROOT.parent / "shared" / "datasets"
CLINC = DATASETS / "clinc150" / "data_full.json"
SEND_TESTSET = ROOT / "benchmarks" / "data" / "send_mapping_testset.jsonl"
SEND_DEVSET = ROOT / "benchmarks" / "data" / "send_mapping_devset.jsonl"
SEND_FRAMEWORK = ROOT / "data" / "frameworks" / "send-strategy-2025-28.yaml"
RESULTS = ROOT / "benchmarks" / "results"
CACHE = RESULTS / "cache"
MODEL = "all-MiniLM-L6-v2"  # --int8: "all-MiniLM-L6-v2@int8", what rounds above 20,000 points use


def embed(texts: list[str]) -> np.ndarray:
    return _embed(list(texts), MODEL, cache_dir=CACHE)


def scores(index, texts: list[str], emb: np.ndarray, prm: MatchParams) -> np.ndarray:
    """Raw scores as the pipeline computes them (pipeline.mapping.score_texts)."""
    return score_texts(index, list(texts), emb, prm, model_name=MODEL, cache_dir=CACHE)


# --------------------------------------------------------------------------- metrics
def set_metrics(pred: list[list[int]], gold: list[set[int]], n_cat: int) -> dict:
    """macro-F1 over categories (sets), top-1 accuracy, "none" precision/recall."""
    tp = np.zeros(n_cat); fp = np.zeros(n_cat); fn = np.zeros(n_cat)
    top_ok = top_n = 0
    none_tp = none_fp = none_fn = 0
    for p, g in zip(pred, gold):
        ps = set(p)
        for c in ps:
            if c in g:
                tp[c] += 1
            else:
                fp[c] += 1
        for c in g - ps:
            fn[c] += 1
        if g:
            top_n += 1
            top_ok += bool(p) and p[0] in g
        if not p and not g:
            none_tp += 1
        elif not p and g:
            none_fp += 1
        elif p and not g:
            none_fn += 1
    support = (tp + fn) > 0
    f1 = np.where(support, 2 * tp / np.maximum(2 * tp + fp + fn, 1), 0.0)
    return {
        "per_category": {"f1": f1.round(3).tolist(), "support": (tp + fn).astype(int).tolist(),
                         "predicted": (tp + fp).astype(int).tolist()},
        "macro_f1": float(f1[support].mean()) if support.any() else 0.0,
        "top1_accuracy": top_ok / top_n if top_n else 0.0,
        "none_precision": none_tp / (none_tp + none_fp) if none_tp + none_fp else 0.0,
        "none_recall": none_tp / (none_tp + none_fn) if none_tp + none_fn else 0.0,
        "n": len(gold), "n_gold_none": sum(1 for g in gold if not g),
    }


def predict(raw: np.ndarray, params: MatchParams, threshold: float = DEFAULT_THRESHOLD, margin=None,
            top_k: int = 3) -> list[list[int]]:
    prm = params if margin is None else params.replace(margin=margin)
    return [[j for j, _ in picks] for picks in select(raw, prm, top_k=top_k, threshold=threshold)]


def tune_selection(raw: np.ndarray, gold: list[set[int]], n_cat: int, params: MatchParams,
                   metric: str = "macro_f1") -> tuple[float, float, dict]:
    """Best (raw threshold, margin) on development data; thresholds are on the raw scale
    (given back as a calibrated threshold for ``params``)."""
    from pipeline.mapping import calibrate

    best = (-1.0, 0.5, params.margin, {})
    top = raw.max(axis=1)
    for q in np.linspace(0.0, 0.6, 13):
        t_raw = float(np.quantile(top, q)) if q > 0 else -1.0
        t_cal = float(calibrate(np.array([t_raw]), params)[0]) if q > 0 else 0.0
        for margin in (0.0, 0.02, 0.04, 0.06, 0.08, 0.1):
            m = set_metrics(predict(raw, params, t_cal, margin), gold, n_cat)
            if m[metric] > best[0]:
                best = (m[metric], t_cal, margin, m)
    return best[1], best[2], best[3]


# --------------------------------------------------------------------------- data
def load_fft():
    """(texts, gold sets, priority columns, comment ids) of nhs-fft-v6 with text."""
    _, _, columns = write_frameworks()
    df = pd.read_csv(FFT_DIR / "v6framework_230831.csv")
    df = df[df["FFT answer"].notna() & (df["FFT answer"].astype(str).str.strip() != "")]
    ids = list(columns)
    gold = []
    for _, row in df.iterrows():
        g = {i for i, pid in enumerate(ids) if any(row.get(c, 0) == 1 for c in columns[pid])}
        gold.append(g)
    texts = [" ".join(str(t).split()) for t in df["FFT answer"]]
    cids = [str(c) for c in df["Comment ID"]]
    return texts, gold, ids, cids


def dev_mask(cids: list[str]) -> np.ndarray:
    return np.array([int(hashlib.sha256(c.encode()).hexdigest(), 16) % 2 == 0 for c in cids])


def _intent_title(intent: str) -> str:
    t = intent.replace("_", " ")
    return {"no": "answer no", "yes": "answer yes"}.get(t, t if len(t) >= 3 else f"{t} intent")


def clinc_framework(n_examples: int = 5) -> tuple[Framework, dict]:
    data = json.loads(CLINC.read_text(encoding="utf-8"))
    intents = sorted({lab for _, lab in data["train"]})
    ex: dict[str, list[str]] = {i: [] for i in intents}
    for text, lab in data["train"]:
        if len(ex[lab]) < n_examples:
            ex[lab].append(text)
    fw = Framework(name="clinc150", priorities=[
        Priority(id=i, tier="must", title=_intent_title(i), examples=ex[i]) for i in intents
    ])
    return fw, data


# --------------------------------------------------------------------------- runs
def run_fft(quick: bool = False, baseline: MatchParams = BASELINE_PARAMS) -> dict:
    texts, gold, ids, cids = load_fft()
    fw_def = load_framework(RESULTS / "fft_framework_definitions.yaml")
    fw_ex = load_framework(RESULTS / "fft_framework_examples.yaml")
    dev = dev_mask(cids)
    if quick:
        rng = np.random.default_rng(0)
        keep = rng.random(len(texts)) < 0.3
    else:
        keep = np.ones(len(texts), bool)
    t0 = time.time()
    emb = embed(texts)
    n_cat = len(ids)
    examples = {" ".join(e.lower().split()) for p in fw_ex.priorities for e in p.examples}
    not_example = np.array([" ".join(t.lower().split()) not in examples for t in texts])
    out: dict = {"n_comments": int(keep.sum()), "n_categories": n_cat,
                 "n_test": int((keep & ~dev).sum()), "n_dev": int((keep & dev).sum()),
                 "n_test_identical_to_an_example_dropped": int((keep & ~dev & ~not_example).sum()),
                 "category_ids": ids, "methods": {}}
    configs = [
        ("baseline: title similarity", fw_def, baseline),
        ("method: title + definition", fw_def, DEFAULT_PARAMS),
        ("method: + examples", fw_ex, DEFAULT_PARAMS),
        ("method: title + definition (+examples rows)", fw_def, DEFAULT_PARAMS),
        ("baseline: title similarity (+examples rows)", fw_def, baseline),
    ]
    for name, fw, prm in configs:
        index = build_index(fw, prm, MODEL)
        rows_test = keep & ~dev & (not_example if "examples" in name else True)
        rows_dev = keep & dev
        raw_dev = scores(index, [texts[i] for i in np.flatnonzero(rows_dev)], emb[rows_dev], prm)
        raw_test = scores(index, [texts[i] for i in np.flatnonzero(rows_test)], emb[rows_test], prm)
        g_dev = [gold[i] for i in np.flatnonzero(rows_dev)]
        g_test = [gold[i] for i in np.flatnonzero(rows_test)]
        thr, margin, _ = tune_selection(raw_dev, g_dev, n_cat, prm)
        dev_m = set_metrics(predict(raw_dev, prm), g_dev, n_cat)
        res = {
            "dev_half_shipped_defaults": dev_m,
            "shipped_defaults": set_metrics(predict(raw_test, prm), g_test, n_cat),
            "tuned_on_dev": set_metrics(predict(raw_test, prm, thr, margin), g_test, n_cat),
            "dev_tuned_threshold_calibrated": round(thr, 4), "dev_tuned_margin": margin,
            # the top-ranked category alone (or none), shipped threshold
            "dev_half_top_ranked": set_metrics(predict(raw_dev, prm, top_k=1), g_dev, n_cat),
            "top_ranked": set_metrics(predict(raw_test, prm, top_k=1), g_test, n_cat),
        }
        out["methods"][name] = res
    out["seconds"] = round(time.time() - t0, 1)
    return out


def fit_calibration(top_raw: np.ndarray, good: np.ndarray) -> tuple[float, float]:
    """Logistic map P(good | raw top score), classes balanced so 0.5 is prior-free:
    returns (center, scale) for sigmoid((raw - center) / scale)."""
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(class_weight="balanced", C=100.0)
    lr.fit(top_raw.reshape(-1, 1), good.astype(int))
    a, b = float(lr.coef_[0, 0]), float(lr.intercept_[0])
    return -b / a, 1.0 / a


def _clinc_split(data: dict, split: str, oos: list[str]) -> tuple[list[str], list[str]]:
    texts = [t for t, _ in data[split]]
    labels = [lab for _, lab in data[split]]
    for o in oos:
        texts += [t for t, _ in data[o]]
        labels += ["oos"] * len(data[o])
    return texts, labels


def calibrate_on_clinc(prm: MatchParams, fw=None, data=None) -> tuple[float, float]:
    """(center, scale) fitted on clinc150 val + oos_val + oos_train (never test): does
    the best score say that some intent fits (in-scope) or none (out-of-scope)?"""
    if fw is None:
        fw, data = clinc_framework()
    texts, labels = _clinc_split(data, "val", ["oos_val", "oos_train"])
    index = build_index(fw, prm, MODEL)
    raw = scores(index, texts, embed(texts), prm)
    good = np.array([lab != "oos" for lab in labels])
    return fit_calibration(raw.max(axis=1), good)


def run_clinc() -> dict:
    fw, data = clinc_framework()
    texts, labels = _clinc_split(data, "test", ["oos_test"])
    emb = embed(texts)
    ids = [p.id for p in fw.priorities]
    res: dict = {}
    for name, prm0 in (("baseline: title similarity", BASELINE_PARAMS),
                       ("method", DEFAULT_PARAMS)):
        if prm0 is BASELINE_PARAMS:  # the baseline gets its own calibration, fitted the same way
            c, sc = calibrate_on_clinc(prm0, fw, data)
            prm = prm0.replace(calib_center=c, calib_scale=sc)
        else:
            prm = prm0
        index = build_index(fw, prm, MODEL)
        raw = scores(index, texts, emb, prm)
        n_in = sum(1 for x in labels if x != "oos")
        top = raw.argmax(axis=1)
        for thr_name, thr in ((f"threshold {DEFAULT_THRESHOLD} (shipped)", DEFAULT_THRESHOLD),
                              ("threshold 0.5 (clinc balance point)", 0.5)):
            picks = select(raw, prm, top_k=1, threshold=thr)
            tp = fp = fn = correct = 0
            for pk, lab in zip(picks, labels):
                none = not pk
                if none and lab == "oos":
                    tp += 1
                elif none:
                    fp += 1
                elif lab == "oos":
                    fn += 1
                elif ids[pk[0][0]] == lab:
                    correct += 1
            res[f"{name}, {thr_name}"] = {
                "none_precision": tp / (tp + fp) if tp + fp else 0.0,
                "none_recall": tp / (tp + fn) if tp + fn else 0.0,
                "in_scope_top1_accuracy": correct / n_in,
                "in_scope_ranked_top1_accuracy": float(np.mean(
                    [ids[t] == lab for t, lab in zip(top, labels) if lab != "oos"])),
                "calibration": [round(prm.calib_center, 4), round(prm.calib_scale, 4)],
                "threshold": thr, "n_in_scope": n_in, "n_oos": len(labels) - n_in,
            }
    return res


def run_send(baseline: MatchParams = BASELINE_PARAMS, path: Path = SEND_TESTSET) -> dict | None:
    if not path.is_file():
        return None
    fw = load_framework(SEND_FRAMEWORK)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [r["text"] for r in rows]
    ids = [p.id for p in fw.priorities]
    pos = {pid: i for i, pid in enumerate(ids)}
    gold = [{pos[a] for a in (r.get("acceptable") or []) if a in pos} for r in rows]
    emb = embed(texts)
    res: dict = {"n": len(rows), "n_gold_none": sum(1 for g in gold if not g)}
    ablations = (  # information only: which parts help on this set (defaults not chosen here)
        ("ablation: aims only (no description/examples)",
         DEFAULT_PARAMS.replace(use_description=False, use_examples=False)),
        ("ablation: no examples", DEFAULT_PARAMS.replace(use_examples=False)),
        ("ablation: no self-training", DEFAULT_PARAMS.replace(self_train_weight=0.0)),
    )
    for name, prm in (("baseline: title similarity", baseline),
                      ("method (shipped defaults)", DEFAULT_PARAMS)) + ablations:
        index = build_index(fw, prm, MODEL)
        raw = scores(index, texts, emb, prm)
        m_sel = set_metrics(predict(raw, prm), gold, len(ids))
        # comment-level accuracy: top priority acceptable, or "none" for a comment that fits none
        picks = predict(raw, prm)
        acc = float(np.mean([(not p and not g) or (bool(p) and p[0] in g) for p, g in zip(picks, gold)]))
        # top-ranked priority acceptable, ignoring the none decision (over gold non-none)
        top = raw.argmax(axis=1)
        ok = [int(top[i]) in g for i, g in enumerate(gold) if g]
        prim = [ids[int(top[i])] == r.get("primary") for i, r in enumerate(rows) if r.get("primary")]
        res[name] = {
            "top1_acceptable_ranked": float(np.mean(ok)) if ok else 0.0,
            "top1_is_primary_ranked": float(np.mean(prim)) if prim else 0.0,
            "top1_acceptable_with_none": m_sel["top1_accuracy"],
            "none_precision": m_sel["none_precision"], "none_recall": m_sel["none_recall"],
            "accuracy_with_none": acc, "macro_f1": m_sel["macro_f1"],
            # information only (the default threshold is chosen on the development set)
            "none_threshold_sweep": {
                f"{t:.2f}": {k: round(v, 3) for k, v in set_metrics(
                    predict(raw, prm, t), gold, len(ids)).items()
                    if k in ("top1_accuracy", "none_precision", "none_recall")}
                for t in (0.1, 0.2, 0.3, 0.4, 0.5)},
        }
    return res


def _fmt(x) -> str:
    return f"{x:.3f}" if isinstance(x, float) else str(x)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="30%% of nhs-fft-v6")
    ap.add_argument("--skip-clinc", action="store_true")
    ap.add_argument("--calibrate", action="store_true",
                    help="fit the method's calibration on clinc150 val and print it")
    ap.add_argument("--int8", action="store_true",
                    help="embed with the int8 model large rounds use; results to mapping_int8.json")
    args = ap.parse_args()
    global MODEL
    if args.int8:
        MODEL = "all-MiniLM-L6-v2@int8"
    if args.calibrate:
        c, sc = calibrate_on_clinc(DEFAULT_PARAMS)
        print(f"calib_center={c:.4f} calib_scale={sc:.4f}")
        return
    if not FFT_DIR.is_dir():
        sys.exit(f"{FFT_DIR}: nhs-fft-v6 not found")
    out = {"model": MODEL, "params": DEFAULT_PARAMS.__dict__,
           "baseline_params": BASELINE_PARAMS.__dict__,
           "none_threshold": DEFAULT_THRESHOLD}
    baseline = BASELINE_PARAMS
    if CLINC.is_file():  # the baseline's own "none" calibration, fitted the same way
        c, sc = calibrate_on_clinc(BASELINE_PARAMS)
        baseline = BASELINE_PARAMS.replace(calib_center=c, calib_scale=sc)
    out["baseline_calibration"] = [round(baseline.calib_center, 4), round(baseline.calib_scale, 4)]
    out["nhs_fft_v6"] = run_fft(args.quick, baseline)
    if not args.skip_clinc and CLINC.is_file():
        out["clinc150_oos"] = run_clinc()
    out["send_devset"] = run_send(baseline, SEND_DEVSET)
    out["send_testset"] = run_send(baseline, SEND_TESTSET)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / ("mapping_int8.json" if args.int8 else "mapping.json")).write_text(json.dumps(out, indent=2), encoding="utf-8")

    f = out["nhs_fft_v6"]
    mt = f["methods"]
    out["summary"] = {
        sel: {
            "fft_macro_f1_gain_definitions_vs_baseline": round(
                mt["method: title + definition"][sel]["macro_f1"]
                - mt["baseline: title similarity"][sel]["macro_f1"], 4),
            "fft_macro_f1_gain_from_examples": round(
                mt["method: + examples"][sel]["macro_f1"]
                - mt["method: title + definition (+examples rows)"][sel]["macro_f1"], 4),
        } for sel in ("shipped_defaults", "tuned_on_dev", "top_ranked",
                      "dev_half_shipped_defaults", "dev_half_top_ranked")
    }
    (RESULTS / ("mapping_int8.json" if args.int8 else "mapping.json")).write_text(json.dumps(out, indent=2), encoding="utf-8")
    print(f"\n## nhs-fft-v6 test half ({f['n_test']} comments, {f['n_categories']} categories)\n")
    print("| method | selection | macro-F1 | top-1 acc | none P | none R |")
    print("|---|---|---|---|---|---|")
    for name, r in f["methods"].items():
        for sel in ("shipped_defaults", "top_ranked", "tuned_on_dev"):
            m = r[sel]
            print(f"| {name} | {sel} | {_fmt(m['macro_f1'])} | {_fmt(m['top1_accuracy'])} | "
                  f"{_fmt(m['none_precision'])} | {_fmt(m['none_recall'])} |")
    print("\nmacro-F1 gains: " + json.dumps(out["summary"]))
    print(f"\n## nhs-fft-v6 development half ({f['n_dev']} comments), shipped defaults\n")
    print("| method | macro-F1 (sets) | macro-F1 (top-ranked) | top-1 acc | none P | none R |")
    print("|---|---|---|---|---|---|")
    for name, r in f["methods"].items():
        m = r["dev_half_shipped_defaults"]
        print(f"| {name} | {_fmt(m['macro_f1'])} | {_fmt(r['dev_half_top_ranked']['macro_f1'])} | "
              f"{_fmt(m['top1_accuracy'])} | {_fmt(m['none_precision'])} | {_fmt(m['none_recall'])} |")
    b = mt["baseline: title similarity"]["dev_half_shipped_defaults"]["per_category"]
    mm = mt["method: title + definition"]["dev_half_shipped_defaults"]["per_category"]
    print("\nper-category F1 on the development half (baseline -> method, support, predicted by the method):")
    print(", ".join(f"{pid} {b['f1'][i]:.2f}->{mm['f1'][i]:.2f} ({mm['support'][i]}/{mm['predicted'][i]})"
                    for i, pid in enumerate(f["category_ids"])))
    if "clinc150_oos" in out:
        print("\n## clinc150 test: out-of-scope detection\n")
        print("| method, threshold | none P | none R | in-scope top-1 |")
        print("|---|---|---|---|")
        for name, m in out["clinc150_oos"].items():
            print(f"| {name} | {_fmt(m['none_precision'])} | {_fmt(m['none_recall'])} | "
                  f"{_fmt(m['in_scope_top1_accuracy'])} |")
    for key, title, path in (("send_devset", "SEND development set (used for tuning)", SEND_DEVSET),
                             ("send_testset", "SEND test set (held out)", SEND_TESTSET)):
        s = out[key]
        if not s:
            print(f"\n{title} not found at {path}: skipped")
            continue
        print(f"\n## {title}: {s['n']} comments, {s['n_gold_none']} gold none, "
              f"none threshold {DEFAULT_THRESHOLD}\n")
        print("| method | top-ranked acceptable | top-ranked = primary | top-1 acceptable (with none) "
              "| accuracy incl. none | none P | none R |")
        print("|---|---|---|---|---|---|---|")
        for name, m in s.items():
            if isinstance(m, dict):
                print(f"| {name} | {_fmt(m['top1_acceptable_ranked'])} | "
                      f"{_fmt(m['top1_is_primary_ranked'])} | {_fmt(m['top1_acceptable_with_none'])} | "
                      f"{_fmt(m['accuracy_with_none'])} | {_fmt(m['none_precision'])} | "
                      f"{_fmt(m['none_recall'])} |")
        for name, m in s.items():
            if isinstance(m, dict):
                sw = ", ".join(f"{t}: P={v['none_precision']:.2f} R={v['none_recall']:.2f} "
                               f"top1={v['top1_accuracy']:.2f}"
                               for t, v in m["none_threshold_sweep"].items())
                print(f"- {name}, none threshold sweep: {sw}")
    print(f"\nwrote {RESULTS / ('mapping_int8.json' if args.int8 else 'mapping.json')}")


if __name__ == "__main__":
    main()
