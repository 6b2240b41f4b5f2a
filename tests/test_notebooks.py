"""The analysts' notebooks execute on the session's runs of both sample rounds and show
what the pipeline's outputs say (theme count, the priority's evidence, the comparison)."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = ROOT / "notebooks"
NAMES = ["01_explore_themes.ipynb", "02_priority_evidence.ipynb", "03_compare_rounds.ipynb"]
TIMEOUT = 300


def _kernel_available() -> bool:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec("python3")
        return True
    except NoSuchKernel:
        return False


def _execute(name: str, pipeline_root: Path):
    """Run a notebook top to bottom with PIPELINE_ROOT set; return it with its outputs."""
    if not _kernel_available():
        pytest.skip("no Jupyter kernel named python3: run `python -m ipykernel install --sys-prefix --name python3`")
    book = nbformat.read(str(NOTEBOOKS / name), as_version=4)
    saved = {k: os.environ.get(k) for k in ("PIPELINE_ROOT", "MPLBACKEND")}
    os.environ["PIPELINE_ROOT"] = str(pipeline_root)
    os.environ.pop("MPLBACKEND", None)  # the kernel's inline backend draws the charts
    try:
        client = nbclient.NotebookClient(book, timeout=TIMEOUT, kernel_name="python3",
                                         resources={"metadata": {"path": str(NOTEBOOKS)}})
        client.execute()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return book


def _text(book) -> str:
    """Everything the notebook displayed: printed text and the plain/HTML form of results."""
    parts = []
    for cell in book.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                parts.append(out.get("text", ""))
            elif out.get("output_type") in ("execute_result", "display_data"):
                data = out.get("data", {})
                parts.append(data.get("text/plain", ""))
                parts.append(data.get("text/html", ""))
            elif out.get("output_type") == "error":
                parts.append("\n".join(out.get("traceback", [])))
    return "\n".join(parts)


def _has_image(book) -> bool:
    return any("image/png" in out.get("data", {}) for cell in book.cells for out in cell.get("outputs", []))


@pytest.fixture(scope="module")
def runs(sample_run, sample_run_2, pipeline_root):
    return sample_run, sample_run_2, pipeline_root


def test_notebooks_are_committed_clean():
    """Committed without outputs, valid nbformat 4, a parameters cell first that reads
    PIPELINE_ROOT, and only the package's functions (no copied pipeline code)."""
    for name in NAMES:
        book = nbformat.read(str(NOTEBOOKS / name), as_version=4)
        nbformat.validate(book)
        assert book.nbformat == 4
        code = [c for c in book.cells if c.cell_type == "code"]
        assert code, name
        assert all(not c.outputs and c.execution_count is None for c in code), f"{name} has outputs"
        first = code[0].source
        assert 'os.environ.get("PIPELINE_ROOT", "..")' in first, name
        assert "ROUND" in first, name
        src = "\n".join(c.source for c in code)
        imports = re.findall(r"^\s*(?:from|import)\s+([\w.]+)", src, flags=re.M)
        allowed = {"os", "pathlib", "json", "time", "numpy", "pandas", "yaml", "duckdb", "matplotlib.pyplot", "pipeline"}
        bad = [m for m in imports if m not in allowed and not m.startswith("pipeline.")]
        assert not bad, f"{name} imports {bad}"
        assert "ingest" not in src and "read_table(" not in src.replace("store.read_table(", ""), \
            f"{name} reads raw sources (only the anonymised outputs may be read)"
        assert "open(" not in src and ".write_text(" not in src and "to_parquet" not in src, \
            f"{name} writes files"
        assert book.metadata["kernelspec"]["name"] == "python3"


def test_explore_themes_notebook(runs):
    sample_run, _, root = runs
    book = _execute("01_explore_themes.ipynb", root)
    text = _text(book)
    P = sample_run.paths.processed
    themes = pd.read_parquet(P / "themes_final.parquet")
    points = pd.read_parquet(P / "mapped.parquet")
    n_themes = int((themes["theme_id"] != -1).sum())
    assert f"THEMES: {n_themes} themes;" in text
    assert f"{len(points)} comment points" in text
    # the theme table and the largest theme's quotes are shown
    biggest = themes[themes["theme_id"] != -1].iloc[0]
    assert biggest["label"] in text
    first_quote = json.loads(biggest["quotes"])[0]
    assert first_quote["point_id"] in text
    # the saved run's theme count is the "as run" candidate; two refits with other settings
    as_run = pd.read_parquet(P / "themes.parquet")
    assert f"as run: {int((as_run['theme_id'] != -1).sum())} themes" in text
    m_bigger = re.search(r"bigger themes: (\d+) themes, Other comments ([\d.]+)%", text)
    m_merge = re.search(r"merge more: (\d+) themes, Other comments ([\d.]+)%", text)
    assert m_bigger and m_merge, "the candidate settings were not compared"
    # a bigger minimum size, or merging more, cannot give more themes than the run had
    assert int(m_bigger.group(1)) <= int((as_run["theme_id"] != -1).sum())
    assert int(m_merge.group(1)) <= int((as_run["theme_id"] != -1).sum())
    assert "merge_similarity: 0.6" in text  # the round.yaml block for the chosen settings


def test_priority_evidence_notebook(runs):
    sample_run, _, root = runs
    book = _execute("02_priority_evidence.ipynb", root)
    text = _text(book)
    P = sample_run.paths.processed
    cov = pd.read_parquet(P / "coverage.parquet").set_index("priority_id").loc["M2"]
    assert f"Priority M2 ({cov['tier']}): {cov['title']}" in text
    assert f"COMMENTS: {cov['n_points']} comment points list M2 (coverage says {cov['n_points']})" in text
    # the edit tried in memory removes exactly one point from M2 and says so
    assert "Unlinked 1 comment point(s) of R" in text
    assert f"M2: {cov['n_points']} -> {cov['n_points'] - 1} comment points" in text
    assert "rejected:" in text and "M99" in text
    assert "remove_priority:" in text
    # nothing was written into the round folder
    assert not (ROOT / "data" / "raw" / "sample" / "edits.yaml").exists() or \
        "remove_priority" not in (ROOT / "data" / "raw" / "sample" / "edits.yaml").read_text()


def test_compare_rounds_notebook(runs):
    sample_run, _, root = runs
    book = _execute("03_compare_rounds.ipynb", root)
    text = _text(book)
    from pipeline.compare import compare_rounds

    cmp = compare_rounds(sample_run.paths.store, "sample", "sample-jan-2025")
    expected = ", ".join(f"{k} {v}" for k, v in cmp.summary.items())
    assert f"SUMMARY sample -> sample-jan-2025: {expected}" in text
    p = cmp.priorities
    n_changed = int(((p["direction"] != "similar") | p["strength_changed"]).sum())
    assert f"PRIORITIES CHANGED: {n_changed} of {len(p)}" in text
    assert _has_image(book), "the priority chart was not drawn"
    assert "sample-jan-2025" in text
