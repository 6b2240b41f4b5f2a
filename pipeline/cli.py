"""Command line: ``python -m pipeline COMMAND``.  Thin: parses, calls a stage, writes.

Every user-facing problem is a one-line message on stderr and a non-zero exit, never a
traceback.  Set PIPELINE_DEBUG=1 to see the traceback of an unexpected error.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from .errors import PipelineError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Consultation evidence pipeline: ingest, anonymise, theme, map and report "
                       "a round of consultation feedback, fully offline.")
console = Console(stderr=True)
SAMPLE_ROUND = Path(__file__).resolve().parent.parent / "data" / "raw" / "sample"

TextColumn = typer.Option(..., "--text-column", "-c", help="Column holding the free text.")
OutFile = typer.Option(..., "--out", "-o", help="Output file: .csv, .xlsx, .json, .jsonl or .parquet.")
Sheet = typer.Option(None, "--sheet", help="Excel sheet name (default: the first data sheet).")


def _output_root() -> Optional[Path]:
    """Where data/processed, models and reports go: $PIPELINE_ROOT, else the project folder."""
    root = os.environ.get("PIPELINE_ROOT")
    return Path(root) if root else None


def _read_input(path: Path, text_column: str, sheet: Optional[str]):
    from .ingest import read_table, require_column

    df = read_table(path, sheet=sheet, header_hint=[text_column])
    require_column(df, text_column, path)
    return df


@app.command()
def run(round_dir: Path = typer.Argument(None, help="Round folder with round.yaml (default: the bundled sample round)."),
        force: bool = typer.Option(False, "--force", help="Re-run every stage even if its inputs are unchanged."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress output.")) -> None:
    """Run every stage on a round: ingest, anonymise, themes, map, reports."""
    from .run import run_round

    result = run_round(round_dir or SAMPLE_ROUND, root=_output_root(), force=force, quiet=quiet, console=console)
    if not quiet:
        rec = result.reconciliation
        t = Table(title=f"Ingest reconciliation: round {result.round_name}")
        for col in ("source", "rows_read", "included", "excluded"):
            t.add_column(col, justify="left" if col == "source" else "right")
        for r in rec.itertuples(index=False):
            t.add_row(str(r.source), str(r.rows_read), str(r.included), str(r.excluded))
        t.add_row("[bold]total", str(int(rec.rows_read.sum())), str(int(rec.included.sum())),
                  str(int(rec.excluded.sum())))
        console.print(t)
        stages = ", ".join(f"{k} {v} ({result.timings[k]:.1f}s)" for k, v in result.stages.items())
        console.print(f"Stages: {stages}")
        for name, path in result.report_files.items():
            console.print(f"Report: {path}")


@app.command()
def anonymise(input: Path = typer.Argument(..., help="Input table (CSV, XLSX, JSON/JSONL, parquet)."),
              text_column: str = TextColumn, out: Path = OutFile, sheet: Optional[str] = Sheet) -> None:
    """Replace personal data in a text column with typed placeholders; every row back."""
    df = _read_input(input, text_column, sheet)  # bad input fails fast, before models load
    from .anonymise import anonymise as run_anonymise
    from .outputs import write_table

    res = run_anonymise(df, text_column=text_column, group_column=None)
    write_table(res.drop(columns=["pii_counts"]), out)
    console.print(f"Anonymised {len(res)} rows -> {out}")


@app.command()
def themes(input: Path = typer.Argument(..., help="Input table (CSV, XLSX, JSON/JSONL, parquet)."),
           text_column: str = TextColumn, out: Path = OutFile, sheet: Optional[str] = Sheet) -> None:
    """Discover themes; adds theme_id and theme_label to every row.  Anonymise first."""
    df = _read_input(input, text_column, sheet)
    from .outputs import write_table
    from .themes import themes_for_table

    write_table(themes_for_table(df, text_column), out)
    console.print(f"Themed {len(df)} rows -> {out}")


@app.command(name="map")
def map_(input: Path = typer.Argument(..., help="Input table (CSV, XLSX, JSON/JSONL, parquet)."),
         text_column: str = TextColumn,
         framework: Path = typer.Option(..., "--framework", "-f", help="Priority framework YAML."),
         out: Path = OutFile, sheet: Optional[str] = Sheet) -> None:
    """Map each row onto the framework's priorities; adds priority_ids and priority_scores."""
    from .config import load_framework

    fw = load_framework(framework)
    df = _read_input(input, text_column, sheet)
    from .mapping import map_table
    from .outputs import write_table

    write_table(map_table(df, text_column, fw), out)
    console.print(f"Mapped {len(df)} rows -> {out}")


def _round_name(ref: str) -> str:
    """A round given by name, or by its folder (read from its round.yaml)."""
    path = Path(ref)
    if (path / "round.yaml").is_file():
        from .config import load_manifest
        return load_manifest(path).name
    return ref


@app.command()
def compare(round_a: str = typer.Argument(..., help="Earlier round: name or folder."),
            round_b: str = typer.Argument(..., help="Later round: name or folder."),
            out: Optional[Path] = typer.Option(None, "--out", "-o", help="Also write the comparison to this .xlsx file.")) -> None:
    """What changed between two rounds already run: themes matched, new, grown, shrunk; priorities."""
    from .compare import compare_rounds
    from .outputs import write_xlsx_safe
    from .run import PROJECT_ROOT, RoundPaths

    a, b = _round_name(round_a), _round_name(round_b)
    cmp = compare_rounds(RoundPaths.for_round(b, _output_root() or PROJECT_ROOT).store, a, b)
    out_console = Console()
    t = Table(title=f"Themes: {a} -> {b}")
    for col in ("status", "change", f"theme in {a}", "size", f"theme in {b}", "size "):
        t.add_column(col)
    for r in cmp.themes.itertuples(index=False):
        t.add_row(r.status, r.change, str(r.label_a or ""), str(r.size_a), str(r.label_b or ""), str(r.size_b))
    out_console.print(t)
    p = Table(title="Priorities: respondents giving evidence")
    for col in ("priority", "tier", a, b, "change"):
        p.add_column(col)
    for r in cmp.priorities.itertuples(index=False):
        p.add_row(r.priority_id, str(r.tier), str(r.n_respondents_a), str(r.n_respondents_b), f"{r.change_respondents:+d}")
    out_console.print(p)
    if len(cmp.emerging_resolved):
        out_console.print("Emerging issues now covered by a priority: " + "; ".join(
            f"{r.label_a} -> {r.priority_id}" for r in cmp.emerging_resolved.itertuples(index=False)))
    if out:
        write_xlsx_safe({"Themes": cmp.themes, "Priorities": cmp.priorities,
                         "Emerging now covered": cmp.emerging_resolved}, out)
        console.print(f"Comparison -> {out}")


def main() -> None:
    try:
        app(standalone_mode=False)
    except PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except (typer.Exit, SystemExit) as exc:  # --help and friends
        code = getattr(exc, "exit_code", getattr(exc, "code", 0))
        sys.exit(code or 0)
    except typer.Abort:
        print("error: aborted", file=sys.stderr)
        sys.exit(130)
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # click usage errors and anything unexpected: one line
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):  # click usage error
            print(f"error: {exc.format_message()}", file=sys.stderr)
            sys.exit(exc.exit_code or 2)
        if os.environ.get("PIPELINE_DEBUG"):
            raise
        print(f"error: unexpected {type(exc).__name__} (set PIPELINE_DEBUG=1 for details)", file=sys.stderr)
        sys.exit(3)


if __name__ == "__main__":
    main()
