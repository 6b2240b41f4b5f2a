"""Report benchmark: time, peak memory and file sizes to build and write the three reports,
and the workbook against the obvious peer (pandas ``DataFrame.to_excel``, as shipped) on
the same Comments table: speed, and how many cells a spreadsheet would run as formulas.

Data: real comments (nhs-fft-v6 + polis via benchmarks/corpus.py) at 1,000 and 10,000
points by default (pass sizes to change, e.g. ``bench_report.py 1000 100000``), with
synthetic themes, groups and priority links, and 0.5% of comments starting with a
formula character (=, +, -, @) as exported survey text often does.  Each configuration
runs in a fresh process so peak memory is its own.  Reports are written to a temporary
folder and deleted (the corpus contains real first names).

    .venv/bin/python benchmarks/bench_report.py
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
RESULTS = HERE / "results"
FRAMEWORK = ROOT / "data" / "frameworks" / "send-strategy-2025-28.yaml"


def make_tables(n: int, seed: int = 0):
    import numpy as np
    import pandas as pd

    from benchmarks.corpus import scaled_corpus
    from pipeline.config import load_framework

    rng = np.random.default_rng(seed)
    fw = load_framework(FRAMEWORK)
    corpus = scaled_corpus(n, seed=seed).reset_index(drop=True)
    text = corpus["text"].astype(str).tolist()
    for j, i in enumerate(sorted(rng.choice(n, size=max(4, n // 200), replace=False))):
        text[i] = ["=SUM(1+1) ", "+", "-", "@ "][j % 4] + text[i]
    n_themes = 30
    tid = rng.integers(-1, n_themes, size=n)
    pids = [p.id for p in fw.priorities]
    channels = rng.choice(["survey", "event", "workshop", "written"], size=n, p=[0.6, 0.2, 0.15, 0.05])
    resp = pd.DataFrame({
        "response_id": [f"R{i:010x}" for i in range(n)],
        "respondent_id": corpus["id"].astype(str),
        "source": [f"{c}.csv" for c in channels], "channel": channels,
        "event": np.where(channels == "event", "Working Together event", ""),
        "date": [f"2024-10-{14 + i % 3}" for i in range(n)],
        "group": corpus["group"],
        "question": "", "text": text, "row_ref": [f"row {i}" for i in range(n)], "language": "en",
        "duplicate_count": 1, "duplicate_group": "",
    })
    prio = []
    for t in tid:
        if t < 0 or t % 5 == 4:
            prio.append("")
        else:
            prio.append(";".join(pids[(int(t) * 3 + k) % len(pids)] for k in range(int(t) % 3 + 1)))
    pts = resp.assign(point_id=resp["response_id"] + "-0", theme_id=tid,
                      theme_label=[f"Theme {t}" for t in tid], theme_score=0.7,
                      stance=rng.choice(["concern", "praise", "suggestion", "neutral"], size=n),
                      priority_ids=prio, priority_scores="", top_priority=[p.split(";")[0] for p in prio])
    trows = []
    for t, sub in pts.groupby("theme_id"):
        q = [dict(response_id=r, point_id=p, text=x) for r, p, x in
             zip(sub.response_id[:5], sub.point_id[:5], sub.text[:5])]
        trows.append(dict(theme_id=t, label="Other comments" if t == -1 else f"Theme {t} about services",
                          description=f"Comments grouped as theme {t}.", size=len(sub),
                          n_responses=len(sub), n_respondents=sub.respondent_id.nunique(), keywords="",
                          quotes=json.dumps(q), n_concern=int((sub.stance == "concern").sum()),
                          n_praise=int((sub.stance == "praise").sum()),
                          n_suggestion=int((sub.stance == "suggestion").sum()),
                          n_neutral=int((sub.stance == "neutral").sum())))
    themes = pd.DataFrame(trows)
    ex = pts.assign(pid=pts.priority_ids.str.split(";")).explode("pid")
    ex = ex[ex.pid.fillna("") != ""]
    crow, lrow = [], []
    for p in fw.priorities:
        sub = ex[ex.pid == p.id]
        k = sub.respondent_id.nunique()
        crow.append(dict(priority_id=p.id, tier=p.tier, title=p.title, n_points=len(sub), n_responses=len(sub),
                         n_respondents=k, strength="none" if k == 0 else "weak" if k < 5 else "strong",
                         theme_ids=";".join(map(str, sorted(sub.theme_id.unique()))),
                         quotes=json.dumps([dict(response_id=r, point_id=q, text=x) for r, q, x in
                                            zip(sub.response_id[:4], sub.point_id[:4], sub.text[:4])]),
                         flag_low_evidence=k < 5))
        for t, s2 in sub.groupby("theme_id"):
            lrow.append(dict(theme_id=t, priority_id=p.id, n_points=len(s2), share=0.3, mean_score=0.6))
    un = pts[(pts.priority_ids == "") & (pts.theme_id >= 0)]
    erow = [dict(theme_id=t, label=f"Theme {t} about services", n_points=len(s), n_respondents=s.respondent_id.nunique(),
                 share_unmapped=len(s) / max(len(un), 1), quotes=json.dumps([]))
            for t, s in un.groupby("theme_id")]
    return dict(framework=fw, points=pts, responses=resp, themes=themes, coverage=pd.DataFrame(crow),
                theme_priorities=pd.DataFrame(lrow), emerging=pd.DataFrame(erow))


def _formula_cells(path: Path) -> int:
    with zipfile.ZipFile(path) as z:
        return sum(z.read(n).decode("utf-8").count("<f>") for n in z.namelist() if n.startswith("xl/worksheets/"))


def one(n: int, screen: bool) -> dict:
    """Run in a fresh process: build and write the reports once."""
    import pandas as pd

    import pipeline.anonymise  # noqa: F401  (import cost is not the report's)
    from pipeline.report import ReportInputs, build_report
    from pipeline.report.render_docx import write_docx
    from pipeline.report.render_html import write_html
    from pipeline.report.render_xlsx import write_xlsx

    t = make_tables(n)
    inp = ReportInputs(**t, screen_all_comments=screen)
    out: dict = {"points": n, "screen_all_comments": screen}
    t0 = time.perf_counter()
    content = build_report(inp)
    out["build_s"] = round(time.perf_counter() - t0, 2)
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        for name, fn, fname in (("html", write_html, "report.html"), ("docx", write_docx, "report.docx"),
                                ("xlsx", write_xlsx, "evidence.xlsx")):
            t0 = time.perf_counter()
            fn(content, d / fname)
            out[f"{name}_s"] = round(time.perf_counter() - t0, 2)
            out[f"{name}_kb"] = round((d / fname).stat().st_size / 1024)
        out["xlsx_formula_cells"] = _formula_cells(d / "evidence.xlsx")
        # Peer: the Comments table as pandas writes it (openpyxl engine, as shipped).
        comments = next(s for s in content.sheets if s.key == "Comments")
        df = pd.DataFrame(comments.rows, columns=comments.columns)
        t0 = time.perf_counter()
        df.to_excel(d / "peer.xlsx", index=False, engine="openpyxl")
        out["peer_to_excel_s"] = round(time.perf_counter() - t0, 2)
        out["peer_formula_cells"] = _formula_cells(d / "peer.xlsx")
    out["hostile_cells"] = sum(1 for r in comments.rows if str(r[-1])[:1] in "=+-@")
    out["quotes_withheld"] = content.withheld_quotes
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        print(json.dumps(one(int(sys.argv[2]), sys.argv[3] == "1")))
        return 0
    from benchmarks.corpus import have_datasets
    if not have_datasets():
        print("skipped: ../shared/datasets (nhs-fft-v6, polis) not present")
        return 0
    sizes = [int(x) for x in sys.argv[1:]] or [1000, 10000]
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", PYTHONPATH=str(ROOT))
    rows = []
    for n in sizes:
        for screen in (True, False):
            res = subprocess.run([sys.executable, __file__, "--one", str(n), "1" if screen else "0"],
                                 capture_output=True, text=True, env=env)
            if res.returncode:
                print(res.stderr[-2000:], file=sys.stderr)
                return 1
            rows.append(json.loads(res.stdout.strip().splitlines()[-1]))
    cols = ["points", "screen_all_comments", "build_s", "html_s", "docx_s", "xlsx_s", "peer_to_excel_s",
            "html_kb", "docx_kb", "xlsx_kb", "peak_rss_mb", "hostile_cells", "xlsx_formula_cells",
            "peer_formula_cells"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(str(r[c]) for c in cols) + " |")
    for r in rows:
        if r["peer_to_excel_s"]:
            r["xlsx_time_ratio_vs_peer"] = round(r["xlsx_s"] / r["peer_to_excel_s"], 2)
    print("\nxlsx time / pandas.to_excel time (Comments sheet only for the peer; all sheets for ours): "
          + ", ".join(f"{r['points']:,}: {r.get('xlsx_time_ratio_vs_peer')}" for r in rows if r["screen_all_comments"]))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "report.json").write_text(json.dumps(rows, indent=1))
    print(f"\nwritten {RESULTS / 'report.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
