"""Writing result tables for the standalone commands (CSV, XLSX, JSON/JSONL, parquet)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import PipelineError

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_table(df: pd.DataFrame, out: str | Path) -> Path:
    """Write ``df`` by the extension of ``out``.  Excel cells are always text, never formulas."""
    out = Path(out)
    ext = out.suffix.lower()
    if out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    if ext in (".csv", ".txt", ""):
        df.to_csv(out, index=False, encoding="utf-8")
    elif ext == ".tsv":
        df.to_csv(out, index=False, sep="\t", encoding="utf-8")
    elif ext == ".parquet":
        df.to_parquet(out, index=False)
    elif ext == ".jsonl":
        df.to_json(out, orient="records", lines=True, force_ascii=False)
    elif ext == ".json":
        df.to_json(out, orient="records", force_ascii=False, indent=1)
    elif ext == ".xlsx":
        write_xlsx_safe({"data": df}, out)
    else:
        raise PipelineError(f"{out}: unsupported output format {ext!r} (use .csv, .xlsx, .json, .jsonl or .parquet)")
    return out


def write_xlsx_safe(sheets: dict[str, pd.DataFrame], out: Path) -> None:
    """Write sheets with openpyxl so that no cell can be read as a formula."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, df in sheets.items():
        ws = wb.create_sheet(title=name[:31])
        ws.append([str(c) for c in df.columns])
        for row in df.itertuples(index=False):
            ws.append([None if (isinstance(v, float) and pd.isna(v)) else v for v in row])
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                    cell.data_type = "s"
        ws.freeze_panes = "A2"
    wb.save(out)
