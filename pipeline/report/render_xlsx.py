"""evidence.xlsx: one sheet per table, frozen header rows, text never run as a formula."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .model import ReportContent, Table
from .safety import clean_text

# A cell starting with one of these could be read as a formula (or DDE) by a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_HEADER_FILL = PatternFill("solid", fgColor="DDE5EE")


def _set(cell, value) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        cell.value = "Yes" if value else "No"
        return
    if isinstance(value, (int, float)):
        cell.value = value
        return
    s = clean_text(value)
    cell.value = s
    # openpyxl types a string starting with "=" as a formula: force a plain string, and set
    # Excel's quote prefix so the cell stays text even when a reader edits it.
    cell.data_type = "s"
    if s.startswith(FORMULA_START):
        cell.quotePrefix = True


def _sheet(wb: Workbook, t: Table) -> None:
    ws = wb.create_sheet(title=t.key[:31])
    for j, col in enumerate(t.columns, start=1):
        c = ws.cell(row=1, column=j)
        _set(c, col)
        c.font = Font(bold=True)
        c.fill = _HEADER_FILL
        c.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [min(max(len(str(c)), 8), 40) for c in t.columns]
    for i, row in enumerate(t.rows, start=2):
        for j, v in enumerate(row, start=1):
            cell = ws.cell(row=i, column=j)
            _set(cell, v)
            n = len(str(v)) if v is not None else 0
            if n > 60:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            widths[j - 1] = min(max(widths[j - 1], n), 80)
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w + 2
    ws.freeze_panes = "A2"
    if t.rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(t.columns))}{len(t.rows) + 1}"


def write_xlsx(content: ReportContent, path: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for t in content.sheets:
        _sheet(wb, t)
    wb.properties.title = content.title[:250]
    wb.properties.creator = "consultation evidence pipeline"
    wb.save(path)
    return path
