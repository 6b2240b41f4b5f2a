"""What changed between two consultation rounds.

Themes are matched across rounds by the cosine similarity of their centroid embeddings
(an optimal one-to-one assignment, kept only above a similarity floor), so a theme that
is worded differently in January but is about the same thing still matches.  Sizes are
compared as shares of each round's comment points, since rounds differ in size.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import store
from .errors import PipelineError
from .schema import OTHER_THEME_ID

MATCH_FLOOR = 0.55   # on centred cosine similarity (see match_themes)
CENTRE_MIN_THEMES = 5
CHANGE_RATIO = 1.5   # share grew/shrank by this factor ...
CHANGE_MIN = 0.01    # ... and by at least this many points of share


@dataclass
class Comparison:
    round_a: str
    round_b: str
    themes: pd.DataFrame            # one row per theme of either round, with its status
    priorities: pd.DataFrame        # coverage of each priority in both rounds
    emerging_resolved: pd.DataFrame  # emerging issues of A now covered by a priority in B
    summary: dict = field(default_factory=dict)


def theme_centroids(points: pd.DataFrame, embeddings: np.ndarray) -> dict[int, np.ndarray]:
    """Unit-length mean embedding of each theme's points."""
    out: dict[int, np.ndarray] = {}
    ids = points["theme_id"].to_numpy()
    for tid in np.unique(ids):
        v = embeddings[ids == tid].mean(axis=0)
        n = np.linalg.norm(v)
        out[int(tid)] = (v / n if n else v).astype(np.float32)
    return out


def match_themes(themes_a: pd.DataFrame, themes_b: pd.DataFrame, *,
                 floor: float = MATCH_FLOOR) -> pd.DataFrame:
    """Match themes (with ``centroid``, ``size``) of two rounds; status for every theme.

    status: ``matched`` (with grew/shrank/steady in ``change``), ``new`` (only in B) or
    ``gone`` (only in A).  The "Other comments" theme is never matched.
    """
    from scipy.optimize import linear_sum_assignment

    a = themes_a[themes_a["theme_id"] != OTHER_THEME_ID].reset_index(drop=True)
    b = themes_b[themes_b["theme_id"] != OTHER_THEME_ID].reset_index(drop=True)
    tot_a = max(int(themes_a["size"].sum()), 1)
    tot_b = max(int(themes_b["size"].sum()), 1)
    rows: list[dict] = []
    pairs: list[tuple[int, int, float]] = []
    if len(a) and len(b):
        A = np.vstack([np.asarray(c, dtype=np.float32) for c in a["centroid"]])
        B = np.vstack([np.asarray(c, dtype=np.float32) for c in b["centroid"]])
        if len(A) >= CENTRE_MIN_THEMES and len(B) >= CENTRE_MIN_THEMES:
            # All themes of a consultation share its subject (SEND), which makes every pair of
            # centroids look alike; removing the common direction leaves what tells them apart.
            mean = np.vstack([A, B]).mean(axis=0)
            A, B = A - mean, B - mean
        A /= np.linalg.norm(A, axis=1, keepdims=True) + 1e-12
        B /= np.linalg.norm(B, axis=1, keepdims=True) + 1e-12
        sim = A @ B.T
        ia, ib = linear_sum_assignment(-sim)
        pairs = [(i, j, float(sim[i, j])) for i, j in zip(ia, ib) if sim[i, j] >= floor]
    used_a = {i for i, _, _ in pairs}
    used_b = {j for _, j, _ in pairs}
    for i, j, s in pairs:
        ra, rb = a.iloc[i], b.iloc[j]
        share_a, share_b = ra["size"] / tot_a, rb["size"] / tot_b
        if share_b >= share_a * CHANGE_RATIO and share_b - share_a >= CHANGE_MIN:
            change = "grew"
        elif share_a >= share_b * CHANGE_RATIO and share_a - share_b >= CHANGE_MIN:
            change = "shrank"
        else:
            change = "steady"
        rows.append(dict(status="matched", change=change, similarity=round(s, 3),
                         theme_id_a=int(ra["theme_id"]), label_a=ra["label"], size_a=int(ra["size"]),
                         share_a=round(share_a, 4), theme_id_b=int(rb["theme_id"]), label_b=rb["label"],
                         size_b=int(rb["size"]), share_b=round(share_b, 4)))
    for j in range(len(b)):
        if j not in used_b:
            rb = b.iloc[j]
            rows.append(dict(status="new", change="new", similarity=None, theme_id_a=None, label_a="",
                             size_a=0, share_a=0.0, theme_id_b=int(rb["theme_id"]), label_b=rb["label"],
                             size_b=int(rb["size"]), share_b=round(rb["size"] / tot_b, 4)))
    for i in range(len(a)):
        if i not in used_a:
            ra = a.iloc[i]
            rows.append(dict(status="gone", change="gone", similarity=None, theme_id_a=int(ra["theme_id"]),
                             label_a=ra["label"], size_a=int(ra["size"]), share_a=round(ra["size"] / tot_a, 4),
                             theme_id_b=None, label_b="", size_b=0, share_b=0.0))
    out = pd.DataFrame(rows, columns=["status", "change", "similarity", "theme_id_a", "label_a", "size_a",
                                      "share_a", "theme_id_b", "label_b", "size_b", "share_b"])
    order = {"matched": 0, "new": 1, "gone": 2}
    out["_o"] = out["status"].map(order)
    return out.sort_values(["_o", "size_b", "size_a"], ascending=[True, False, False]).drop(columns="_o").reset_index(drop=True)


def compare_priorities(cov_a: pd.DataFrame, cov_b: pd.DataFrame, respondents_a: int | None = None,
                       respondents_b: int | None = None) -> pd.DataFrame:
    """Evidence for each priority in both rounds: respondents, comment points and, since
    rounds differ in size, the share of each round's respondents who raised it."""
    cols = ["priority_id", "tier", "title", "n_points", "n_respondents", "strength"]
    a = cov_a[cols].rename(columns={"n_points": "n_points_a", "n_respondents": "n_respondents_a",
                                     "strength": "strength_a"})
    b = cov_b[cols].rename(columns={"n_points": "n_points_b", "n_respondents": "n_respondents_b",
                                     "strength": "strength_b"})
    m = b.merge(a[["priority_id", "n_points_a", "n_respondents_a", "strength_a"]], on="priority_id", how="left")
    only_a = a[~a["priority_id"].isin(b["priority_id"])]
    if len(only_a):  # a priority dropped from the framework since round A
        m = pd.concat([m, only_a], ignore_index=True)
    for col in ("tier", "title"):
        fallback = m["priority_id"].map(cov_a.set_index("priority_id")[col])
        m[col] = m[col].where(m[col].notna(), fallback)
    for c in ("n_points_a", "n_points_b", "n_respondents_a", "n_respondents_b"):
        m[c] = m[c].fillna(0).astype(int)
    m["change_respondents"] = m["n_respondents_b"] - m["n_respondents_a"]
    ra = respondents_a or max(int(cov_a["n_respondents"].max() or 1), 1)
    rb = respondents_b or max(int(cov_b["n_respondents"].max() or 1), 1)
    m["share_a"] = (m["n_respondents_a"] / ra).round(4)
    m["share_b"] = (m["n_respondents_b"] / rb).round(4)
    m["change_share"] = (m["share_b"] - m["share_a"]).round(4)
    m["direction"] = np.select(
        [(m["share_b"] >= m["share_a"] * CHANGE_RATIO) & (m["change_share"] >= CHANGE_MIN),
         (m["share_a"] >= m["share_b"] * CHANGE_RATIO) & (-m["change_share"] >= CHANGE_MIN)],
        ["more", "less"], "similar")
    m["strength_changed"] = m["strength_a"].fillna("none") != m["strength_b"].fillna("none")
    return m


def compare_tables(round_a: str, round_b: str, themes_a, themes_b, cov_a, cov_b,
                   emerging_a, emerging_b, links_b: pd.DataFrame | None = None,
                   respondents_a: int | None = None, respondents_b: int | None = None) -> Comparison:
    """Compare two rounds given their tables (themes need a ``centroid`` column)."""
    themes = match_themes(themes_a, themes_b)
    prios = compare_priorities(cov_a, cov_b, respondents_a, respondents_b)
    resolved = []
    still_emerging = set(emerging_b["theme_id"].astype(int)) if len(emerging_b) else set()
    for tid in (emerging_a["theme_id"].astype(int) if len(emerging_a) else []):
        hit = themes[(themes["status"] == "matched") & (themes["theme_id_a"] == tid)]
        if hit.empty:
            continue
        tb = int(hit["theme_id_b"].iloc[0])
        if tb in still_emerging:
            continue
        prio = ""
        if links_b is not None and len(links_b):
            lb = links_b[links_b["theme_id"] == tb].sort_values("n_points", ascending=False)
            prio = lb["priority_id"].iloc[0] if len(lb) else ""
        resolved.append(dict(label_a=hit["label_a"].iloc[0], label_b=hit["label_b"].iloc[0],
                             priority_id=prio))
    summary = {
        "matched": int((themes["status"] == "matched").sum()),
        "new": int((themes["status"] == "new").sum()),
        "gone": int((themes["status"] == "gone").sum()),
        "grew": int((themes["change"] == "grew").sum()),
        "shrank": int((themes["change"] == "shrank").sum()),
        "priorities_more": int((prios["direction"] == "more").sum()),
        "priorities_less": int((prios["direction"] == "less").sum()),
    }
    return Comparison(round_a, round_b, themes, prios,
                      pd.DataFrame(resolved, columns=["label_a", "label_b", "priority_id"]), summary)


def compare_rounds(store_path: str | Path, round_a: str, round_b: str) -> Comparison:
    """Compare two rounds already in the evidence store."""
    store_path = Path(store_path)
    known = store.rounds(store_path)
    for r in (round_a, round_b):
        if r not in known:
            have = ", ".join(known) or "none"
            raise PipelineError(f"round {r!r} is not in the evidence store {store_path} (rounds: {have}); run it first")
    t = lambda name, r: store.read_table(store_path, name, r)  # noqa: E731
    n = lambda r: int(t("rounds", r)["n_respondents"].iloc[0])  # noqa: E731
    return compare_tables(round_a, round_b, t("themes", round_a), t("themes", round_b),
                          t("coverage", round_a), t("coverage", round_b),
                          t("emerging", round_a), t("emerging", round_b),
                          t("theme_priorities", round_b), n(round_a), n(round_b))
