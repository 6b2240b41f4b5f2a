"""Benchmark corpora built from real public consultation and feedback text.

``real_comments()`` is the pool: NHS Friends and Family Test answers (nhs-fft-v6, MIT,
NHS England) and Polis consultation comments (CC BY 4.0, The Computational Democracy
Project), read from ../shared/datasets.  ``scaled_corpus(n)`` reaches any size by adding,
beyond the pool, variants that join a comment to a sentence of another one, so no two rows
are identical (duplicates would flatter both embedding and clustering times).
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

DATASETS = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"
GROUPS = ["Parent carer", "Young person", "Professional"]
_SENT = re.compile(r"(?<=[.!?])\s+")


def have_datasets() -> bool:
    return (DATASETS / "nhs-fft-v6").is_dir() and (DATASETS / "polis").is_dir()


def fft_comments() -> list[str]:
    df = pd.read_csv(DATASETS / "nhs-fft-v6" / "v6framework_230831.csv")
    return [t for t in df["FFT answer"].dropna().astype(str) if t.strip()]


def polis_comments() -> list[str]:
    out: list[str] = []
    for f in sorted((DATASETS / "polis").glob("*/comments.csv")):
        df = pd.read_csv(f)
        out += [t for t in df["comment-body"].dropna().astype(str) if t.strip()]
    return out


def real_comments() -> list[str]:
    seen: set[str] = set()
    pool = []
    for t in fft_comments() + polis_comments():
        if t not in seen:
            seen.add(t)
            pool.append(t)
    return pool


def scaled_corpus(n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` distinct comments with a respondent id and group, deterministic."""
    pool = real_comments()
    rng = np.random.default_rng(seed)
    texts = list(pool[:n])
    seen = set(texts)
    while len(texts) < n:
        a, b = rng.integers(0, len(pool), size=2)
        parts = _SENT.split(pool[b])
        t = f"{pool[a]} {parts[int(rng.integers(0, len(parts)))]}"
        if t not in seen:
            seen.add(t)
            texts.append(t)
    order = rng.permutation(len(texts))
    texts = [texts[i] for i in order]
    return pd.DataFrame({
        "id": [f"B{i:06d}" for i in range(n)],
        "group": [GROUPS[i % 3] for i in range(n)],
        "text": texts,
    })


def write_round(df: pd.DataFrame, round_dir: Path, framework: Path, name: str = "bench") -> Path:
    """A round folder with one survey source holding ``df``."""
    round_dir.mkdir(parents=True, exist_ok=True)
    df.to_csv(round_dir / "comments.csv", index=False)
    (round_dir / "round.yaml").write_text(
        f"name: {name}\nframework: {framework}\nsources:\n"
        "  - file: comments.csv\n    channel: survey\n    text_columns: [text]\n"
        "    respondent_id_column: id\n    group_column: group\n")
    return round_dir
