"""Analyst edits that survive re-runs: rename or merge themes, move comments, fix priority links.

The edits live in ``edits.yaml`` in the round folder (never in generated output), are
validated against the run they apply to, and every applied edit is logged in words for the
report's methodology section.  Themes are named by their id or their current label;
comments by ``point_id`` or ``response_id`` (a response means all of its points).

    rename_theme:
      - theme: 3                       # or the label the machine gave it
        label: Waiting times for EHCP assessments
    merge_themes:
      - themes: [4, "School transport costs"]
        label: School transport         # optional; default: the larger theme's label
    move_comment:
      - response: R1a2b3c4d5e           # or  point: R1a2b3c4d5e-0
        theme: 5
    add_priority:
      - response: R1a2b3c4d5e
        priority: M2
    remove_priority:
      - point: R1a2b3c4d5e-1
        priority: C7
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .config import Framework
from .errors import ConfigError

EDITS_FILE = "edits.yaml"
ThemeRef = int | str


class _E(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _CommentRef(_E):
    point: str | None = None
    response: str | None = None

    @model_validator(mode="after")
    def _one(self):
        if (self.point is None) == (self.response is None):
            raise ValueError("give exactly one of 'point' or 'response'")
        return self


class RenameTheme(_E):
    theme: ThemeRef
    label: str = Field(min_length=2)


class MergeThemes(_E):
    themes: list[ThemeRef] = Field(min_length=2)
    label: str | None = None


class MoveComment(_CommentRef):
    theme: ThemeRef


class PriorityLink(_CommentRef):
    priority: str


class Edits(_E):
    rename_theme: list[RenameTheme] = Field(default_factory=list)
    merge_themes: list[MergeThemes] = Field(default_factory=list)
    move_comment: list[MoveComment] = Field(default_factory=list)
    add_priority: list[PriorityLink] = Field(default_factory=list)
    remove_priority: list[PriorityLink] = Field(default_factory=list)

    def is_empty(self) -> bool:
        return not any((self.rename_theme, self.merge_themes, self.move_comment,
                        self.add_priority, self.remove_priority))


def load_edits(round_dir: str | Path) -> Edits:
    """The round's edits file, validated; no file means no edits."""
    path = Path(round_dir) / EDITS_FILE
    if not path.is_file():
        return Edits()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError):
        raise ConfigError(f"{path}: edits file is not valid YAML") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: edits file must be a YAML mapping")
    try:
        return Edits.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(x) for x in err["loc"])
        raise ConfigError(f"{path}: invalid edit at {loc}: {err['msg']}") from None


# --------------------------------------------------------------------------- helpers
def _theme_id(ref: ThemeRef, themes: pd.DataFrame, where: str) -> int:
    if isinstance(ref, int) or (isinstance(ref, str) and ref.lstrip("-").isdigit()):
        tid = int(ref)
        if tid in set(themes["theme_id"].astype(int)):
            return tid
        raise ConfigError(f"{where}: no theme with id {tid} in this run")
    hits = themes.loc[themes["label"].str.casefold() == str(ref).strip().casefold(), "theme_id"]
    if hits.empty:
        raise ConfigError(f"{where}: no theme labelled {ref!r} in this run")
    return int(hits.iloc[0])


def _rows(points: pd.DataFrame, ref: _CommentRef, where: str) -> pd.Series:
    if ref.point is not None:
        mask = points["point_id"] == ref.point
        what = f"comment point {ref.point!r}"
    else:
        mask = points["response_id"] == ref.response
        what = f"response {ref.response!r}"
    if not mask.any():
        raise ConfigError(f"{where}: no {what} in this run")
    return mask


def recount_themes(points: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """Recompute a theme table's counts from the points (after merges and moves)."""
    themes = themes.copy()
    g = points.groupby("theme_id")
    size = g.size()
    themes["size"] = themes["theme_id"].map(size).fillna(0).astype(int)
    themes["n_responses"] = themes["theme_id"].map(g["response_id"].nunique()).fillna(0).astype(int)
    themes["n_respondents"] = themes["theme_id"].map(g["respondent_id"].nunique()).fillna(0).astype(int)
    if "stance" in points:
        for s in ("concern", "praise", "suggestion", "neutral"):
            counts = points[points["stance"] == s].groupby("theme_id").size()
            themes[f"n_{s}"] = themes["theme_id"].map(counts).fillna(0).astype(int)
    return themes[themes["size"] > 0].sort_values("size", ascending=False, kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- apply
def apply_theme_edits(points: pd.DataFrame, themes: pd.DataFrame, edits: Edits,
                      source: str = EDITS_FILE) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Merge, move and rename themes; returns (points, themes, log of applied edits)."""
    points, themes = points.copy(), themes.copy()
    log: list[str] = []
    for i, m in enumerate(edits.merge_themes):
        where = f"{source}: merge_themes[{i}]"
        ids = [_theme_id(r, themes, where) for r in m.themes]
        sizes = themes.set_index("theme_id")["size"]
        keep = max(ids, key=lambda t: (int(sizes.get(t, 0)), -t))
        others = [t for t in ids if t != keep]
        old_labels = [themes.loc[themes.theme_id == t, "label"].iloc[0] for t in ids]
        points.loc[points["theme_id"].isin(others), "theme_id"] = keep
        quotes = []
        for t in [keep] + others:
            quotes += json.loads(themes.loc[themes.theme_id == t, "quotes"].iloc[0] or "[]")
        themes.loc[themes.theme_id == keep, "quotes"] = json.dumps(quotes[:5])
        if m.label:
            themes.loc[themes.theme_id == keep, "label"] = m.label
        themes = themes[~themes["theme_id"].isin(others)]
        new_label = themes.loc[themes.theme_id == keep, "label"].iloc[0]
        log.append(f"Merged themes {', '.join(repr(x) for x in old_labels)} into {new_label!r}")
    for i, mv in enumerate(edits.move_comment):
        where = f"{source}: move_comment[{i}]"
        tid = _theme_id(mv.theme, themes, where)
        mask = _rows(points, mv, where)
        points.loc[mask, "theme_id"] = tid
        log.append(f"Moved {int(mask.sum())} comment point(s) of "
                   f"{mv.point or mv.response} to theme {themes.loc[themes.theme_id == tid, 'label'].iloc[0]!r}")
    for i, r in enumerate(edits.rename_theme):
        where = f"{source}: rename_theme[{i}]"
        tid = _theme_id(r.theme, themes, where)
        old = themes.loc[themes.theme_id == tid, "label"].iloc[0]
        themes.loc[themes.theme_id == tid, "label"] = r.label
        log.append(f"Renamed theme {old!r} to {r.label!r}")
    themes = recount_themes(points, themes)
    points["theme_label"] = points["theme_id"].map(themes.set_index("theme_id")["label"])
    return points, themes, log


def apply_mapping_edits(points: pd.DataFrame, edits: Edits, framework: Framework,
                        source: str = EDITS_FILE) -> tuple[pd.DataFrame, list[str]]:
    """Add or remove priority links on comments; an analyst's link scores 1.0."""
    points = points.copy()
    ids = framework.by_id()
    log: list[str] = []

    def parse(row) -> list[tuple[str, str]]:
        pids = [p for p in str(row["priority_ids"] or "").split(";") if p]
        scores = [s for s in str(row["priority_scores"] or "").split(";") if s]
        return list(zip(pids, scores))

    for kind in ("add_priority", "remove_priority"):
        for i, e in enumerate(getattr(edits, kind)):
            where = f"{source}: {kind}[{i}]"
            if e.priority not in ids:
                raise ConfigError(f"{where}: no priority {e.priority!r} in framework {framework.name!r}")
            mask = _rows(points, e, where)
            for idx in points.index[mask]:
                pairs = [(p, s) for p, s in parse(points.loc[idx]) if p != e.priority]
                if kind == "add_priority":
                    pairs.insert(0, (e.priority, "1.000"))
                points.at[idx, "priority_ids"] = ";".join(p for p, _ in pairs)
                points.at[idx, "priority_scores"] = ";".join(s for _, s in pairs)
                if "top_priority" in points:
                    points.at[idx, "top_priority"] = pairs[0][0] if pairs else ""
            verb = "Linked" if kind == "add_priority" else "Unlinked"
            prep = "to" if kind == "add_priority" else "from"
            log.append(f"{verb} {int(mask.sum())} comment point(s) of {e.point or e.response} "
                       f"{prep} priority {e.priority}")
    return points, log
