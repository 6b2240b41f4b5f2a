"""Read consultation source files into tables of strings, choosing the reader by content.

Every function here opens its file read-only (``"rb"``) and never writes to it.  A file
that cannot be read raises :class:`~pipeline.errors.InputFileError` with one line naming
the file and the problem (never the text of a response).

Formats
-------
* ``csv``     UTF-8 (with or without BOM), UTF-16 with BOM, otherwise the legacy
  encoding is detected with charset-normalizer (Windows-1252 preferred on ties, as Excel
  saves it in the UK).  Delimiter ``,`` ``;`` tab or ``|`` chosen from the header line.
* ``xlsx``    the named sheet or the first sheet with data; the header row is found even
  below a title block.  Formula cells are read as their formula text (never evaluated).
* ``json``    a list of records, or ``{"records": [...]}`` (or any single list of records).
* ``jsonl``   one JSON object per line.
* ``parquet`` any columns, converted to strings.
* ``docx`` / ``txt`` are read into *units* by :mod:`pipeline.ingest` (not tables).

The format is decided by the file's bytes (zip members, magic numbers, first character,
NUL bytes).  When the extension (or an explicit ``fmt``) claims something else the file is
rejected with a message such as ``x.xlsx: not an Excel workbook (looks like CSV text)``.
"""
from __future__ import annotations

import codecs
import csv
import datetime as _dt
import io
import json
import math
import re
import sys
import zipfile
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from .errors import InputFileError

TABLE_FORMATS = ("csv", "xlsx", "json", "jsonl", "parquet")
ALL_FORMATS = TABLE_FORMATS + ("docx", "txt")

# What an extension (or a SourceSpec.format) claims, and what content satisfies the claim.
_EXT_FORMAT = {
    ".csv": "csv", ".tsv": "csv", ".tab": "csv",
    ".xlsx": "xlsx", ".xlsm": "xlsx",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".parquet": "parquet", ".pq": "parquet",
    ".docx": "docx",
    ".txt": "txt", ".md": "txt", ".markdown": "txt", ".text": "txt", ".eml": "txt",
}
_FORMAT_ALIASES = {"excel": "xlsx", "xlsm": "xlsx", "text": "txt", "md": "txt",
                   "markdown": "txt", "tsv": "csv", "ndjson": "jsonl", "word": "docx"}
# content kind -> formats it may be read as
_COMPATIBLE = {
    "text": {"csv", "txt"},
    "json": {"json", "jsonl"},
    "jsonl": {"json", "jsonl"},
    "xlsx": {"xlsx"},
    "docx": {"docx"},
    "parquet": {"parquet"},
}
_KIND_WORDS = {
    "text": "CSV text", "json": "JSON", "jsonl": "JSON lines", "xlsx": "an Excel workbook",
    "docx": "a Word document", "parquet": "a parquet file",
}
_CLAIM_WORDS = {
    "csv": "a CSV text file", "txt": "a text file", "xlsx": "an Excel workbook",
    "json": "a JSON file", "jsonl": "a JSON lines file", "parquet": "a parquet file",
    "docx": "a Word document",
}

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # a 1 MB cell is text, not an error


def _name(path: Path) -> str:
    return str(path)


def _fail(path: Path, problem: str) -> InputFileError:
    return InputFileError(f"{_name(path)}: {problem}")


# --------------------------------------------------------------------------- detection
def _read_bytes(path: Path) -> bytes:
    path = Path(path)
    if not path.exists():
        raise _fail(path, "file not found")
    if path.is_dir():
        raise _fail(path, "is a folder, not a file")
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise _fail(path, f"cannot be read ({exc.strerror or type(exc).__name__})") from None


def _sniff_kind(path: Path, head: bytes, size: int) -> str:
    """The kind of content: text, json, jsonl, xlsx, docx, parquet (or an error)."""
    if size == 0 or not head.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise _fail(path, "empty file")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            raise _fail(path, "damaged zip archive (cannot be opened as xlsx or docx)") from None
        if "xl/workbook.xml" in names or any(n.startswith("xl/") for n in names):
            return "xlsx"
        if "word/document.xml" in names:
            return "docx"
        if any(n.startswith("ppt/") for n in names):
            raise _fail(path, "a PowerPoint file, not a supported format")
        if "content.xml" in names and "mimetype" in names:
            raise _fail(path, "an OpenDocument file; save it as .xlsx or .docx")
        raise _fail(path, "a zip archive, not an Excel workbook or Word document")
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise _fail(path, "an old Office 97-2003 file (.xls/.doc); save it as .xlsx or .docx")
    if head.startswith(b"%PDF"):
        raise _fail(path, "a PDF, not a supported format")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"  # UTF-16 with BOM (Excel "Unicode text"); decoded later
    if b"\x00" in head:
        raise _fail(path, "binary file (contains NUL bytes), not text")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] == b"[":
        return "json"
    if stripped[:1] == b"{":
        return "json_or_jsonl"
    # Other control characters in quantity mean binary data.
    ctrl = sum(1 for b in head[:4096] if b < 32 and b not in (9, 10, 12, 13))
    if ctrl > max(8, len(head[:4096]) // 100):
        raise _fail(path, "binary file, not text")
    return "text"


def _normalise_format(fmt: str | None) -> str | None:
    if fmt is None:
        return None
    f = str(fmt).strip().lower().lstrip(".")
    f = _FORMAT_ALIASES.get(f, f)
    if f not in ALL_FORMATS:
        raise InputFileError(f"unknown format {fmt!r} (use one of: {', '.join(ALL_FORMATS)})")
    return f


def _json_or_jsonl(data: bytes) -> str:
    """Tell a JSON document from JSON lines (several objects, one per line)."""
    text = data.decode("utf-8-sig", errors="replace")
    try:
        json.loads(text)
        return "json"
    except ValueError:
        pass
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) >= 2:
        try:
            json.loads(lines[0])
            return "jsonl"
        except ValueError:
            pass
    return "json"  # malformed: reported by the JSON reader with its position


def _parses_as_json(data: bytes, kind: str) -> bool:
    text = data.decode("utf-8-sig", errors="replace")
    try:
        if kind == "jsonl":
            json.loads(next(ln for ln in text.splitlines() if ln.strip()))
        else:
            json.loads(text)
        return True
    except (ValueError, StopIteration):
        return False


def detect_format(path: str | Path, fmt: str | None = None, *, data: bytes | None = None) -> str:
    """The format to read ``path`` with: csv, xlsx, json, jsonl, parquet, docx or txt.

    Decided by the file's content; the extension (or ``fmt`` when given) only chooses
    between compatible readings (e.g. ``.txt`` text is notes, ``.csv`` text is a table)
    and a mismatch is an error.
    """
    path = Path(path)
    claim = _normalise_format(fmt) or _EXT_FORMAT.get(path.suffix.lower())
    if data is None:
        data = _read_bytes(path)
    kind = _sniff_kind(path, data[:65536], len(data))
    if kind == "json_or_jsonl":
        kind = _json_or_jsonl(data)
    if kind in ("json", "jsonl") and claim in ("txt", "csv") and not _parses_as_json(data, kind):
        kind = "text"  # notes that merely start with "[" or "{" ("[Draft] ...")
    if claim is None:
        return {"text": "csv"}.get(kind, kind)
    if claim not in _COMPATIBLE[kind]:
        looks = _KIND_WORDS[kind]
        raise _fail(path, f"not {_CLAIM_WORDS[claim]} (looks like {looks})")
    if kind in ("json", "jsonl"):
        return kind
    return claim


# --------------------------------------------------------------------------- decoding
_PREFERRED_LEGACY = ("cp1252", "cp1250", "iso8859_15", "latin_1", "cp1257", "iso8859_2")


def decode_text(data: bytes, path: Path | None = None) -> tuple[str, str]:
    """Decode bytes of a text file; returns (text, encoding name)."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise _fail(Path(path or "?"), "looks like UTF-16 text but cannot be decoded") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = None
    try:
        from charset_normalizer import from_bytes

        matches = list(from_bytes(data[:200_000]))
        if matches:
            best = min(m.chaos for m in matches)
            tied = {m.encoding for m in matches if m.chaos <= best + 0.01}
            encoding = next((e for e in _PREFERRED_LEGACY if e in tied), None)
            if encoding is None:
                top = matches[0]
                if top.chaos < 0.1 and top.coherence > 0.2:
                    encoding = top.encoding
    except Exception:  # detection is best effort; latin-1 below never fails
        encoding = None
    for enc in (encoding, "cp1252", "latin-1"):
        if not enc:
            continue
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("latin-1"), "latin-1"  # pragma: no cover (latin-1 cannot fail)


# --------------------------------------------------------------------------- cells
def cell_to_str(v: Any) -> str:
    """Any cell value as a string: None/NaN -> "", 3.0 -> "3", dates -> ISO."""
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return ""
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return repr(v)
    if isinstance(v, _dt.datetime):
        if (v.hour, v.minute, v.second, v.microsecond) == (0, 0, 0, 0):
            return v.date().isoformat()
        return v.isoformat(sep=" ")
    if isinstance(v, (_dt.date, _dt.time)):
        return v.isoformat()
    if isinstance(v, (bytes, bytearray)):
        return bytes(v).decode("utf-8", errors="replace")
    if isinstance(v, (dict, list, tuple)):
        return json.dumps(v, ensure_ascii=False, default=str)
    try:
        if pd.isna(v):
            return ""
    except (TypeError, ValueError):
        pass
    if hasattr(v, "tolist"):  # numpy arrays / scalars
        return cell_to_str(v.tolist())
    return str(v)


def _unique_headers(raw: Iterable[Any]) -> list[str]:
    out: list[str] = []
    seen: dict[str, int] = {}
    for i, h in enumerate(raw):
        name = " ".join(cell_to_str(h).replace("\ufeff", "").split())
        if not name:
            name = f"column_{i + 1}"
        if name in seen:
            seen[name] += 1
            cand = f"{name}.{seen[name]}"
            while cand in seen:
                seen[name] += 1
                cand = f"{name}.{seen[name]}"
            name = cand
        seen.setdefault(name, 0)
        out.append(name)
    return out


def _frame(headers: list[str], rows: list[list[str]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=headers, dtype=object)
    if not rows:
        df = pd.DataFrame({h: pd.Series([], dtype=object) for h in headers})
    return df


# --------------------------------------------------------------------------- readers
def _pick_delimiter(header_line: str, suffix: str) -> str:
    if suffix in (".tsv", ".tab"):
        return "\t"
    counts = {}
    for d in (",", "\t", ";", "|"):
        n, inq = 0, False
        for ch in header_line:
            if ch == '"':
                inq = not inq
            elif ch == d and not inq:
                n += 1
        counts[d] = n
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] > 0 else ","


def _read_csv(path: Path, data: bytes) -> tuple[pd.DataFrame, list[str]]:
    text, _enc = decode_text(data, path)
    if "\x00" in text:
        raise _fail(path, "binary file (contains NUL characters), not text")
    text = text.lstrip("\ufeff")
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    sep_line = re.match(r"^\s*sep=(.)\s*$", first)  # Excel's "sep=;" first line
    skipped = 0
    if sep_line:
        delim = sep_line.group(1)
        cut = text.index(first) + len(first)
        skipped = text[:cut].count("\n") + 1
        text = text[cut:]
        text = text[1:] if text.startswith("\n") else text[2:] if text.startswith("\r\n") else text
    else:
        delim = _pick_delimiter(first, path.suffix.lower())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, quotechar='"',
                        skipinitialspace=False, strict=False)
    headers: list[str] | None = None
    rows: list[list[str]] = []
    refs: list[str] = []
    prev_line = skipped
    try:
        for rec in reader:
            start = prev_line + 1
            prev_line = reader.line_num + skipped
            if not rec or all(not c.strip() for c in rec):
                continue
            if headers is None:
                headers = _unique_headers(rec)
                continue
            n = len(headers)
            if len(rec) > n:
                # Trailing empty fields (a trailing comma) are harmless; real extra data is not.
                if any(c.strip() for c in rec[n:]):
                    raise _fail(path, f"line {start} has {len(rec)} fields but the header has {n} "
                                      "(ragged CSV: check quoting and delimiters)")
                rec = rec[:n]
            elif len(rec) < n:
                rec = rec + [""] * (n - len(rec))
            rows.append(rec)
            refs.append(f"line {start}")
    except csv.Error as exc:
        raise _fail(path, f"malformed CSV near line {reader.line_num + 1} ({exc})") from None
    if headers is None:
        raise _fail(path, "empty file (no header row)")
    return _frame(headers, rows), refs


def _header_row_index(rows: list[list[Any]], hint: Iterable[str] | None) -> int:
    """Index of the header row in the first rows of a sheet (title blocks skipped)."""
    probe = rows[:60]
    norm = lambda v: " ".join(cell_to_str(v).split()).casefold()  # noqa: E731
    wanted = {norm(h) for h in (hint or []) if h}
    if wanted:
        for i, r in enumerate(probe):
            if wanted <= {norm(v) for v in r}:
                return i
    counts = [sum(1 for v in r if cell_to_str(v).strip()) for r in probe]
    width = max(counts) if counts else 0
    # the header is the first row of text cells nearly as wide as the table: a title block
    # ("Survey export", "Exported: | 3 Oct") is narrower
    need = max(min(2, width), math.ceil(width * 0.8))
    for i, r in enumerate(probe):
        filled = [v for v in r if cell_to_str(v).strip()]
        if len(filled) >= need and all(isinstance(v, str) for v in filled):
            return i
    for i, c in enumerate(counts):
        if c:
            return i
    return 0


def _read_xlsx(path: Path, sheet: str | None, header_hint: Iterable[str] | None
               ) -> tuple[pd.DataFrame, list[str]]:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover
        raise _fail(path, "openpyxl is not installed") from None
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise _fail(path, f"cannot be read ({exc.strerror})") from None
    try:
        try:
            wb = openpyxl.load_workbook(fh, read_only=True, data_only=False)
        except Exception as exc:
            raise _fail(path, f"not a readable Excel workbook ({type(exc).__name__})") from None
        try:
            names = list(wb.sheetnames)
            if sheet is not None:
                if sheet not in names:
                    alt = {n.casefold().strip(): n for n in names}.get(sheet.casefold().strip())
                    if alt is None:
                        raise _fail(path, f"no sheet {sheet!r} (sheets: {', '.join(names)})")
                    sheet = alt
                chosen = [sheet]
            else:
                chosen = names
            for name in chosen:
                ws = wb[name]
                raw = []
                for r in ws.iter_rows(values_only=True):
                    raw.append(list(r))
                # trim trailing empty rows
                while raw and all(cell_to_str(v).strip() == "" for v in raw[-1]):
                    raw.pop()
                if not raw:
                    if sheet is not None:
                        raise _fail(path, f"sheet {name!r} is empty")
                    continue
                h = _header_row_index(raw, header_hint)
                width = max(len(r) for r in raw)
                header_cells = list(raw[h]) + [None] * (width - len(raw[h]))
                # drop trailing columns that have neither header nor data
                last = width
                while last > 0 and cell_to_str(header_cells[last - 1]).strip() == "" and all(
                        len(r) < last or cell_to_str(r[last - 1]).strip() == "" for r in raw[h + 1:]):
                    last -= 1
                headers = _unique_headers(header_cells[:last])
                rows, refs = [], []
                for i in range(h + 1, len(raw)):
                    r = [cell_to_str(v) for v in raw[i][:last]]
                    if all(not c.strip() for c in r):
                        continue
                    if len(r) < last:
                        r += [""] * (last - len(r))
                    rows.append(r)
                    refs.append(f"sheet '{name}' row {i + 1}")
                return _frame(headers, rows), refs
            raise _fail(path, "workbook has no sheet with data")
        finally:
            wb.close()
    finally:
        fh.close()


def _records_frame(path: Path, records: list[Any], what: str) -> tuple[pd.DataFrame, list[str]]:
    cols: dict[str, None] = {}
    for i, rec in enumerate(records):
        if not isinstance(rec, dict):
            raise _fail(path, f"{what} {i + 1} is not a JSON object (expected a list of records)")
        for k in rec:
            cols.setdefault(str(k), None)
    headers = list(cols)
    rows = [[cell_to_str(rec.get(h)) for h in headers] for rec in records]
    return _frame(headers, rows), []


def _json_error(path: Path, exc: json.JSONDecodeError, prefix: str = "") -> InputFileError:
    return _fail(path, f"{prefix}not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})")


def _read_json(path: Path, data: bytes) -> tuple[pd.DataFrame, list[str]]:
    text, _ = decode_text(data, path)
    try:
        obj = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise _json_error(path, exc) from None
    if isinstance(obj, dict):
        if isinstance(obj.get("records"), list):
            obj = obj["records"]
        else:
            lists = [v for v in obj.values() if isinstance(v, list)]
            if len(lists) == 1 and all(isinstance(x, dict) for x in lists[0]):
                obj = lists[0]
            else:
                raise _fail(path, "JSON object has no 'records' list (expected a list of records "
                                  "or {\"records\": [...]})")
    if not isinstance(obj, list):
        raise _fail(path, "JSON is not a list of records")
    df, _ = _records_frame(path, obj, "record")
    return df, [f"record {i + 1}" for i in range(len(df))]


def _read_jsonl(path: Path, data: bytes) -> tuple[pd.DataFrame, list[str]]:
    text, _ = decode_text(data, path)
    records, refs = [], []
    for n, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _fail(path, f"line {n} is not valid JSON (column {exc.colno}: {exc.msg})") from None
        if not isinstance(rec, dict):
            raise _fail(path, f"line {n} is not a JSON object")
        records.append(rec)
        refs.append(f"line {n}")
    df, _ = _records_frame(path, records, "line")
    return df, refs


def _read_parquet(path: Path) -> tuple[pd.DataFrame, list[str]]:
    try:
        import pyarrow.parquet as pq

        table = pq.read_table(path)
    except Exception as exc:
        raise _fail(path, f"not a readable parquet file ({type(exc).__name__})") from None
    headers = _unique_headers(table.column_names)
    cols = {}
    for h, col in zip(headers, table.columns):
        cols[h] = [cell_to_str(v) for v in col.to_pylist()]
    df = pd.DataFrame(cols, dtype=object) if cols else pd.DataFrame()
    if not cols:
        raise _fail(path, "parquet file has no columns")
    return df, [f"row {i + 1}" for i in range(len(df))]


def read_table_with_refs(path: str | Path, *, sheet: str | None = None, fmt: str | None = None,
                         header_hint: Iterable[str] | None = None
                         ) -> tuple[pd.DataFrame, list[str], str]:
    """Like :func:`read_table`, also returning each row's location and the format read."""
    path = Path(path)
    data = _read_bytes(path)
    f = detect_format(path, fmt, data=data)
    if f in ("docx",):
        raise _fail(path, "a Word document, not a table (CSV, XLSX, JSON, JSONL or parquet)")
    if f == "txt":
        f = "csv"
    if f == "csv":
        df, refs = _read_csv(path, data)
    elif f == "xlsx":
        del data
        df, refs = _read_xlsx(path, sheet, header_hint)
    elif f == "json":
        df, refs = _read_json(path, data)
    elif f == "jsonl":
        df, refs = _read_jsonl(path, data)
    else:
        del data
        df, refs = _read_parquet(path)
    if df.shape[1] == 0:
        raise _fail(path, "no columns found")
    return df.reset_index(drop=True), refs, f


def read_table(path: str | Path, *, sheet: str | None = None, fmt: str | None = None,
               header_hint: Iterable[str] | None = None) -> pd.DataFrame:
    """Read a CSV, XLSX, JSON, JSONL or parquet table: every column as strings.

    The reader is chosen by the file's content; ``fmt`` (or the extension) must agree.
    Cells are ``object``-dtype strings, missing values are ``""``, rows keep input order.
    ``header_hint``: column names expected in the header (helps find an XLSX header row
    below a title block).  Raises InputFileError with a one-line message on bad files.
    """
    df, _refs, _fmt = read_table_with_refs(path, sheet=sheet, fmt=fmt, header_hint=header_hint)
    return df


def require_column(df: pd.DataFrame, column: str, path: str | Path) -> str:
    """Raise InputFileError ``"IN.csv: no column 'X' (columns: a, b, c)"`` when absent."""
    if column in df.columns:
        return column
    cols = [str(c) for c in df.columns]
    shown = ", ".join(cols[:25]) + (f", ... ({len(cols) - 25} more)" if len(cols) > 25 else "")
    hint = ""
    close = [c for c in cols if c.strip().casefold() == str(column).strip().casefold()]
    if close:
        hint = f"; did you mean {close[0]!r}?"
    raise InputFileError(f"{path}: no column {column!r} (columns: {shown}){hint}")


# --------------------------------------------------------------------------- docx / text
def read_text_file(path: str | Path, data: bytes | None = None) -> str:
    """The decoded text of a TXT/Markdown file (line endings normalised to \\n)."""
    path = Path(path)
    if data is None:
        data = _read_bytes(path)
    text, _ = decode_text(data, path)
    if "\x00" in text:
        raise _fail(path, "binary file (contains NUL characters), not text")
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def open_docx(path: str | Path):
    """A python-docx Document opened read-only from ``path``."""
    path = Path(path)
    try:
        import docx
    except ImportError:  # pragma: no cover
        raise _fail(path, "python-docx is not installed") from None
    try:
        with open(path, "rb") as fh:
            return docx.Document(io.BytesIO(fh.read()))
    except OSError as exc:
        raise _fail(path, f"cannot be read ({exc.strerror})") from None
    except Exception as exc:
        raise _fail(path, f"not a readable Word document ({type(exc).__name__})") from None

