"""Run every stage on a consultation round, reusing stage outputs whose inputs are unchanged.

Order: ingest -> anonymise -> split into points -> embed -> themes -> map -> report.
Nothing after ``anonymise`` sees raw text, and raw text is never written to disk: the
first stage output saved is the anonymised responses table.

Each stage's output is keyed by a hash of everything it depends on (the round's input
files, the framework, the stage's settings, the upstream key and the package version);
when the key matches what is on disk the stage is skipped and its parquet files are read.
"""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pandas as pd

from . import __version__
from .config import Framework, RoundManifest, config_hash, load_framework, load_manifest, resolve_framework_path
from . import store
from .edits import EDITS_FILE, apply_mapping_edits, apply_theme_edits, load_edits
from .errors import InputFileError, PipelineError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
STATE_FILE = "_stages.json"


@dataclass
class RoundPaths:
    processed: Path
    models: Path
    reports: Path
    embedding_cache: Path
    store: Path

    @classmethod
    def for_round(cls, name: str, root: Path) -> "RoundPaths":
        return cls(
            processed=root / "data" / "processed" / name,
            models=root / "models" / name,
            reports=root / "reports" / name,
            embedding_cache=root / "data" / "processed" / "_embedding_cache",
            store=root / "data" / "processed" / "evidence.duckdb",
        )

    def make(self) -> None:
        for p in (self.processed, self.models, self.reports, self.embedding_cache):
            p.mkdir(parents=True, exist_ok=True)


@dataclass
class RunResult:
    round_name: str
    paths: RoundPaths
    stages: dict[str, str] = field(default_factory=dict)  # stage -> "ran" | "reused"
    timings: dict[str, float] = field(default_factory=dict)
    reconciliation: pd.DataFrame | None = None
    report_files: dict[str, Path] = field(default_factory=dict)
    input_hash: str = ""


def hash_inputs(manifest: RoundManifest, round_dir: Path, framework_path: Path) -> str:
    """A hash of every file that makes up the round: manifest, framework and sources."""
    h = hashlib.sha256()
    files = [round_dir / "round.yaml", framework_path]
    files += [round_dir / s.file for s in manifest.sources]
    for f in files:
        h.update(str(f.name).encode())
        if not f.is_file():
            raise InputFileError(f"{f}: source file not found")
        h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()[:16]


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.is_file() else "absent"


class _StageCache:
    """Remembers, per stage, the key its saved outputs were made from."""

    def __init__(self, processed: Path, force: bool):
        self.path = processed / STATE_FILE
        self.force = force
        try:
            self.state = json.loads(self.path.read_text()) if self.path.is_file() else {}
        except (OSError, ValueError):
            self.state = {}

    def fresh(self, stage: str, key: str, outputs: list[Path]) -> bool:
        return (not self.force and self.state.get(stage) == key
                and all(p.exists() for p in outputs))

    def done(self, stage: str, key: str) -> None:
        self.state[stage] = key
        self.path.write_text(json.dumps(self.state, indent=1, sort_keys=True))


def _say(console, quiet: bool, msg: str) -> None:
    if console is not None and not quiet:
        console.print(msg)


def run_round(round_dir: str | Path, *, root: Path | None = None, force: bool = False,
              quiet: bool = False, console=None) -> RunResult:
    """Run the whole pipeline on the round in ``round_dir``; return what was done."""
    round_dir = Path(round_dir).resolve()
    root = Path(root) if root else PROJECT_ROOT
    manifest = load_manifest(round_dir)
    fw_path = resolve_framework_path(manifest, round_dir, root)
    framework = load_framework(fw_path)
    load_edits(round_dir)  # a malformed edits file fails now, before any expensive stage
    settings = manifest.settings
    input_hash = hash_inputs(manifest, round_dir, fw_path)  # a missing source fails here
    paths = RoundPaths.for_round(manifest.name, root)
    paths.make()
    cache = _StageCache(paths.processed, force)
    result = RunResult(manifest.name, paths, input_hash=input_hash)
    P = paths.processed

    def stage(name: str, key: str, outputs: list[Path], compute: Callable[[], None]) -> None:
        t0 = time.perf_counter()
        if cache.fresh(name, key, outputs):
            result.stages[name] = "reused"
        else:
            _say(console, quiet, f"[bold]{name}[/bold] …")
            compute()
            cache.done(name, key)
            result.stages[name] = "ran"
        result.timings[name] = round(time.perf_counter() - t0, 2)

    # ---- ingest + anonymise + split (raw text lives only in memory here) ----------------
    from . import anonymise as anon_mod
    from . import ingest as ingest_mod

    prep_key = config_hash(__version__, input_hash, settings.anonymise, anon_mod.anonymiser_fingerprint())
    prep_out = [P / "responses.parquet", P / "ledger.parquet", P / "reconciliation.parquet",
                P / "anonymisation_audit.parquet", P / "points.parquet"]

    def prepare() -> None:
        raw, ledger = ingest_mod.ingest_round(manifest, round_dir)
        anon = anon_mod.anonymise(raw, settings.anonymise, text_column="text")
        del raw
        # Headings from notes become the question: they can carry names too.
        questions = sorted(set(anon["question"]) - {""})
        if questions:
            done = anon_mod.anonymise_texts(questions, settings.anonymise)
            renamed = {q: new for q, (new, _) in zip(questions, done)}
            anon["question"] = anon["question"].map(lambda q: renamed.get(q, q))
        points = ingest_mod.split_points(anon)
        anon.to_parquet(P / "responses.parquet", index=False)
        ledger.to_parquet(P / "ledger.parquet", index=False)
        ingest_mod.reconcile(ledger).to_parquet(P / "reconciliation.parquet", index=False)
        anon_mod.audit(anon, by="source").to_parquet(P / "anonymisation_audit.parquet", index=False)
        points.to_parquet(P / "points.parquet", index=False)

    stage("ingest+anonymise", prep_key, prep_out, prepare)
    result.reconciliation = pd.read_parquet(P / "reconciliation.parquet")
    n_points = len(pd.read_parquet(P / "points.parquet", columns=["point_id"]))
    check_memory(n_points, manifest.name)
    from .embed import choose_precision, model_spec

    # The model every later stage embeds with (int8 weights for large rounds, see embed.py).
    emb_model = model_spec(settings.themes.embedding_model,
                           choose_precision(settings.themes.embedding_precision, n_points))
    theme_settings = settings.themes.model_copy(update={"embedding_model": emb_model})

    # ---- embeddings (cached by text, shared across rounds) ------------------------------
    _emb: dict[str, object] = {}

    def embeddings():
        if "x" not in _emb:
            from .embed import embed_texts
            points = pd.read_parquet(P / "points.parquet")
            _emb["x"] = embed_texts(points["text"].tolist(), emb_model,
                                    cache_dir=paths.embedding_cache, show_progress=not quiet)
        return _emb["x"]

    # ---- themes ------------------------------------------------------------------------
    theme_key = config_hash(prep_key, theme_settings)
    theme_out = [P / "points_themes.parquet", P / "themes.parquet"]

    def themes() -> None:
        from .themes import discover_themes
        points = pd.read_parquet(P / "points.parquet")
        pts, table = discover_themes(points, embeddings(), theme_settings, model_dir=paths.models,
                                     cache_dir=paths.embedding_cache)
        pts.to_parquet(P / "points_themes.parquet", index=False)
        table.to_parquet(P / "themes.parquet", index=False)

    stage("themes", theme_key, theme_out, themes)

    # ---- mapping onto the priorities -----------------------------------------------------
    map_key = config_hash(theme_key, framework, settings.mapping)

    def mapping() -> None:
        from . import mapping as map_mod
        pts = pd.read_parquet(P / "points_themes.parquet")
        mapped = map_mod.map_priorities(pts, framework, settings.mapping, embeddings=embeddings(),
                                        model_name=emb_model, cache_dir=paths.embedding_cache)
        mapped.to_parquet(P / "mapped_raw.parquet", index=False)

    stage("map", map_key, [P / "mapped_raw.parquet"], mapping)

    # ---- analyst edits, then the evidence tables and the store ----------------------------
    edits_path = round_dir / EDITS_FILE
    evidence_key = config_hash(map_key, _file_hash(edits_path))
    evidence_out = [P / "mapped.parquet", P / "themes_final.parquet", P / "coverage.parquet",
                    P / "theme_priorities.parquet", P / "emerging.parquet", P / "edits_log.json"]

    def evidence() -> None:
        from . import mapping as map_mod
        from .compare import theme_centroids
        edits = load_edits(round_dir)
        pts = pd.read_parquet(P / "mapped_raw.parquet")
        table = pd.read_parquet(P / "themes.parquet")
        pts, table, log = apply_theme_edits(pts, table, edits)
        pts, log2 = apply_mapping_edits(pts, edits, framework)
        cents = theme_centroids(pts, embeddings())
        table["centroid"] = table["theme_id"].map(lambda t: cents[int(t)].tolist() if int(t) in cents else None)
        cov = map_mod.coverage(pts, framework, settings.mapping,
                               n_quotes=settings.report.quotes_per_priority)
        links = map_mod.theme_priorities(pts, table)
        emerging = map_mod.emerging_issues(pts, table, score_threshold=map_mod.none_threshold(settings.mapping))
        pts.to_parquet(P / "mapped.parquet", index=False)
        table.to_parquet(P / "themes_final.parquet", index=False)
        cov.to_parquet(P / "coverage.parquet", index=False)
        links.to_parquet(P / "theme_priorities.parquet", index=False)
        emerging.to_parquet(P / "emerging.parquet", index=False)
        (P / "edits_log.json").write_text(json.dumps(log + log2, indent=1))
        responses = pd.read_parquet(P / "responses.parquet")
        store.save_round(paths.store, manifest.name, {
            "rounds": pd.DataFrame([{
                "title": manifest.title or manifest.name, "start_date": manifest.start_date,
                "end_date": manifest.end_date, "previous_round": manifest.previous_round,
                "framework": framework.name, "run_at": _now(), "input_hash": input_hash,
                "n_responses": len(responses), "n_points": len(pts),
                "n_respondents": int(responses["respondent_id"].nunique())}]),
            "responses": responses, "points": pts, "themes": table, "coverage": cov,
            "theme_priorities": links, "emerging": emerging,
            "edits": pd.DataFrame({"seq": range(len(log + log2)), "description": log + log2}),
        })

    stage("evidence", evidence_key, evidence_out, evidence)

    # ---- reports -----------------------------------------------------------------------
    ysw_path = round_dir / "you_said_we_did.csv"
    prev = manifest.previous_round
    prev_state = _file_hash(paths.processed.parent / prev / STATE_FILE) if prev else "none"
    report_key = config_hash(evidence_key, settings.report, _file_hash(ysw_path), prev_state)
    report_out = [paths.reports / n for n in ("report.html", "report.docx", "evidence.xlsx")]

    def reports() -> None:
        result.report_files = _write_reports(manifest, framework, round_dir, paths, input_hash, emb_model)

    stage("report", report_key, report_out, reports)
    if not result.report_files:
        result.report_files = {p.name: p for p in report_out}
    return result


# Measured on the scale benchmark: a fixed cost for the models and libraries, plus the
# embeddings, UMAP's neighbour graph and the tables per comment point.
BASE_MEMORY_GB = 1.6
MEMORY_PER_POINT_KB = 20.0


def memory_needed_gb(n_points: int) -> float:
    return BASE_MEMORY_GB + n_points * MEMORY_PER_POINT_KB / 2**20


def check_memory(n_points: int, round_name: str) -> None:
    """Stop with a clear message, before the expensive stages, if memory will not suffice."""
    import psutil

    need = memory_needed_gb(n_points)
    avail = psutil.virtual_memory().available / 2**30
    if need > avail:
        raise PipelineError(
            f"round {round_name!r} has {n_points:,} comment points and needs about {need:.1f} GB of "
            f"memory, but only {avail:.1f} GB is available: close other programs or split the round")


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def since_last_round(manifest: RoundManifest, paths: RoundPaths):
    """The comparison with the manifest's previous round, if that round is in the store."""
    from .compare import compare_tables

    prev = manifest.previous_round
    if not prev or prev not in store.rounds(paths.store):
        return None
    P = paths.processed
    t = lambda name: store.read_table(paths.store, name, prev)  # noqa: E731
    responses = pd.read_parquet(P / "responses.parquet", columns=["respondent_id"])
    return compare_tables(prev, manifest.name, t("themes"), pd.read_parquet(P / "themes_final.parquet"),
                          t("coverage"), pd.read_parquet(P / "coverage.parquet"),
                          t("emerging"), pd.read_parquet(P / "emerging.parquet"),
                          pd.read_parquet(P / "theme_priorities.parquet"),
                          int(t("rounds")["n_respondents"].iloc[0]), int(responses["respondent_id"].nunique()))


def _write_reports(manifest: RoundManifest, framework: Framework, round_dir: Path,
                   paths: RoundPaths, input_hash: str, emb_model: str) -> dict[str, Path]:
    from . import report as rep
    from .models import model_versions

    P = paths.processed
    read = lambda n: pd.read_parquet(P / n)  # noqa: E731
    coverage = read("coverage.parquet")
    themes = read("themes_final.parquet")
    small = manifest.settings.report.small_number
    ysw = rep.load_you_said_we_did(round_dir, coverage, themes, framework, small)
    # A fresh template for officers, beside the reports (the raw round folder is read-only):
    # they complete it and save it as you_said_we_did.csv in the round folder.
    template = paths.reports / "you_said_we_did_template.csv"
    template.unlink(missing_ok=True)
    rep.write_you_said_we_did_template(template, coverage, themes, framework, small)
    meta = {
        "round": manifest.name,
        "title": manifest.title or manifest.name,
        "start_date": manifest.start_date,
        "end_date": manifest.end_date,
        "framework": framework.name,
        "run_date": _now(),
        "input_hash": input_hash,
        "models": {"sentence embeddings": emb_model + ("" if emb_model.endswith("@int8") else " (float32)"),
                   **model_versions()},
        "settings": manifest.settings.model_dump(mode="json"),
        "analyst_edits": json.loads((P / "edits_log.json").read_text()),
        "since_last_round": since_last_round(manifest, paths),
    }
    inputs = rep.ReportInputs(
        points=read("mapped.parquet"), responses=read("responses.parquet"), themes=themes,
        coverage=coverage, theme_priorities=read("theme_priorities.parquet"),
        emerging=read("emerging.parquet"), reconciliation=read("reconciliation.parquet"),
        audit=read("anonymisation_audit.parquet"), framework=framework,
        you_said_we_did=ysw, meta=meta, settings=manifest.settings.report,
    )
    return rep.write_reports(rep.build_report(inputs), paths.reports)
