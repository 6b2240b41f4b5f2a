"""report.html: one self-contained, accessible file (inline CSS/JS, images as data URIs)."""
from __future__ import annotations

import base64
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .model import ReportContent

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,  # every value is HTML-escaped: response text can never become markup
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["capfirst"] = lambda s: s[:1].upper() + s[1:] if s else s
    env.filters["b64"] = lambda b: base64.b64encode(b).decode("ascii")
    return env


def render_html(content: ReportContent) -> str:
    return _env().get_template("report.html.j2").render(c=content)


def write_html(content: ReportContent, path: Path) -> Path:
    path.write_text(render_html(content), encoding="utf-8")
    return path
