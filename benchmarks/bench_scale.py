"""Whole-run time and peak memory at 1,000 / 10,000 / 100,000 comments, against the peers.

Each measurement runs in its own process so peak memory (max RSS) is that run's alone.
Ours: ``pipeline.run.run_round`` on a round folder holding the comments (ingest,
anonymise, embed, themes, map, evidence store, reports), cold caches, then the same run
again with unchanged inputs.  Peer: Presidio as shipped on every comment, then BERTopic as
shipped on the anonymised text (see peers.py).  The peer is run up to ``--peer-max``
comments (beyond that it takes hours on two cores; the table says so).

    .venv/bin/python benchmarks/bench_scale.py                # 1k, real 7.9k (nhs-fft), 10k, 100k
    .venv/bin/python benchmarks/bench_scale.py --sizes 1000   # quick
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
FRAMEWORK = ROOT / "data" / "frameworks" / "send-strategy-2025-28.yaml"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))


def _texts(size: str):
    import corpus

    if size == "fft":
        texts = corpus.fft_comments()
        import pandas as pd
        return pd.DataFrame({"id": [f"F{i:05d}" for i in range(len(texts))],
                             "group": [corpus.GROUPS[i % 3] for i in range(len(texts))], "text": texts})
    return corpus.scaled_corpus(int(size))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_ours(size: str) -> dict:
    import corpus
    from pipeline.run import run_round

    df = _texts(size)
    tmp = Path(tempfile.mkdtemp(prefix="bench-ours-"))
    rd = corpus.write_round(df, tmp / "raw" / "bench", FRAMEWORK)
    t0 = time.perf_counter()
    first = run_round(rd, root=tmp, quiet=True)
    t1 = time.perf_counter()
    second = run_round(rd, root=tmp, quiet=True)
    t2 = time.perf_counter()
    return {"n": len(df), "total_s": round(t1 - t0, 1), "rerun_s": round(t2 - t1, 2),
            "stages_s": first.timings, "rerun_stages": second.stages, "peak_mb": round(_peak_mb())}


def worker_peer(size: str) -> dict:
    import peers

    df = _texts(size)
    texts = df["text"].tolist()
    t0 = time.perf_counter()
    anon = peers.presidio_anonymise(texts)
    t1 = time.perf_counter()
    peers.bertopic_as_shipped(anon)
    t2 = time.perf_counter()
    return {"n": len(df), "total_s": round(t2 - t0, 1), "presidio_s": round(t1 - t0, 1),
            "bertopic_s": round(t2 - t1, 1), "peak_mb": round(_peak_mb())}


def _spawn(kind: str, size: str) -> dict:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    proc = subprocess.run([sys.executable, __file__, "--worker", kind, size], capture_output=True,
                          text=True, env=env)
    if proc.returncode != 0:
        tail = (proc.stderr or "").strip().splitlines()[-1:] or ["?"]
        return {"error": tail[0][:300]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,fft,10000,100000")
    ap.add_argument("--peer-max", type=int, default=10000)
    ap.add_argument("--worker", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        kind, size = args.worker
        res = worker_ours(size) if kind == "ours" else worker_peer(size)
        print(json.dumps(res))
        return
    import corpus

    if not corpus.have_datasets():
        print("skipped: ../shared/datasets (nhs-fft-v6, polis) not present")
        return
    rows = []
    for size in args.sizes.split(","):
        ours = _spawn("ours", size)
        n = ours.get("n", size)
        peer = _spawn("peer", size) if (size == "fft" or int(size) <= args.peer_max) else {"skipped": True}
        rows.append({"size": size, "n": n, "ours": ours, "peer": peer})
        print(json.dumps(rows[-1]), flush=True)
    RESULTS.mkdir(exist_ok=True)
    meta = {"date": date.today().isoformat(), "machine": f"{os.cpu_count()} cores, {platform.machine()}, "
            f"{round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GiB"}
    (RESULTS / "scale.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=1))
    print(f"\nScale benchmark, {meta['date']}, {meta['machine']}\n")
    print("| comments | ours: whole run | ours: re-run unchanged | ours: peak RSS | Presidio+BERTopic as shipped | peer peak RSS | ours / peer time |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        o, p = r["ours"], r["peer"]
        ot = o.get("total_s")
        pt = p.get("total_s")
        ratio = f"{ot / pt:.2f}" if ot and pt else "–"
        label = f"{r['n']:,} (nhs-fft-v6, real)" if r["size"] == "fft" else f"{r['n']:,}"
        print(f"| {label} | {ot if ot is not None else o.get('error', '–')} s | {o.get('rerun_s', '–')} s | "
              f"{o.get('peak_mb', '–')} MB | {str(pt) + ' s' if pt else ('not run' if p.get('skipped') else p.get('error', '–'))} | "
              f"{str(p.get('peak_mb')) + ' MB' if p.get('peak_mb') else '–'} | {ratio} |")


if __name__ == "__main__":
    main()
