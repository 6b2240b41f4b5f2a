"""Evidence reports: report.html, report.docx and evidence.xlsx from one content model.

    from pipeline.report import ReportInputs, build_report, write_reports
    content = build_report(ReportInputs(framework=fw, points=..., themes=..., coverage=...))
    paths = write_reports(content, Path("reports") / round_name)

``build_report`` computes every number once (small numbers already suppressed, quotes
already screened and attributed); the three renderers only lay the content out.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import PipelineError
from .content import build_report
from .model import ReportContent, ReportInputs
from .render_docx import write_docx
from .render_html import render_html, write_html
from .render_xlsx import write_xlsx
from .you_said import load_you_said_we_did, write_you_said_we_did_template

OUTPUTS = {"html": "report.html", "docx": "report.docx", "xlsx": "evidence.xlsx"}


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_reports(content: ReportContent, out_dir: Path) -> dict[str, Path]:
    """Write report.html, report.docx and evidence.xlsx into out_dir (each written to a
    temporary file first, so a failed run never leaves a half-written report)."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PipelineError(f"{out_dir}: cannot create the report folder ({exc.strerror})") from None
    writers = {"html": write_html, "docx": write_docx, "xlsx": write_xlsx}
    paths: dict[str, Path] = {}
    for kind, name in OUTPUTS.items():
        final = out_dir / name
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=out_dir)
        os.close(fd)
        try:
            writers[kind](content, Path(tmp))
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, final)
        except OSError as exc:
            raise PipelineError(f"{final}: cannot write the report ({exc.strerror})") from None
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        paths[kind] = final
    return paths


__all__ = [
    "ReportContent", "ReportInputs", "build_report", "write_reports", "render_html",
    "load_you_said_we_did", "write_you_said_we_did_template", "OUTPUTS",
]
