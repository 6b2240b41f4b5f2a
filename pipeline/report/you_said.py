""""You said, we did": an editable CSV in the round folder that officers complete.

``write_you_said_we_did_template`` creates ``you_said_we_did.csv`` (never overwriting an
analyst's file); ``load_you_said_we_did`` reads it back and lists every priority and
theme, with empty entries shown as awaiting a response.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from ..config import Framework
from ..errors import ConfigError
from ..schema import OTHER_THEME_ID
from .safety import as_int, clean_text, fmt_count

FILENAME = "you_said_we_did.csv"
COLUMNS = ["kind", "ref", "you_said", "we_did", "status"]
AWAITING = "Awaiting a response"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_safe(text: str) -> str:
    """Stop a spreadsheet from running a cell of the editable CSV as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv_unsafe(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_START) else text


def _theme_rows(themes: pd.DataFrame) -> list[tuple[str, str]]:
    """(label, default you_said) for each real theme, largest first."""
    if themes is None or themes.empty or "label" not in themes:
        return []
    t = themes.copy()
    t["_id"] = t["theme_id"].map(as_int) if "theme_id" in t else 0
    t = t[t["_id"] != OTHER_THEME_ID]
    if "size" in t:
        t = t.assign(_size=t["size"].map(as_int)).sort_values(["_size", "_id"], ascending=[False, True])
    out = []
    for _, r in t.iterrows():
        desc = clean_text(r.get("description", "")).strip()
        out.append((clean_text(r["label"]).strip(), desc))
    return out


def _priority_rows(coverage: pd.DataFrame, framework: Framework | None,
                   themes: pd.DataFrame | None = None, small: int = 5) -> list[tuple[str, str]]:
    """(priority id, default you_said) in framework order: how many raised it, and the
    themes behind it."""
    cov = {}
    if coverage is not None and not coverage.empty and "priority_id" in coverage:
        cov = {str(r["priority_id"]): r for _, r in coverage.iterrows()}
    labels: dict[int, str] = {}
    if themes is not None and not themes.empty and {"theme_id", "label"} <= set(themes.columns):
        labels = {as_int(t): clean_text(lab).strip() for t, lab in zip(themes["theme_id"], themes["label"])}
    ids = [p.id for p in framework.priorities] if framework else list(cov)
    out = []
    for pid in ids:
        r = cov.get(pid)
        n = as_int(r.get("n_respondents")) if r is not None else 0
        if n == 0:
            out.append((pid, "No comments in this round spoke to this priority."))
            continue
        who = fmt_count(n, small)
        said = f"{who[:1].upper()}{who[1:]} {'person' if n == 1 else 'people'} raised this"
        tids = [x for x in str(r.get("theme_ids") or "").split(";") if x.strip()]
        names = [labels[as_int(t)] for t in tids if as_int(t) in labels and as_int(t) != OTHER_THEME_ID][:3]
        out.append((pid, said + (": " + "; ".join(names) + "." if names else ".")))
    return out


def write_you_said_we_did_template(path: str | Path, coverage: pd.DataFrame, themes: pd.DataFrame,
                                   framework: Framework | None = None, small_number: int = 5) -> bool:
    """Create the editable file listing every priority and theme (columns kind, ref,
    you_said, we_did, status, plus title for reference). Returns False (and leaves the
    file alone) when it already exists: it is the analyst's."""
    path = Path(path)
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    # you_said is left empty: the report then shows a summary generated from this run's
    # evidence (so it never goes stale); an officer may write their own instead.
    # title is for the reader of the file only and is not read back.
    w.writerow(COLUMNS + ["title"])
    titles = {p.id: p.title for p in framework.priorities} if framework else {}
    for pid, _said in _priority_rows(coverage, framework, themes, small_number):
        if not titles and coverage is not None and "title" in coverage:
            titles = dict(zip(coverage["priority_id"].astype(str), coverage["title"].map(clean_text)))
        w.writerow(["priority", pid, "", "", "", _csv_safe(titles.get(pid, ""))])
    for label, _said in _theme_rows(themes):
        w.writerow(["theme", _csv_safe(label), "", "", "", _csv_safe(label)])
    # utf-8-sig so Excel opens it with the right encoding; written atomically.
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(buf.getvalue(), encoding="utf-8-sig")
    tmp.replace(path)
    return True


def _read_csv(path: Path) -> pd.DataFrame:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise ConfigError(f"{path}: not a text CSV file")
    for enc in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise ConfigError(f"{path}: cannot decode the file (save it as UTF-8 CSV)")
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        kind = "empty" if isinstance(exc, pd.errors.EmptyDataError) else "not a well-formed CSV"
        raise ConfigError(f"{path}: {kind}") from None
    return df


def load_you_said_we_did(round_dir: str | Path, coverage: pd.DataFrame, themes: pd.DataFrame,
                         framework: Framework | None = None, small_number: int = 5) -> pd.DataFrame:
    """Every priority and theme with what people said, what was done and its status.

    Reads ``<round_dir>/you_said_we_did.csv`` when present (a malformed file is a
    one-line ConfigError); entries the file does not fill show ``we_did`` as
    "Awaiting a response". Rows whose ref is not in this run are kept, with a note.
    Columns: kind, ref, you_said, we_did, status, in_this_run (bool).
    """
    path = Path(round_dir) / FILENAME
    given: dict[tuple[str, str], dict[str, str]] = {}
    order: list[tuple[str, str]] = []
    if path.is_file():
        df = _read_csv(path)
        df.columns = [str(c).strip().lower() for c in df.columns]
        missing = [c for c in ("kind", "ref") if c not in df.columns]
        if missing:
            raise ConfigError(f"{path}: missing column(s) {', '.join(missing)}; "
                              f"expected {', '.join(COLUMNS)}")
        for c in ("you_said", "we_did", "status"):
            if c not in df.columns:
                df[c] = ""
        for i, r in df.iterrows():
            line = i + 2
            kind = str(r["kind"]).strip().lower()
            ref = _csv_unsafe(str(r["ref"]).strip())
            if not kind and not ref and not any(str(r[c]).strip() for c in ("you_said", "we_did", "status")):
                continue  # blank line
            if kind not in ("priority", "theme"):
                raise ConfigError(f"{path}: line {line}: kind must be 'priority' or 'theme'")
            if not ref:
                raise ConfigError(f"{path}: line {line}: ref is empty")
            key = (kind, ref.upper() if kind == "priority" else ref)
            if key in given:
                raise ConfigError(f"{path}: line {line}: {kind} {ref!r} appears more than once")
            given[key] = {c: _csv_unsafe(clean_text(r[c]).strip()) for c in ("you_said", "we_did", "status")}
            order.append(key)

    rows = []
    seen = set()
    for pid, said in _priority_rows(coverage, framework, themes, small_number):
        key = ("priority", pid.upper())
        g = given.get(key, {})
        rows.append(("priority", pid, g.get("you_said") or said, g.get("we_did", ""), g.get("status", ""), True))
        seen.add(key)
    for label, said in _theme_rows(themes):
        key = ("theme", label)
        g = given.get(key, {})
        rows.append(("theme", label, g.get("you_said") or said, g.get("we_did", ""), g.get("status", ""), True))
        seen.add(key)
    for key in order:  # the analyst's rows that this run does not have
        if key not in seen:
            g = given[key]
            rows.append((key[0], key[1], g["you_said"], g["we_did"], g["status"], False))
    out = pd.DataFrame(rows, columns=COLUMNS + ["in_this_run"])
    out["we_did"] = out["we_did"].where(out["we_did"].str.strip() != "", AWAITING)
    return out
