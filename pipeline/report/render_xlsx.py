"""evidence.xlsx: one sheet per table, frozen header rows, text never run as a formula.

Written with openpyxl's write-only mode, so a 100,000-comment round streams to disk
instead of building every cell in memory.
"""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .model import ReportContent, Table
from .safety import clean_text

# A cell starting with one of these could be read as a formula (or DDE) by a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_HEADER_FILL = PatternFill("solid", fgColor="DDE5EE")
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def _cell(ws, value, header: bool = False) -> WriteOnlyCell:
    if isinstance(value, bool):
        value = "Yes" if value else "No"
    if value is None or isinstance(value, (int, float)):
        c = WriteOnlyCell(ws, value=value)
    else:
        s = clean_text(value)
        c = WriteOnlyCell(ws, value=s)
        # openpyxl types a string starting with "=" as a formula: force a plain string,
        # and set Excel's quote prefix so the cell stays text even when a reader edits it.
        c.data_type = "s"
        if s.startswith(FORMULA_START):
            c.quotePrefix = True
        if len(s) > 60:
            c.alignment = _WRAP
    if header:
        c.font = _BOLD
        c.fill = _HEADER_FILL
        c.alignment = _WRAP
    return c


def _sheet(wb: Workbook, t: Table) -> None:
    ws = wb.create_sheet(title=t.key[:31])
    # Column widths from the header and a sample of rows (set before any row is written).
    widths = [min(max(len(str(c)), 8), 40) for c in t.columns]
    for row in t.rows[:500]:
        for j, v in enumerate(row[: len(widths)]):
            widths[j] = min(max(widths[j], len(str(v)) if v is not None else 0), 80)
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w + 2
    ws.freeze_panes = "A2"
    if t.rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(t.columns))}{len(t.rows) + 1}"
    ws.append([_cell(ws, c, header=True) for c in t.columns])
    for row in t.rows:
        ws.append([_value(ws, v) for v in row])


def _value(ws, value):
    """A row value as written: plain numbers and short strings that cannot be read as a
    formula go in as they are (much faster for 100,000-row sheets); the rest as cells."""
    if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return value
    if isinstance(value, str) and len(value) <= 60 and not value.startswith(FORMULA_START) \
            and value == clean_text(value):
        return value
    return _cell(ws, value)


def write_xlsx(content: ReportContent, path: Path) -> Path:
    wb = Workbook(write_only=True)
    for t in content.sheets:
        _sheet(wb, t)
    wb.properties.title = content.title[:250]
    wb.properties.creator = "consultation evidence pipeline"
    wb.save(path)
    return path
