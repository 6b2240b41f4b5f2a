"""Ingest a consultation round: every source file into one responses table plus a ledger.

Public API
----------
``read_table(path, *, sheet=None, fmt=None)``       a CSV/XLSX/JSON/JSONL/parquet table as strings
``require_column(df, column, path)``                 one-line error when a column is missing
``ingest_round(manifest, round_dir)``                -> (responses, ledger)
``split_points(responses, *, max_chars=400)``        -> points (bullets / sentence groups)
``reconcile(ledger)``                                -> per-source rows read / included / excluded / reasons

Units and the ledger
--------------------
Every *input unit* gets exactly one ledger row (included, or excluded with a reason):

* tables: one unit per (row, text column).  A survey with two free-text questions gives
  two responses sharing ``respondent_id``; ``question`` is the column header (or the
  manifest's fixed ``question`` when the source has a single text column).
* DOCX: every non-empty paragraph, bullet and table cell.  Headings (and a bold-only
  short line, as people type headings) set ``question`` for what follows and are ledgered
  as excluded ``heading``; a table's first row, when it looks like a header, sets the
  question for its column's cells.  ``Date: ...`` / ``Venue: ...`` lines are ``metadata``.
  Empty paragraphs and empty cells are layout, not units.
* TXT/Markdown notes: one unit per bullet or paragraph; ``#`` headings and a short line
  ending in ``:`` followed by bullets set the question.
* TXT letters (channel ``written``): the whole letter is ONE response.  An email header
  block, the address block before "Dear ...", the salutation and everything from the
  sign-off ("Yours sincerely", "Kind regards", ...) on are dropped (they carry names and
  addresses, not views).  Several letters in one file are separated by a line of
  ``---``/``===``/``***`` (or a form feed).

``response_id`` = "R" + sha1(source, location, column)[:10]: the same row gets the same
id on every run, whatever the text or the other files say.  Fixed values in the
SourceSpec (event, date, group, question) fill what the file does not give per row;
a per-row column (``group_column`` ...) wins over the fixed value.  Dates become ISO
``YYYY-MM-DD`` when parseable (UK day-first), otherwise they are kept as written.
Files are opened read-only and never modified.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .cleaning import (
    clean_text,
    detect_languages,
    find_duplicates,
    no_content_reason,
    normalise_date,
)
from .config import RoundManifest, SourceSpec
from .errors import ConfigError, InputFileError, PipelineError  # noqa: F401
from .readers import (
    _read_bytes,
    detect_format,
    open_docx,
    read_table,
    read_table_with_refs,
    read_text_file,
    require_column,
)
from .schema import LEDGER_COLUMNS, POINT_COLUMNS, RESPONSE_COLUMNS

__all__ = [
    "read_table", "require_column", "ingest_round", "split_points", "reconcile",
    "ingest_source", "detect_format",
]

EXTRA_RESPONSE_COLUMNS = ["duplicate_kind"]  # "exact" | "near" | ""
RECONCILE_COLUMNS = ["source", "rows_read", "included", "excluded", "reasons"]


def _hid(prefix: str, *parts: str, n: int = 10) -> str:
    h = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return prefix + h[:n]


def _snake(name: str) -> str:
    s = re.sub(r"[^0-9a-zA-Z]+", "_", str(name)).strip("_").lower()
    return s or "column"


# ----------------------------------------------------------------------------- units
class _Units:
    """Column lists of input units (fast to build, fast to turn into a frame)."""

    FIELDS = ("source", "row_ref", "id_key", "question", "raw", "respondent_id", "channel",
              "event", "date", "group", "pre_reason", "note")

    def __init__(self) -> None:
        self.cols: dict[str, list[Any]] = {f: [] for f in self.FIELDS}
        self.extras: dict[str, list[str]] = {}

    def add(self, **kw: Any) -> None:
        n = len(self.cols["source"])
        for f in self.FIELDS:
            self.cols[f].append(kw.get(f, ""))
        for k, v in kw.get("extras", {}).items():
            if k not in self.extras:
                self.extras[k] = [""] * n
            self.extras[k].append(v)
        for k, lst in self.extras.items():
            if len(lst) < n + 1:
                lst.append("")

    def extend(self, n: int, extras: dict[str, list[str]] | None = None, **cols: Any) -> None:
        """Add ``n`` units at once; each value is a list of length n or a scalar."""
        before = len(self)
        for f in self.FIELDS:
            v = cols.get(f, "")
            self.cols[f].extend(v if isinstance(v, list) else [v] * n)
        for k, vals in (extras or {}).items():
            if k not in self.extras:
                self.extras[k] = [""] * before
            self.extras[k].extend(vals)
        for k, lst in self.extras.items():
            if len(lst) < before + n:
                lst.extend([""] * (before + n - len(lst)))

    def __len__(self) -> int:
        return len(self.cols["source"])


def _fixed(spec: SourceSpec) -> dict[str, str]:
    return {
        "event": spec.event or "",
        "date": normalise_date(spec.date) if spec.date else "",
        "group": spec.group or "",
        "question": spec.question or "",
    }


# ----------------------------------------------------------------------------- tables
_AUTO_TEXT_NAMES = ("text", "comment", "comments", "response", "note", "notes", "feedback",
                    "answer")


def _table_units(spec: SourceSpec, path: Path, rel: str, units: _Units) -> None:
    hint = [c for c in [*spec.text_columns, spec.respondent_id_column, spec.group_column,
                        spec.event_column, spec.date_column, *spec.extra_columns] if c]
    df, refs, _fmt = read_table_with_refs(path, sheet=spec.sheet, fmt=spec.format,
                                          header_hint=hint or None)
    text_cols = list(spec.text_columns)
    if not text_cols:
        cols = [str(c) for c in df.columns]
        named = [c for c in cols if c.strip().casefold() in _AUTO_TEXT_NAMES]
        if len(cols) == 1:
            text_cols = cols
        elif len(named) == 1:
            text_cols = named
        else:
            raise ConfigError(f"{path}: text_columns not given in the round manifest and no single "
                              f"text column to choose (columns: {', '.join(cols[:25])})")
    for c in hint + text_cols:
        require_column(df, c, path)
    fx = _fixed(spec)
    n = len(df)
    if not refs:
        refs = [f"row {i + 1}" for i in range(n)]

    def col(name: str | None) -> list[str] | None:
        return None if not name else df[name].tolist()

    rid = col(spec.respondent_id_column)
    grp = col(spec.group_column)
    evt = col(spec.event_column)
    dte = col(spec.date_column)
    extra_names = {c: _snake(c) for c in spec.extra_columns}
    reserved = set(RESPONSE_COLUMNS) | set(EXTRA_RESPONSE_COLUMNS) | {"point_id", "pii_counts"}
    extra_names = {c: (f"extra_{s}" if s in reserved else s) for c, s in extra_names.items()}
    extra_vals = {extra_names[c]: df[c].tolist() for c in spec.extra_columns}
    dates = [normalise_date(v) for v in dte] if dte is not None else None
    multi = len(text_cols) > 1
    use_fixed_q = bool(fx["question"]) and not multi
    # The id column is pseudonymised: a survey tool's ids can be email addresses or names.
    respondents = [(_hid("P", rel, "id", rid[i].strip()) if rid is not None and rid[i].strip()
                    else _hid("P", rel, refs[i])) for i in range(n)]
    events = [e.strip() or fx["event"] for e in evt] if evt is not None else fx["event"]
    groups = [g.strip() or fx["group"] for g in grp] if grp is not None else fx["group"]
    dates_out = [d or fx["date"] for d in dates] if dates is not None else fx["date"]
    for tc in text_cols:
        units.extend(
            n,
            extras=extra_vals,
            source=rel,
            row_ref=[f"{loc}, column {tc!r}" for loc in refs] if multi else list(refs),
            id_key=[f"{loc}\x1e{tc}" for loc in refs],
            question=fx["question"] if use_fixed_q else tc,
            raw=df[tc].tolist(),
            respondent_id=respondents,
            channel=spec.channel,
            event=events, date=dates_out, group=groups,
        )


# ----------------------------------------------------------------------------- docx
_META_RE = re.compile(
    r"^\s*(date|time|venue|location|place|facilitator|facilitators|facilitated by|note ?taker|"
    r"notes taken by|scribe|attendees|attendance|present|number of attendees|event)\s*[:\-–]\s*"
    r"(.{0,80})$", re.IGNORECASE)


def _meta(text: str) -> tuple[str, str] | None:
    if "\n" in text.strip():
        return None
    m = _META_RE.match(text)
    if not m:
        return None
    return m.group(1).lower(), m.group(2).strip()


def _docx_style(p) -> str:
    try:
        return (p.style.name or "") if p.style is not None else ""
    except Exception:
        return ""


def _docx_is_heading(p, text: str) -> str:
    """"title", "heading" or ""."""
    name = _docx_style(p).lower()
    if name in ("title", "subtitle"):
        return "title"
    if name.startswith("heading"):
        return "heading"
    t = text.strip()
    if 0 < len(t) <= 80 and t[-1] not in ".!?,;" and "\n" not in t:
        runs = [r for r in p.runs if r.text.strip()]
        if runs and all(bool(r.bold) for r in runs) and not _docx_is_list(p):
            return "heading"
    return ""


def _docx_is_list(p) -> bool:
    if "list" in _docx_style(p).lower():
        return True
    ppr = p._p.pPr
    return ppr is not None and ppr.numPr is not None


def _docx_units(spec: SourceSpec, path: Path, rel: str, units: _Units) -> None:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = open_docx(path)
    fx = _fixed(spec)
    question = fx["question"]
    date = fx["date"]
    para_no = 0
    table_no = 0

    def add(row_ref: str, text: str, q: str, pre: str = "", d: str | None = None) -> None:
        units.add(source=rel, row_ref=row_ref, id_key="", question=q, raw=text,
                  respondent_id=_hid("P", rel, row_ref), channel=spec.channel,
                  event=fx["event"], date=d if d is not None else date, group=fx["group"],
                  pre_reason=pre)

    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph):
            para_no += 1
            text = block.text
            if not text.strip():
                continue
            ref = f"paragraph {para_no}"
            kind = _docx_is_heading(block, text)
            if kind == "title":
                add(ref, text, question, "heading: document title")
                continue
            if kind == "heading":
                question = " ".join(text.split())
                add(ref, text, question, "heading: sets the question")
                continue
            meta = _meta(text)
            if meta:
                key, val = meta
                date = _meta_date(key, val, fx["date"], date)
                add(ref, text, question, f"metadata: {key} line")
                continue
            add(ref, text, question)
        elif isinstance(block, Table):
            table_no += 1
            grid: list[list[str]] = []
            for row in block.rows:
                seen: set[int] = set()
                cells = []
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append(cell.text)
                grid.append(cells)
            if not grid:
                continue
            first = grid[0]
            header = (len(grid) >= 2 and all(c.strip() for c in first)
                      and all(len(c.strip()) <= 120 and "\n" not in c.strip() for c in first))
            heads = [" ".join(c.split()) for c in first] if header else []
            for r_i, cells in enumerate(grid):
                for c_i, ctext in enumerate(cells):
                    if not ctext.strip():
                        continue
                    ref = f"table {table_no} row {r_i + 1} cell {c_i + 1}"
                    if header and r_i == 0:
                        add(ref, ctext, question, "heading: table column header")
                        continue
                    q = heads[c_i] if header and c_i < len(heads) and heads[c_i] else question
                    add(ref, ctext, q)


# ----------------------------------------------------------------------------- txt
def _unwrap(text: str) -> str:
    """Join hard-wrapped lines of each paragraph; keep paragraph breaks and bullet lines."""
    paras = re.split(r"\n\s*\n", text)
    out = []
    for para in paras:
        lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
        if not lines:
            continue
        buf = lines[0]
        for ln in lines[1:]:
            buf += ("\n" if _BULLET_RE.match(ln) else " ") + ln
        out.append(buf)
    return "\n\n".join(out)


_MD_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET_RE = re.compile(r"^\s*(?:[-*+•·▪‣◦–—○●■□➢➤✓✔]|\d{1,3}[.)]|[a-zA-Z][.)])\s+(.*)$")
_RULE_RE = re.compile(r"^\s*(?:-{3,}|={3,}|\*{3,}|_{3,})\s*$")
_SETEXT_RE = re.compile(r"^\s*(?:={3,}|-{3,})\s*$")


def _txt_note_units(spec: SourceSpec, text: str, rel: str, units: _Units) -> None:
    fx = _fixed(spec)
    question = fx["question"]
    date = fx["date"]
    lines = text.split("\n")
    blocks: list[tuple[int, str, list[str]]] = []  # (start line, kind, lines)
    cur: list[str] = []
    cur_start = 0
    cur_kind = "para"

    def flush() -> None:
        nonlocal cur
        if cur:
            blocks.append((cur_start, cur_kind, cur))
        cur = []

    for no, line in enumerate(lines, start=1):
        if not line.strip():
            flush()
            continue
        m = _MD_HEADING_RE.match(line)
        if m:
            flush()
            blocks.append((no, "heading", [m.group(2)]))
            continue
        if _SETEXT_RE.match(line) and len(cur) == 1 and cur_kind == "para":
            blocks.append((cur_start, "heading", cur))
            cur = []
            continue
        if _RULE_RE.match(line):
            flush()
            continue
        b = _BULLET_RE.match(line)
        if b and b.group(1).strip():
            flush()
            cur, cur_start, cur_kind = [b.group(1)], no, "bullet"
            continue
        if not cur:
            cur_start, cur_kind = no, "para"
        cur.append(line.strip())
    flush()

    for k, (start, kind, blines) in enumerate(blocks):
        body = _unwrap("\n".join(blines)) if kind == "para" else " ".join(x.strip() for x in blines)
        ref = f"line {start}"
        pre = ""
        if kind == "heading":
            question = " ".join(body.split()).strip("#: ")
            pre = "heading: sets the question"
        elif kind == "para" and len(blines) == 1:
            t = blines[0].strip()
            nxt = blocks[k + 1][1] if k + 1 < len(blocks) else ""
            meta = _meta(t)
            if meta:
                key, val = meta
                date = _meta_date(key, val, fx["date"], date)
                pre = f"metadata: {key} line"
            elif t.endswith(":") and len(t) <= 80 and nxt == "bullet":
                question = t.rstrip(":").strip()
                pre = "heading: sets the question"
        units.add(source=rel, row_ref=ref, id_key="", question=question, raw=body,
                  respondent_id=_hid("P", rel, ref), channel=spec.channel, event=fx["event"],
                  date=date, group=fx["group"], pre_reason=pre)


_EMAIL_HDR_RE = re.compile(r"^\s*(from|to|cc|bcc|sent|date|subject|re)\s*:\s*(.*)$", re.IGNORECASE)
_SALUTATION_RE = re.compile(
    r"^\s*(dear\b.{0,60}|to whom it may concern.{0,5}|hello\b.{0,40}|hi\b.{0,40}|"
    r"good (morning|afternoon|evening)\b.{0,40})$", re.IGNORECASE)
_SIGNOFF_RE = re.compile(
    r"^\s*(yours\s+(sincerely|faithfully|truly)|sincerely|kind(est)?\s+regards|best\s+regards|"
    r"warm(est)?\s+regards|regards|best\s+wishes|many\s+thanks|thanks\s+again|with\s+thanks|"
    r"thank\s+you|thanks|respectfully|all\s+the\s+best|best)\b[\s.!]*"
    r"(?:,[\s.!]*(?:[\w'.\-]+[\s.!]*){0,4})?$",
    re.IGNORECASE)
_LETTER_SPLIT_RE = re.compile(r"\f|^\s*(?:-{3,}|={3,}|\*{3,}|_{3,})\s*$", re.MULTILINE)


def _letter_body(lines: list[str], fixed_date: str) -> tuple[str, str, str, list[str]]:
    """(body, date, subject, dropped-part names) of one letter's lines."""
    dropped: list[str] = []
    date, subject = "", ""
    idx = [i for i, ln in enumerate(lines) if ln.strip()]
    if not idx:
        return "", "", "", dropped
    start, end = idx[0], idx[-1] + 1
    # email header block at the top
    i = start
    hdr = 0
    while i < end and _EMAIL_HDR_RE.match(lines[i]):
        m = _EMAIL_HDR_RE.match(lines[i])
        key, val = m.group(1).lower(), m.group(2).strip()
        if key == "date":
            date = date or normalise_date(val)
        if key in ("subject", "re"):
            subject = val
        hdr += 1
        i += 1
    if hdr:
        dropped.append("email header")
        start = i
    # salutation within the first lines: drop it and the address block before it
    head = [j for j in range(start, end) if lines[j].strip()][:15]
    for j in head:
        if _SALUTATION_RE.match(lines[j].strip()):
            for k in range(start, j):
                t = lines[k].strip()
                if t and not date:
                    iso = normalise_date(t)
                    if re.match(r"^\d{4}-\d{2}-\d{2}$", iso) and len(t) <= 40:
                        date = iso
                sm = re.match(r"^\s*(re|subject)\s*:\s*(.+)$", t, re.IGNORECASE)
                if sm:
                    subject = subject or sm.group(2).strip()
            if j > start:
                dropped.append("address block")
            dropped.append("salutation")
            start = j + 1
            break
    # sign-off within the last lines: drop it and the signature after it
    tail = [j for j in range(start, end) if lines[j].strip()][-8:]
    for j in tail:
        if _SIGNOFF_RE.match(lines[j].strip()):
            if any(lines[k].strip() for k in range(start, j)):
                dropped.append("sign-off")
                end = j
            break
    body = _unwrap("\n".join(lines[start:end]))
    return body, (fixed_date or date), subject, dropped


def _txt_letter_units(spec: SourceSpec, text: str, rel: str, units: _Units) -> None:
    fx = _fixed(spec)
    parts = [p for p in _LETTER_SPLIT_RE.split(text)]
    parts = [p for p in parts if p and p.strip()]
    many = len(parts) > 1
    for k, part in enumerate(parts, start=1):
        body, date, subject, dropped = _letter_body(part.split("\n"), fx["date"])
        ref = f"letter {k}" if many else "letter"
        # An email subject is not used as the question: it is not anonymised and can carry
        # names ("Re: my son Jack's EHCP").
        units.add(source=rel, row_ref=ref, id_key="", question=fx["question"],
                  raw=body, respondent_id=_hid("P", rel, ref), channel=spec.channel,
                  event=fx["event"], date=date, group=fx["group"],
                  note=("dropped: " + ", ".join(dropped)) if dropped else "")


# ----------------------------------------------------------------------------- round
def _source_units(spec: SourceSpec, round_dir: Path, units: _Units) -> None:
    path = Path(spec.file)
    if not path.is_absolute():
        path = round_dir / path
    rel = Path(spec.file).as_posix()
    data = _read_bytes(path)
    fmt = detect_format(path, spec.format, data=data)
    if fmt == "docx":
        del data
        _docx_units(spec, path, rel, units)
    elif fmt == "txt" and not spec.text_columns:
        text = read_text_file(path, data)
        if spec.channel == "written":
            _txt_letter_units(spec, text, rel, units)
        else:
            _txt_note_units(spec, text, rel, units)
    else:
        del data
        _table_units(spec, path, rel, units)


def ingest_source(spec: SourceSpec, round_dir: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Ingest one source of a round (same outputs as :func:`ingest_round`)."""
    return _finish([spec], Path(round_dir))


def ingest_round(manifest: RoundManifest, round_dir: str | Path
                 ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read every source of a round; returns (responses, ledger).

    ``responses`` has RESPONSE_COLUMNS, then ``duplicate_kind`` and the manifest's extra
    columns (lower_snake_case).  ``ledger`` has LEDGER_COLUMNS: one row per input unit.
    Raises InputFileError / ConfigError (one line) for a missing, unreadable or malformed
    file or column; row-level problems only produce ledger entries.
    """
    return _finish(list(manifest.sources), Path(round_dir))


def _finish(specs: list[SourceSpec], round_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    seen: set[tuple[str, str | None, tuple[str, ...]]] = set()
    for s in specs:
        key = (Path(s.file).as_posix(), s.sheet, tuple(s.text_columns))
        if key in seen:
            raise ConfigError(f"{round_dir / 'round.yaml'}: source {s.file!r} is listed twice")
        seen.add(key)
    units = _Units()
    for spec in specs:
        before = len(units)
        _source_units(spec, round_dir, units)
        if len(units) == before:
            where = Path(spec.file) if Path(spec.file).is_absolute() else round_dir / spec.file
            what = f"sheet {spec.sheet!r} has" if spec.sheet else "file has"
            raise InputFileError(f"{where}: {what} no data rows or text to ingest")
    c = units.cols
    n = len(units)
    cleaned = [clean_text(t) for t in c["raw"]]
    reasons = []
    for raw, cl, pre in zip(c["raw"], cleaned, c["pre_reason"]):
        reasons.append(pre or no_content_reason(cl, raw))
    ids = [_hid("R", s, k or r) for s, r, k in zip(c["source"], c["row_ref"], c["id_key"])]
    included = np.array([not r for r in reasons], dtype=bool)
    inc_idx = np.nonzero(included)[0]
    inc_ids = [ids[i] for i in inc_idx]
    if len(set(inc_ids)) != len(inc_ids):
        dup = Counter(inc_ids).most_common(1)[0][0]
        i = inc_idx[inc_ids.index(dup)]
        raise PipelineError(f"{c['source'][i]}: {c['row_ref'][i]} was read twice "
                            "(is the file listed twice in round.yaml?)")

    ledger = pd.DataFrame({
        "source": c["source"], "row_ref": c["row_ref"],
        "response_id": [ids[i] if included[i] else "" for i in range(n)],
        "status": np.where(included, "included", "excluded").tolist(),
        "reason": [reasons[i] if reasons[i] else c["note"][i] for i in range(n)],
    }, columns=LEDGER_COLUMNS).astype(object)

    texts = [cleaned[i] for i in inc_idx]
    groups, counts, kinds = find_duplicates(texts, inc_ids)
    langs = detect_languages(texts)
    resp = {
        "response_id": inc_ids,
        "respondent_id": [c["respondent_id"][i] for i in inc_idx],
        "source": [c["source"][i] for i in inc_idx],
        "channel": [c["channel"][i] for i in inc_idx],
        "event": [" ".join(str(c["event"][i]).split()) for i in inc_idx],
        "date": [c["date"][i] for i in inc_idx],
        "group": [" ".join(str(c["group"][i]).split()) for i in inc_idx],
        "question": [" ".join(str(c["question"][i]).split()) for i in inc_idx],
        "text": texts,
        "row_ref": [c["row_ref"][i] for i in inc_idx],
        "language": langs,
        "duplicate_count": counts,
        "duplicate_group": groups,
        "duplicate_kind": kinds,
    }
    for k, vals in units.extras.items():
        resp[k] = [vals[i] for i in inc_idx]
    responses = pd.DataFrame(resp)
    for col in responses.columns:
        if col != "duplicate_count":
            responses[col] = responses[col].astype(object)
    responses["duplicate_count"] = responses["duplicate_count"].astype("int64")
    return responses, ledger


# ----------------------------------------------------------------------------- points
_SENT_RE = re.compile(r"(?<=[.!?…。۔؟])[\"'”’)\]]*\s+")
_PT_BULLET_RE = re.compile(r"^\s*(?:[-*+•·▪‣◦–—○●■□➢➤✓✔]|\d{1,3}[.)])\s+")


def _sentence_groups(block: str, max_chars: int) -> list[str]:
    if len(block) <= max_chars:
        return [block]
    sents: list[str] = []
    pos = 0
    for m in _SENT_RE.finditer(block):
        sents.append(block[pos:m.end()].strip())
        pos = m.end()
    sents.append(block[pos:].strip())
    sents = [s for s in sents if s]
    # a "sentence" far over the limit is cut at spaces so no point is enormous
    pieces: list[str] = []
    for s in sents:
        if len(s) <= 2 * max_chars:
            pieces.append(s)
            continue
        pieces.extend(_pack(s.split(" "), max_chars))  # a very long sentence: by words
    return _pack(pieces, max_chars)


def _meta_date(key: str, value: str, fixed: str, current: str) -> str:
    """A "Date: ..." line in notes sets the date of what follows, unless the manifest
    fixes the date for the whole file or the value is not a date."""
    if key == "date" and not fixed:
        iso = normalise_date(value)
        if re.match(r"^\d{4}-\d{2}-\d{2}$", iso):
            return iso
    return current


def _pack(parts: list[str], max_chars: int) -> list[str]:
    """Join consecutive parts with spaces into chunks of at most ``max_chars`` (a single
    longer part stays whole)."""
    out: list[str] = []
    cur = ""
    for p in parts:
        if cur and len(cur) + 1 + len(p) > max_chars:
            out.append(cur)
            cur = p
        else:
            cur = f"{cur} {p}" if cur else p
    if cur:
        out.append(cur)
    return out


def split_text(text: str, max_chars: int = 400) -> list[str]:
    """The points of one text: bullets, paragraphs, then sentence groups <= ~max_chars."""
    t = (text or "").strip()
    if not t:
        return [""]
    lines = t.split("\n")
    has_bullets = sum(1 for ln in lines if _PT_BULLET_RE.match(ln)) >= 1 and len(lines) > 1
    if len(t) <= max_chars and not has_bullets:
        return [t]
    blocks: list[str] = []
    cur: list[str] = []
    for ln in lines:
        if not ln.strip():
            if cur:
                blocks.append(" ".join(cur))
                cur = []
            continue
        if _PT_BULLET_RE.match(ln):
            if cur:
                blocks.append(" ".join(cur))
            cur = [_PT_BULLET_RE.sub("", ln, count=1).strip()]
            continue
        cur.append(ln.strip())
    if cur:
        blocks.append(" ".join(cur))
    # a lead-in line ("My concerns:") joins the point after it
    merged: list[str] = []
    carry = ""
    for b in blocks:
        if carry:
            b = f"{carry} {b}"
            carry = ""
        if b.endswith(":") and len(b) <= 80:
            carry = b
            continue
        merged.append(b)
    if carry:
        if merged:
            merged[-1] = f"{merged[-1]} {carry}"
        else:
            merged.append(carry)
    out: list[str] = []
    for b in merged:
        out.extend(_sentence_groups(b, max_chars))
    return [p for p in out if p] or [t]


def split_points(responses: pd.DataFrame, *, max_chars: int = 400) -> pd.DataFrame:
    """One row per point of each response: ``point_id`` (response_id-i), ``response_id``,
    ``text`` and every other column of ``responses`` carried along."""
    if "response_id" not in responses.columns or "text" not in responses.columns:
        missing = [c for c in ("response_id", "text") if c not in responses.columns]
        raise PipelineError(f"split_points: responses table has no column {missing[0]!r}")
    texts = responses["text"].tolist()
    rids = responses["response_id"].astype(str).tolist()
    rep: list[int] = []
    pts: list[str] = []
    pids: list[str] = []
    for i, (rid, t) in enumerate(zip(rids, texts)):
        parts = split_text("" if t is None or (isinstance(t, float) and np.isnan(t)) else str(t),
                           max_chars)
        for k, p in enumerate(parts):
            rep.append(i)
            pts.append(p)
            pids.append(f"{rid}-{k}")
    out = responses.iloc[rep].reset_index(drop=True)
    out["text"] = pd.Series(pts, dtype=object)
    out.insert(0, "point_id", pd.Series(pids, dtype=object))
    others = [c for c in out.columns if c not in POINT_COLUMNS]
    return out[POINT_COLUMNS + others]


# ----------------------------------------------------------------------------- ledger
def _reason_category(reason: str) -> str:
    r = str(reason or "").strip()
    return (r.split(":", 1)[0].strip() or r) if r else "unspecified"


def reconcile(ledger: pd.DataFrame) -> pd.DataFrame:
    """Per source (first-seen order): rows_read, included, excluded and ``reasons``
    (excluded counts by reason category, e.g. "no content: 12; heading: 3").

    ``rows_read == included + excluded`` holds for every row (checked); the column sums
    equal the ledger's totals (no total row is added).
    """
    for col in ("source", "status"):
        if col not in ledger.columns:
            raise PipelineError(f"reconcile: ledger has no column {col!r}")
    rows = []
    sources = list(dict.fromkeys(ledger["source"].tolist()))

    def summarise(name: str, part: pd.DataFrame) -> dict[str, Any]:
        status = part["status"].astype(str)
        inc = int((status == "included").sum())
        exc = int((status == "excluded").sum())
        other = int(len(part) - inc - exc)
        if other:
            raise PipelineError(f"reconcile: {name}: {other} ledger rows with an unknown status")
        cats = Counter(_reason_category(r) for r in part.loc[status == "excluded", "reason"])
        by = "; ".join(f"{k}: {v}" for k, v in sorted(cats.items(), key=lambda kv: (-kv[1], kv[0])))
        return {"source": name, "rows_read": int(len(part)), "included": inc, "excluded": exc,
                "reasons": by}

    for s in sources:
        rows.append(summarise(s, ledger[ledger["source"] == s]))
    out = pd.DataFrame(rows, columns=RECONCILE_COLUMNS)
    if not (out["rows_read"] == out["included"] + out["excluded"]).all():  # pragma: no cover
        raise PipelineError("reconcile: rows read do not equal included + excluded")
    return out

