"""Shared test fixtures: paths, and one pipeline run of the sample round per session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATASETS = SHARED / "datasets"
SAMPLE_ROUND = ROOT / "data" / "raw" / "sample"
FRAMEWORK = ROOT / "data" / "frameworks" / "send-strategy-2025-28.yaml"


def need_dataset(name: str) -> Path:
    """The path of a shared dataset, or skip the test with a clear reason."""
    path = DATASETS / name
    if not path.exists():
        pytest.skip(f"../shared/datasets/{name} is not present on this machine")
    return path


SAMPLE_ROUND_2 = ROOT / "data" / "raw" / "sample-jan-2025"


@pytest.fixture(scope="session")
def pipeline_root(tmp_path_factory):
    """An output root for the session's pipeline runs (keeps the repo's outputs untouched)."""
    return tmp_path_factory.mktemp("pipeline-root")


@pytest.fixture(scope="session")
def sample_run(pipeline_root):
    """The whole pipeline, run once per session on the bundled sample round."""
    if not (SAMPLE_ROUND / "round.yaml").is_file():
        pytest.skip("the sample round data/raw/sample is not there")
    from pipeline.run import run_round

    return run_round(SAMPLE_ROUND, root=pipeline_root, quiet=True)


@pytest.fixture(scope="session")
def sample_run_2(sample_run, pipeline_root):
    """The second sample round, run after the first so it can compare with it."""
    if not (SAMPLE_ROUND_2 / "round.yaml").is_file():
        pytest.skip("the second sample round data/raw/sample-jan-2025 is not there")
    from pipeline.run import run_round

    return run_round(SAMPLE_ROUND_2, root=pipeline_root, quiet=True)


def output_texts(paths) -> dict[str, str]:
    """Every generated file under ``paths`` as searchable text (tables, documents, bytes)."""
    import json as _json

    import pandas as pd

    out: dict[str, str] = {}
    files = []
    for p in paths:
        p = Path(p)
        files += [p] if p.is_file() else [f for f in p.rglob("*") if f.is_file()]
    for f in files:
        ext = f.suffix.lower()
        if ext == ".parquet":
            df = pd.read_parquet(f)
            out[str(f)] = df.astype(str).to_csv(index=False)
        elif ext == ".docx":
            import docx

            d = docx.Document(str(f))
            parts = [para.text for para in d.paragraphs]
            for t in d.tables:
                parts += [c.text for row in t.rows for c in row.cells]
            out[str(f)] = "\n".join(parts)
        elif ext == ".xlsx":
            import openpyxl

            wb = openpyxl.load_workbook(f, read_only=True)
            out[str(f)] = "\n".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                                    for v in row if v is not None)
        elif ext == ".duckdb":
            import duckdb

            con = duckdb.connect(str(f), read_only=True)
            parts = []
            for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall():
                parts.append(con.execute(f'SELECT * FROM "{t}"').df().astype(str).to_csv(index=False))
            con.close()
            out[str(f)] = "\n".join(parts)
        else:
            raw = f.read_bytes()
            text = raw.decode("utf-8", errors="ignore")
            if ext in (".html", ".htm"):
                import html as _html

                text = text + "\n" + _html.unescape(text)
            out[str(f)] = text
    return out
