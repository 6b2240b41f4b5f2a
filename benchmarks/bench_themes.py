"""Benchmark: our themes vs BERTopic as shipped, and the stance check.

    .venv/bin/python benchmarks/bench_themes.py           # full: banking77 test (3,080) + nhs-fft-v6 (7,908)
    .venv/bin/python benchmarks/bench_themes.py --quick   # subsets (1,027 + 2,000)

Data (read from ../shared/datasets, never copied):
- banking77/test.csv: 3,080 bank customer queries, 77 intents (CC BY 4.0, PolyAI).
- nhs-fft-v6/v6framework_230831.csv: NHS Friends and Family Test comments (MIT, The
  Strategy Unit).  The labels are multi-label (49 framework categories); the gold label of a
  comment is its FIRST category in the file's column order ("Person identifiable info?"
  is not a category; a comment with none is "(none)").  Metrics are also given on the
  comments that carry exactly one category ("single-label subset").  Comments with empty
  text are dropped (they cannot be themed).

Methods, each run in its own fresh Python process (so time and peak memory are its own):
- ours: ``embed_texts`` (no cache: embedding time included) + ``discover_themes``.
- bertopic: ``BERTopic(embedding_model=<the same packaged all-MiniLM-L6-v2>).fit_transform(texts)``,
  all defaults; it embeds the texts itself (time included).
Metrics on ALL points, outliers / "Other comments" counting as their own cluster -1 for
both: NMI and ARI vs gold, share unassigned (-1), number of themes (excluding -1), shuffle
stability = ARI between the run above and a second run on the rows shuffled (the second
run reuses the embeddings, for both methods), wall time (model load + embed + fit), and
peak RSS of the process (psutil, sampled every 50 ms, and ru_maxrss).

Stance: on the 20 % of nhs-fft-v6 held out from the stance classifier's training
(sha256(Comment ID) % 5 == 0), concern vs praise against the labellers' sentiment
(<= 2 praise, >= 4 concern; 1 is "very positive").  Reported: the classifier alone
(argmax of p_concern vs p_praise), the full ``classify_stance`` (suggestion / neutral
counted as abstentions, and coverage), and the word-list fallback.

Writes benchmarks/results/themes.json and prints a markdown table.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATASETS = ROOT.parent / "shared" / "datasets"
RESULTS = ROOT / "benchmarks" / "results"
CACHE = RESULTS / "cache"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


# --------------------------------------------------------------------------- data
def load_dataset(name: str, quick: bool) -> tuple[list[str], list[str], np.ndarray]:
    """texts, gold labels, single-label mask."""
    if name == "banking77":
        df = pd.read_csv(DATASETS / "banking77" / "test.csv")
        if quick:
            df = df.iloc[::3]
        return df["text"].astype(str).tolist(), df["category"].astype(str).tolist(), np.ones(len(df), bool)
    if name == "nhs-fft-v6":
        df = pd.read_csv(DATASETS / "nhs-fft-v6" / "v6framework_230831.csv")
        df = df[df["FFT answer"].fillna("").astype(str).str.strip() != ""]
        cats = list(df.columns[df.columns.get_loc("Not assigned"):])
        onehot = df[cats].fillna(0).to_numpy() > 0
        gold = [cats[int(np.argmax(r))] if r.any() else "(none)" for r in onehot]
        single = onehot.sum(axis=1) == 1
        texts = df["FFT answer"].astype(str).tolist()
        if quick:
            texts, gold, single = texts[:2000], gold[:2000], single[:2000]
        return texts, gold, np.asarray(single)
    raise SystemExit(f"unknown dataset {name}")


# --------------------------------------------------------------------------- worker
class PeakRSS:
    def __init__(self):
        import psutil

        self.proc, self.peak, self._stop = psutil.Process(), 0, False

    def __enter__(self):
        self.t = threading.Thread(target=self._run, daemon=True)
        self.t.start()
        return self

    def _run(self):
        while not self._stop:
            self.peak = max(self.peak, self.proc.memory_info().rss)
            time.sleep(0.05)

    def __exit__(self, *a):
        self._stop = True
        self.t.join()


def worker(method: str, dataset: str, quick: bool) -> dict:
    from pipeline.embed import embed_texts, load_model

    texts, gold, _ = load_dataset(dataset, quick)
    n = len(texts)
    perm = np.random.default_rng(7).permutation(n)
    with PeakRSS() as mem:
        t0, c0 = time.perf_counter(), time.process_time()
        if method.startswith("ours"):
            import pipeline.themes as themes_mod
            from pipeline.themes import discover_themes

            if method == "ours-fit30pct":  # what FIT_MAX does to a 100,000-point round (30,000 fitted)
                themes_mod.FIT_MAX = int(0.3 * n)
            emb = embed_texts(texts, "all-MiniLM-L6-v2@int8" if method == "ours-int8" else "all-MiniLM-L6-v2")
            pts = pd.DataFrame({"point_id": [f"p{i}" for i in range(n)], "response_id": [f"r{i}" for i in range(n)],
                                "text": texts})
            out, table = discover_themes(pts, emb)
            labels1 = out["theme_id"].to_numpy()
        else:
            from bertopic import BERTopic

            topics, _ = BERTopic(embedding_model=load_model()).fit_transform(texts)
            labels1 = np.asarray(topics)
            table = None
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = max(mem.peak, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
    # second run on shuffled rows, reusing the embeddings (ours: the very same array)
    if not method.startswith("ours"):
        emb = embed_texts(texts)
    st = [texts[i] for i in perm]
    if method.startswith("ours"):
        from pipeline.themes import discover_themes

        pts2 = pd.DataFrame({"point_id": [f"p{i}" for i in perm], "response_id": [f"r{i}" for i in perm], "text": st})
        out2, _ = discover_themes(pts2, emb[perm])
        lab2 = out2["theme_id"].to_numpy()
    else:
        from bertopic import BERTopic

        topics2, _ = BERTopic(embedding_model=load_model()).fit_transform(st, embeddings=emb[perm])
        lab2 = np.asarray(topics2)
    labels2 = np.empty(n, dtype=int)
    labels2[perm] = lab2
    res = {"labels": labels1.tolist(), "labels_shuffled": labels2.tolist(), "time_s": round(elapsed, 1), "cpu_s": round(cpu, 1),
           "peak_rss_mb": round(peak / 2**20)}
    if table is not None:
        res["examples"] = table[["theme_id", "label", "size"]].head(12).to_dict("records")
    return res


def run_worker(method: str, dataset: str, quick: bool) -> dict:
    cmd = [sys.executable, __file__, "--worker", method, dataset] + (["--quick"] if quick else [])
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if p.returncode != 0:
        raise SystemExit(f"worker {method} {dataset} failed:\n{p.stderr[-3000:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- stance check
def stance_check() -> dict:
    from sklearn.metrics import accuracy_score, f1_score

    from pipeline.embed import embed_texts
    from pipeline.stance import RESOURCE, classifier_probs, load_nhs_fft, stance_details

    df = load_nhs_fft(DATASETS)
    h = df[df["heldout"] & df["Comment sentiment"].notna()].copy()
    h = h[h["Comment sentiment"] != 3]
    gold = np.where(h["Comment sentiment"] <= 2, "praise", "concern")
    x = embed_texts(h["text"].tolist(), cache_dir=CACHE)
    p = classifier_probs(x)
    clf = np.where(p[:, 0] >= p[:, 2], "concern", "praise")
    full = stance_details(h["text"].tolist(), x)["stance"].to_numpy()
    cover = np.isin(full, ["concern", "praise"])
    # word-list fallback: the same function with the weights file absent
    wl = stance_details(h["text"].tolist(), x, weights_path=RESOURCE.with_name("missing.npz"))["stance"].to_numpy()
    wcover = np.isin(wl, ["concern", "praise"])

    def m(y, yhat):
        return {"accuracy": round(float(accuracy_score(y, yhat)), 3),
                "macro_f1": round(float(f1_score(y, yhat, average="macro")), 3), "n": int(len(y))}

    return {
        "data": "nhs-fft-v6 held-out 20% (sha256(Comment ID)%5==0), sentiment <=2 praise / >=4 concern",
        "classifier_concern_vs_praise": m(gold, clf),
        "classify_stance_on_covered": {**m(gold[cover], full[cover]), "coverage": round(float(cover.mean()), 3),
                                       "share_suggestion": round(float((full == "suggestion").mean()), 3),
                                       "share_neutral": round(float((full == "neutral").mean()), 3)},
        "wordlist_fallback_on_covered": {**m(gold[wcover], wl[wcover]), "coverage": round(float(wcover.mean()), 3)},
        "majority_baseline_accuracy": round(float(max((gold == "praise").mean(), (gold == "concern").mean())), 3),
    }


# --------------------------------------------------------------------------- main
def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--worker", nargs=2, metavar=("METHOD", "DATASET"))
    ap.add_argument("--datasets", default="banking77,nhs-fft-v6")
    ap.add_argument("--no-stance", action="store_true")
    ap.add_argument("--variants", action="store_true",
                    help="also run ours with int8 embeddings and ours fitted on 30%% of the points "
                         "(what large rounds use), to measure what each costs")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run each method N times, alternating, and report the median time (the machine is shared)")
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker[0], args.worker[1], args.quick), default=str))
        return
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    if not DATASETS.is_dir():
        raise SystemExit(f"{DATASETS} not found: the benchmark needs ../shared/datasets")
    RESULTS.mkdir(parents=True, exist_ok=True)
    results: dict = {"quick": args.quick, "datasets": {}}
    rows = []
    for ds in args.datasets.split(","):
        texts, gold, single = load_dataset(ds, args.quick)
        per = {}
        methods = ["bertopic", "ours"] + (["ours-int8", "ours-fit30pct"] if args.variants else [])
        runs: dict[str, list[dict]] = {m: [] for m in methods}
        for _ in range(max(1, args.repeat)):
            for method in methods:
                runs[method].append(run_worker(method, ds, args.quick))
        for method in methods:
            r = dict(runs[method][0])
            for k in ("time_s", "cpu_s", "peak_rss_mb"):
                vals = [x[k] for x in runs[method]]
                r[k] = float(np.median(vals))
                r[k + "_all"] = vals
            lab, lab2 = np.array(r["labels"]), np.array(r["labels_shuffled"])
            met = {
                "n": len(texts), "nmi": normalized_mutual_info_score(gold, lab), "ari": adjusted_rand_score(gold, lab),
                "nmi_single_label": normalized_mutual_info_score(np.array(gold)[single], lab[single]),
                "ari_single_label": adjusted_rand_score(np.array(gold)[single], lab[single]),
                "unassigned": float((lab == -1).mean()), "themes": int(len(set(lab.tolist()) - {-1})),
                "shuffle_ari": adjusted_rand_score(lab, lab2), "time_s": r["time_s"], "cpu_s": r["cpu_s"], "peak_rss_mb": r["peak_rss_mb"],
                "time_s_all_runs": r["time_s_all"], "repeats": len(runs[method]),
            }
            met = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in met.items()}
            if "examples" in r:
                met["example_labels"] = r["examples"]
            per[method] = met
            print(f"{ds} {method}: {json.dumps({k: v for k, v in met.items() if k != 'example_labels'})}", flush=True)
            if len(runs[method]) > 1:  # other runs must give the same themes for ours (and do not for BERTopic)
                met["nmi_all_runs"] = [round(normalized_mutual_info_score(gold, x["labels"]), 3) for x in runs[method]]
                met["ari_all_runs"] = [round(adjusted_rand_score(gold, x["labels"]), 3) for x in runs[method]]
                met["ari_between_repeats"] = [round(adjusted_rand_score(r["labels"], x["labels"]), 3) for x in runs[method][1:]]
        b, o = per["bertopic"], per["ours"]
        per["ratios_ours_over_bertopic"] = {k: round(o[k] / b[k], 3) if b[k] else None
                                            for k in ("nmi", "ari", "time_s", "cpu_s", "peak_rss_mb")}
        for v in methods[2:]:
            per[f"ratios_{v}_over_ours"] = {k: round(per[v][k] / o[k], 3) if o[k] else None
                                            for k in ("nmi", "ari", "time_s", "cpu_s")}
        results["datasets"][ds] = per
        names = {"bertopic": "BERTopic as shipped", "ours": "ours", "ours-int8": "ours, int8 embeddings",
                 "ours-fit30pct": "ours, fitted on 30% of points"}
        for m in methods:
            x = per[m]
            rows.append(f"| {ds} | {names[m]} | {x['n']} | {x['nmi']:.3f} | "
                        f"{x['ari']:.3f} | {x['nmi_single_label']:.3f} / {x['ari_single_label']:.3f} | "
                        f"{x['unassigned']:.1%} | {x['themes']} | {x['shuffle_ari']:.3f} | {x['time_s']:.0f} | {x['cpu_s']:.0f} | {x['peak_rss_mb']} |")
    if not args.no_stance:
        results["stance"] = stance_check()
    out = RESULTS / ("themes_quick.json" if args.quick else "themes.json")
    if out.is_file():  # a run on some of the datasets updates only those
        try:
            old = json.loads(out.read_text())
            old["datasets"].update(results["datasets"])
            results = {**old, **{k: v for k, v in results.items() if k != "datasets"}, "datasets": old["datasets"]}
        except (ValueError, KeyError):
            pass
    out.write_text(json.dumps(results, indent=1, default=str))
    print()
    print("| data | method | n | NMI | ARI | single-label NMI / ARI | unassigned | themes | shuffle ARI | wall s (median) | CPU s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    if "stance" in results:
        s = results["stance"]
        print()
        print("Stance vs nhs-fft-v6 sentiment (held-out 20 %):")
        print(f"- classifier concern vs praise: accuracy {s['classifier_concern_vs_praise']['accuracy']}, "
              f"macro-F1 {s['classifier_concern_vs_praise']['macro_f1']} (n={s['classifier_concern_vs_praise']['n']}; "
              f"majority baseline {s['majority_baseline_accuracy']})")
        c = s["classify_stance_on_covered"]
        print(f"- classify_stance where it says concern/praise: accuracy {c['accuracy']}, macro-F1 {c['macro_f1']}, "
              f"coverage {c['coverage']} (suggestion {c['share_suggestion']}, neutral {c['share_neutral']})")
        w = s["wordlist_fallback_on_covered"]
        print(f"- word-list fallback: accuracy {w['accuracy']}, macro-F1 {w['macro_f1']}, coverage {w['coverage']}")
    print(f"\nwritten {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
