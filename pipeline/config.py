"""Validated configuration: priority frameworks, round manifests and stage settings.

Everything the pipeline is told comes from YAML and is checked here with pydantic, so a
mistake in a file is reported as one line naming the file and the field.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import ConfigError

Tier = Literal["must", "should", "could"]
Channel = Literal["survey", "event", "workshop", "written", "other"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- framework
class Priority(_Strict):
    id: str = Field(min_length=1)
    tier: Tier
    title: str = Field(min_length=3)
    description: str | None = None
    examples: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id_is_simple(cls, v: str) -> str:
        if any(c.isspace() or c == ";" for c in v):
            raise ValueError("priority id must not contain spaces or ';'")
        return v


class Framework(_Strict):
    name: str = Field(min_length=1)
    source: str | None = None
    priorities: list[Priority] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> "Framework":
        seen: set[str] = set()
        for p in self.priorities:
            if p.id in seen:
                raise ValueError(f"duplicate priority id {p.id!r}")
            seen.add(p.id)
        return self

    def by_id(self) -> dict[str, Priority]:
        return {p.id: p for p in self.priorities}


# --------------------------------------------------------------------------- settings
class AnonymiseSettings(_Strict):
    score_threshold: float = 0.35
    keep_roles: bool = True
    batch_size: int = 64
    # Processes for large inputs (5,000+ texts): 0 = one per CPU core (at most 4), 1 = none.
    n_process: int = Field(default=0, ge=0)
    # Optional secret key: when set, a keyed hash of each replaced value is kept in the
    # audit so an analyst holding the key can re-identify; never the value itself.
    reidentification_key_env: str | None = None


class ThemeSettings(_Strict):
    embedding_model: str = "all-MiniLM-L6-v2"
    # "auto": the float model up to 5,000 points, its int8-quantised copy above (about
    # 2.3x less CPU; see README "Scale"); or force "float32" / "int8".
    embedding_precision: Literal["auto", "float32", "int8"] = "auto"
    seed: int = 42
    min_theme_size: int | None = None  # None: chosen from the round's size
    max_themes: int | None = None
    max_other_share: float = 0.10
    outlier_threshold: float = 0.3
    merge_similarity: float = 0.9
    quotes_per_theme: int = 5


class MappingSettings(_Strict):
    top_k: int = 3
    threshold: float | None = None  # None: the calibrated default
    weak_evidence_below: int = 5


class ReportSettings(_Strict):
    small_number: int = 5
    quotes_per_priority: int = 3


class Settings(_Strict):
    anonymise: AnonymiseSettings = Field(default_factory=AnonymiseSettings)
    themes: ThemeSettings = Field(default_factory=ThemeSettings)
    mapping: MappingSettings = Field(default_factory=MappingSettings)
    report: ReportSettings = Field(default_factory=ReportSettings)


# --------------------------------------------------------------------------- round
class SourceSpec(_Strict):
    """One file of a round and how to read it."""

    file: str
    channel: Channel
    format: str | None = None  # csv, xlsx, json, jsonl, parquet, docx, txt; None: detect
    sheet: str | None = None
    text_columns: list[str] = Field(default_factory=list)  # tables: free-text columns
    respondent_id_column: str | None = None
    group_column: str | None = None
    event_column: str | None = None
    date_column: str | None = None
    extra_columns: list[str] = Field(default_factory=list)  # kept, e.g. district
    # Fixed values for the whole file (event name, date, group, question).
    event: str | None = None
    date: str | None = None
    group: str | None = None
    question: str | None = None


class RoundManifest(_Strict):
    name: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    title: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    framework: str
    previous_round: str | None = None
    sources: list[SourceSpec] = Field(min_length=1)
    settings: Settings = Field(default_factory=Settings)


# --------------------------------------------------------------------------- loading
def _read_yaml(path: Path, what: str) -> Any:
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: {what} file not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: {what} is not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{path}: {what} is not valid YAML{where}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: {what} must be a YAML mapping")
    return data


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(x) for x in err.get("loc", ())) or "(top level)"
    msg = err.get("msg", "invalid")
    extra = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
    return f"{loc}: {msg}{extra}"


def load_framework(path: str | Path) -> Framework:
    data = _read_yaml(Path(path), "framework")
    try:
        return Framework.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{path}: invalid framework: {_first_error(exc)}") from None


def load_manifest(round_dir: str | Path) -> RoundManifest:
    round_dir = Path(round_dir)
    if not round_dir.is_dir():
        raise ConfigError(f"{round_dir}: round folder not found")
    path = round_dir / "round.yaml"
    data = _read_yaml(path, "round manifest")
    try:
        return RoundManifest.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{path}: invalid round manifest: {_first_error(exc)}") from None


def resolve_framework_path(manifest: RoundManifest, round_dir: Path, project_root: Path) -> Path:
    """A manifest's framework path: absolute, or relative to the round folder, the project
    root or the folder the round folder sits in (``data/raw``'s parent's parent)."""
    cand = Path(manifest.framework)
    if cand.is_absolute():
        return cand
    package_root = Path(__file__).resolve().parent.parent
    for base in (round_dir, project_root, package_root, *Path(round_dir).resolve().parents):
        if (base / cand).is_file():
            return base / cand
    return project_root / cand


def config_hash(*objs: Any) -> str:
    """A stable hash of config objects (pydantic models, dicts, strings)."""
    h = hashlib.sha256()
    for o in objs:
        if isinstance(o, BaseModel):
            o = o.model_dump(mode="json")
        h.update(json.dumps(o, sort_keys=True, default=str).encode())
    return h.hexdigest()[:16]
