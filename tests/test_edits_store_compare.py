"""Analyst edits, the DuckDB evidence store and round comparison, on small real tables."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from pipeline import store
from pipeline.compare import compare_tables, match_themes, theme_centroids
from pipeline.config import load_framework
from pipeline.edits import apply_mapping_edits, apply_theme_edits, load_edits
from pipeline.errors import ConfigError
from tests.conftest import FRAMEWORK


def _points():
    return pd.DataFrame({
        "point_id": [f"R{i}-0" for i in range(8)],
        "response_id": [f"R{i}" for i in range(8)],
        "respondent_id": ["a", "b", "c", "d", "e", "f", "g", "h"],
        "text": ["t"] * 8,
        "theme_id": [0, 0, 0, 1, 1, 2, 2, -1],
        "theme_label": ["EHCP delays"] * 3 + ["School transport"] * 2 + ["Bus passes"] * 2 + ["Other comments"],
        "stance": ["concern", "concern", "praise", "concern", "suggestion", "concern", "neutral", "neutral"],
        "priority_ids": ["M2;S4", "M2", "", "C7", "C7", "C7", "", ""],
        "priority_scores": ["0.8;0.5", "0.7", "", "0.9", "0.6", "0.5", "", ""],
        "top_priority": ["M2", "M2", "", "C7", "C7", "C7", "", ""],
    })


def _themes():
    return pd.DataFrame({
        "theme_id": [0, 1, 2, -1], "label": ["EHCP delays", "School transport", "Bus passes", "Other comments"],
        "description": ["d"] * 4, "size": [3, 2, 2, 1], "n_responses": [3, 2, 2, 1], "n_respondents": [3, 2, 2, 1],
        "keywords": ["k"] * 4, "quotes": [json.dumps([{"response_id": "R0", "point_id": "R0-0", "text": "q"}])] * 4,
        "n_concern": [2, 1, 1, 0], "n_praise": [1, 0, 0, 0], "n_suggestion": [0, 1, 0, 0], "n_neutral": [0, 0, 1, 1],
    })


def _write(tmp_path, text):
    (tmp_path / "edits.yaml").write_text(text)
    return load_edits(tmp_path)


def test_edits_rename_merge_move_and_priority_links(tmp_path):
    edits = _write(tmp_path, """
merge_themes:
  - themes: ["School transport", 2]
    label: Home to school transport
move_comment:
  - response: R7
    theme: EHCP delays
rename_theme:
  - theme: 0
    label: Waiting for EHCP assessments
add_priority:
  - point: R2-0
    priority: M5
remove_priority:
  - response: R0
    priority: S4
""")
    pts, themes, log = apply_theme_edits(_points(), _themes(), edits)
    assert set(themes["label"]) == {"Waiting for EHCP assessments", "Home to school transport"}
    assert themes.set_index("label").loc["Home to school transport", "size"] == 4
    assert themes.set_index("label").loc["Waiting for EHCP assessments", "size"] == 4
    assert pts.loc[pts.response_id == "R7", "theme_label"].item() == "Waiting for EHCP assessments"
    assert len(log) == 3 and "Merged" in log[0] and "Renamed" in log[2]
    fw = load_framework(FRAMEWORK)
    pts, log2 = apply_mapping_edits(pts, edits, fw)
    assert pts.loc[pts.point_id == "R2-0", "priority_ids"].item() == "M5"
    assert pts.loc[pts.point_id == "R2-0", "top_priority"].item() == "M5"
    assert pts.loc[pts.point_id == "R0-0", "priority_ids"].item() == "M2"
    assert len(log2) == 2


@pytest.mark.parametrize("text, needle", [
    ("rename_theme:\n  - theme: 99\n    label: X theme\n", "no theme with id 99"),
    ("rename_theme:\n  - theme: Nonexistent\n    label: X theme\n", "no theme labelled"),
    ("move_comment:\n  - response: R404\n    theme: 0\n", "no response 'R404'"),
    ("add_priority:\n  - response: R1\n    priority: Z9\n", "no priority 'Z9'"),
])
def test_bad_edits_are_clear_errors(tmp_path, text, needle):
    edits = _write(tmp_path, text)
    with pytest.raises(ConfigError) as exc:
        pts, themes, _ = apply_theme_edits(_points(), _themes(), edits)
        apply_mapping_edits(pts, edits, load_framework(FRAMEWORK))
    assert needle in str(exc.value) and "\n" not in str(exc.value)


@pytest.mark.parametrize("text", ["rename_theme: [unclosed\n", "move_comment:\n  - theme: 1\n",
                                  "retitle:\n  - theme: 1\n"])
def test_malformed_edits_file(tmp_path, text):
    with pytest.raises(ConfigError, match="edits.yaml"):
        _write(tmp_path, text)


def test_store_replaces_a_rounds_rows_never_duplicates(tmp_path):
    db = tmp_path / "ev.duckdb"
    pts = _points()
    for _ in range(2):
        store.save_round(db, "r1", {"points": pts, "themes": _themes(), "rounds": pd.DataFrame([{"title": "R1"}])})
    store.save_round(db, "r2", {"points": pts.head(3)})
    assert len(store.read_table(db, "points", "r1")) == 8
    assert len(store.read_table(db, "points")) == 11
    assert store.rounds(db) == ["r1"]  # only r1 saved a rounds row
    import duckdb
    con = duckdb.connect(str(db))
    n = con.execute("SELECT count(*) FROM points WHERE round='r1' AND priority_ids LIKE '%C7%'").fetchone()[0]
    assert n == 3


def test_theme_matching_by_centroid():
    rng = np.random.default_rng(0)
    base = rng.normal(size=(4, 16)).astype(np.float32)
    ta = pd.DataFrame({"theme_id": [0, 1, 2, -1], "label": ["A0", "A1", "A2", "Other comments"],
                       "size": [50, 30, 10, 5], "centroid": [base[0], base[1], base[2], base[3]]})
    tb = pd.DataFrame({"theme_id": [0, 1, 2], "label": ["B-a1", "B-a0", "B-new"],
                       "size": [10, 50, 40],
                       "centroid": [base[1] + 0.05, base[0] + 0.05, rng.normal(size=16)]})
    m = match_themes(ta, tb)
    matched = m[m.status == "matched"].set_index("label_a")
    assert matched.loc["A0", "label_b"] == "B-a0" and matched.loc["A1", "label_b"] == "B-a1"
    assert matched.loc["A1", "change"] == "shrank"
    assert set(m[m.status == "new"]["label_b"]) == {"B-new"}
    assert set(m[m.status == "gone"]["label_a"]) == {"A2"}


def test_compare_tables_flags_emerging_issue_now_covered():
    v = np.eye(3, dtype=np.float32)
    ta = pd.DataFrame({"theme_id": [0, 1], "label": ["EHCP", "Dentists"], "size": [10, 10], "centroid": [v[0], v[1]]})
    tb = pd.DataFrame({"theme_id": [5, 6], "label": ["EHCP waits", "Dental care"], "size": [10, 10], "centroid": [v[0], v[1]]})
    cov = pd.DataFrame({"priority_id": ["M2"], "tier": ["must"], "title": ["t"], "n_points": [3],
                        "n_respondents": [3], "strength": ["weak"]})
    cov_b = cov.assign(n_respondents=9, n_points=9, strength="moderate")
    em_a = pd.DataFrame({"theme_id": [1], "label": ["Dentists"]})
    em_b = pd.DataFrame({"theme_id": pd.Series([], dtype=int), "label": pd.Series([], dtype=str)})
    links_b = pd.DataFrame({"theme_id": [6], "priority_id": ["M6"], "n_points": [7]})
    c = compare_tables("a", "b", ta, tb, cov, cov_b, em_a, em_b, links_b)
    assert c.emerging_resolved.to_dict("records") == [{"label_a": "Dentists", "label_b": "Dental care", "priority_id": "M6"}]
    assert c.priorities.loc[0, "change_respondents"] == 6 and c.summary["matched"] == 2


def test_theme_centroids_are_unit_means():
    pts = pd.DataFrame({"theme_id": [0, 0, 1]})
    emb = np.array([[1, 0], [0, 1], [3, 4]], dtype=np.float32)
    c = theme_centroids(pts, emb)
    assert np.allclose(c[0], [2 ** -0.5, 2 ** -0.5]) and np.allclose(c[1], [0.6, 0.8])
