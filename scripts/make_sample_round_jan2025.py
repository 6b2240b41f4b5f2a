"""Assemble the second sample round, data/raw/sample-jan-2025/ (January 2025 workshops).

    .venv/bin/python scripts/make_sample_round_jan2025.py          # write, then check
    .venv/bin/python scripts/make_sample_round_jan2025.py --check  # check the files only

The comments themselves live in scripts/sample_content_jan2025/ (each written by hand); this
script only lays them out as the files a council would really receive, and is deterministic:
re-running it reproduces the same bytes (fixed seed, fixed document timestamps).

  workshops_jan2025.xlsx      sticky notes from three workshops: a 3-row title block, then a
                              header row (Workshop, Date, Table, Prompt, Participant type, Note)
  followup_survey.csv         follow-up survey export saved by Excel: Windows-1252, CRLF
  young_people_session.docx   facilitators' notes: title, header lines, headings, bullets
  written/submission_0N.txt   four written submissions (UTF-8)
  round.yaml                  the RoundManifest (pipeline/config.py)

and tests/fixtures/sample_jan2025_seeded_pii.json: every seeded fake personal value, exactly as
it appears, with its type and file (relative to the round folder).
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import re
import shutil
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl
import yaml
from openpyxl.styles import Alignment, Font

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from sample_content_jan2025 import DISTRICTS, GROUPS, MARKUP, strip_markup  # noqa: E402
from sample_content_jan2025 import survey, workshops, written, young_people  # noqa: E402

ROUND_DIR = ROOT / "data" / "raw" / "sample-jan-2025"
FIXTURE = ROOT / "tests" / "fixtures" / "sample_jan2025_seeded_pii.json"
ROUND1_FIXTURE = ROOT / "tests" / "fixtures" / "sample_seeded_pii.json"

XLSX = "workshops_jan2025.xlsx"
CSV = "followup_survey.csv"
DOCX = "young_people_session.docx"
SHEET = "Typed notes"
XLSX_HEADER = ["Workshop", "Date", "Table", "Prompt", "Participant type", "Note"]
CSV_HEADER = ["Response ID", "Completed", "I am responding as", "District", "Professional role",
              survey.Q1, survey.Q2]
FIXED_TIME = (2025, 1, 31, 17, 0, 0)  # documents "saved" at the close of the round
SEED = 20250131
NON_ANSWERS = {"", "n/a", "-", "none"}


class Seeded:
    """Collects (value, type, file) for every PII markup removed."""

    def __init__(self) -> None:
        self.entries: list[dict[str, str]] = []
        self._seen: set[tuple[str, str, str]] = set()
        self.units_with_pii = 0
        self.units = 0

    def text(self, raw: str, file: str, *, unit: bool = True) -> str:
        sink: list[tuple[str, str]] = []
        out = strip_markup(raw, sink)
        if unit and out.strip().lower() not in NON_ANSWERS:
            self.units += 1
            self.units_with_pii += bool(sink)
        for value, typ in sink:
            key = (value, typ, file)
            if key not in self._seen:
                self._seen.add(key)
                self.entries.append({"value": value, "type": typ, "file": file})
        return out


# --------------------------------------------------------------------------- writers
def _normalise_zip(path: Path) -> None:
    """Rewrite an OOXML file with fixed entry times and document dates (byte-reproducible)."""
    stamp = "%04d-%02d-%02dT%02d:%02d:%02dZ" % FIXED_TIME
    with zipfile.ZipFile(path) as zin:
        items = [(info.filename, zin.read(info.filename)) for info in zin.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in items:
            if name == "docProps/core.xml":
                text = data.decode("utf-8")
                for tag in ("dcterms:created", "dcterms:modified"):
                    text = re.sub(rf"(<{tag}[^>]*>)[^<]*(</{tag}>)", rf"\g<1>{stamp}\g<2>", text)
                data = text.encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, data)
    path.write_bytes(buf.getvalue())


def write_workshops(seeded: Seeded, out: Path) -> int:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append([workshops.TITLE])
    ws.append([workshops.SUBTITLE])
    ws.append([])
    ws.append(XLSX_HEADER)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"].font = Font(italic=True)
    ws.merge_cells("A1:F1")
    ws.merge_cells("A2:F2")
    for cell in ws[4]:
        cell.font = Font(bold=True)
    n = 0
    for w in workshops.WORKSHOPS:
        day = dt.date.fromisoformat(w["date"])
        for table, prompt, group, note in w["notes"]:
            text = seeded.text(note, XLSX)
            ws.append([w["name"], day, table, workshops.PROMPTS[prompt], GROUPS[group],
                       text or None])
            ws.cell(row=ws.max_row, column=2).number_format = "DD/MM/YYYY"
            ws.cell(row=ws.max_row, column=6).alignment = Alignment(wrap_text=True, vertical="top")
            n += 1
    for col, width in zip("ABCDEF", (28, 12, 9, 36, 16, 80)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A5"
    ws.auto_filter.ref = f"A4:F{ws.max_row}"
    wb.properties.creator = "SEND Partnership engagement team"
    wb.properties.created = dt.datetime(*FIXED_TIME)
    path = out / XLSX
    wb.save(path)
    _normalise_zip(path)
    return n


def write_survey(seeded: Seeded, out: Path) -> int:
    rng = random.Random(SEED)
    start = dt.datetime(2025, 1, 6, 8, 0)
    span = int((dt.datetime(2025, 1, 31, 23, 0) - start).total_seconds() // 60)
    times = sorted(start + dt.timedelta(minutes=rng.randrange(span)) for _ in survey.RESPONDENTS)
    rid = 318204411
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_HEADER)
    for (group, district, role, q1, q2), when in zip(survey.RESPONDENTS, times):
        rid += rng.randint(3, 140)
        w.writerow([rid, when.strftime("%d/%m/%Y %H:%M"), GROUPS[group], DISTRICTS[district],
                      role, seeded.text(q1, CSV), seeded.text(q2, CSV)])
    # Excel's "CSV (Comma delimited)" is the ANSI code page: strict, so a character Excel
    # could not save is an error here rather than a silent '?'.
    (out / CSV).write_bytes(buf.getvalue().encode("cp1252"))
    return len(survey.RESPONDENTS)


def write_young_people(seeded: Seeded, out: Path) -> int:
    d = docx.Document()
    d.core_properties.author = "Youth participation team"
    d.core_properties.title = young_people.TITLE
    d.core_properties.created = dt.datetime(*FIXED_TIME)
    d.core_properties.modified = dt.datetime(*FIXED_TIME)
    d.core_properties.last_modified_by = "Youth participation team"
    d.core_properties.revision = 1
    d.add_heading(young_people.TITLE, level=0)
    for line in young_people.INTRO:
        d.add_paragraph(line)
    n = 0
    for heading, bullets in young_people.SECTIONS:
        d.add_heading(heading, level=2)
        for b in bullets:
            d.add_paragraph(seeded.text(b, DOCX), style="List Bullet")
            n += 1
    path = out / DOCX
    d.save(path)
    _normalise_zip(path)
    return n


def write_letters(seeded: Seeded, out: Path) -> int:
    folder = out / "written"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    for name, _date, _group, text in written.LETTERS:
        rel = f"written/{name}"
        (folder / name).write_text(seeded.text(text, rel), encoding="utf-8", newline="\n")
    return len(written.LETTERS)


def manifest() -> dict:
    sources = [
        {"file": XLSX, "channel": "workshop", "format": "xlsx", "sheet": SHEET,
         "text_columns": ["Note"], "group_column": "Participant type",
         "event_column": "Workshop", "date_column": "Date", "extra_columns": ["Table", "Prompt"]},
        {"file": CSV, "channel": "survey", "format": "csv",
         "text_columns": [survey.Q1, survey.Q2], "respondent_id_column": "Response ID",
         "group_column": "I am responding as", "date_column": "Completed",
         "extra_columns": ["District", "Professional role"],
         "event": "Follow-up survey (January 2025)"},
        {"file": DOCX, "channel": "event", "format": "docx",
         "event": "Young people's session", "date": young_people.DATE, "group": "Young person"},
    ]
    for name, date, group, _text in written.LETTERS:
        sources.append({"file": f"written/{name}", "channel": "written", "format": "txt",
                        "event": "Written submissions", "date": date, "group": GROUPS[group]})
    return {
        "name": "sample-jan-2025",
        "title": "SEND Strategy 2025-28: further consultation and workshops (January 2025)",
        "start_date": "2025-01-06",
        "end_date": "2025-01-31",
        "framework": "data/frameworks/send-strategy-2025-28.yaml",
        "previous_round": "sample",
        "sources": sources,
    }


MANIFEST_HEADER = """\
# The January 2025 "further consultation and workshops" round of the fictional SEND strategy
# consultation: the second sample round, compared with the October 2024 round ("sample").
# Synthetic data, generated by scripts/make_sample_round_jan2025.py from the comments in
# scripts/sample_content_jan2025/: edit those and re-run the script rather than this folder.
# followup_survey.csv is Windows-1252 (as Excel saves CSV); its "Completed" column and the
# workshop "Date" cells are UK day-first dates.
"""


def write_all(out: Path = ROUND_DIR, fixture: Path = FIXTURE) -> dict[str, int]:
    """Write the round's files into ``out`` and the seeded-value list to ``fixture``."""
    out.mkdir(parents=True, exist_ok=True)
    seeded = Seeded()
    counts = {
        XLSX: write_workshops(seeded, out),
        CSV: write_survey(seeded, out),
        DOCX: write_young_people(seeded, out),
        "written/*.txt": write_letters(seeded, out),
    }
    (out / "round.yaml").write_text(
        MANIFEST_HEADER + yaml.safe_dump(manifest(), sort_keys=False, allow_unicode=True, width=200),
        encoding="utf-8", newline="\n")
    fixture.parent.mkdir(parents=True, exist_ok=True)
    fixture.write_text(json.dumps(seeded.entries, indent=1, ensure_ascii=False) + "\n",
                       encoding="utf-8", newline="\n")
    counts["units"] = seeded.units
    counts["units_with_pii"] = seeded.units_with_pii
    return counts


# --------------------------------------------------------------------------- checks
def nhs_number_valid(value: str) -> bool:
    """An NHS number's modulus-11 check digit is right."""
    d = [int(c) for c in value if c.isdigit()]
    if len(d) != 10:
        return False
    r = 11 - sum(x * (10 - i) for i, x in enumerate(d[:9])) % 11
    r = 0 if r == 11 else r
    return r != 10 and r == d[9]


def upn_valid(value: str) -> bool:
    """A DfE Unique Pupil Number's check letter is right (13 characters, all-digit body)."""
    letters = "ABCDEFGHJKLMNPQRTUVWXYZ"
    if len(value) != 13 or not value[1:].isdigit() or value[0] not in letters:
        return False
    return letters[sum(int(c) * i for i, c in enumerate(value[1:], 2)) % 23] == value[0]


def _file_text(round_dir: Path, rel: str) -> str:
    path = round_dir / rel
    if rel.endswith(".xlsx"):
        wb = openpyxl.load_workbook(path, read_only=True)
        return "\n".join(str(v) for row in wb[SHEET].iter_rows(values_only=True)
                         for v in row if v is not None)
    if rel.endswith(".docx"):
        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    if rel.endswith(".csv"):
        return path.read_bytes().decode("cp1252")
    return path.read_text(encoding="utf-8")


_TITLES = {"mr", "mrs", "ms", "miss", "dr", "senco", "the", "school", "primary", "high",
           "academy", "community", "special", "college", "st", "lane", "brook", "moor"}


def _name_words(value: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]+", value.lower()) if len(w) > 2} - _TITLES


def _tree(round_dir: Path, fixture: Path) -> dict[str, bytes]:
    files = {p.relative_to(round_dir).as_posix(): p.read_bytes()
             for p in sorted(round_dir.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}
    files["<fixture>"] = fixture.read_bytes() if fixture.is_file() else b""
    return files


def matches_generator(round_dir: Path = ROUND_DIR, fixture: Path = FIXTURE) -> list[str]:
    """Files that differ from what the content would generate now (or are missing/extra)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        fresh_dir, fresh_fix = Path(tmp) / "round", Path(tmp) / "fixture.json"
        write_all(fresh_dir, fresh_fix)
        fresh, have = _tree(fresh_dir, fresh_fix), _tree(round_dir, fixture)
    return sorted(k for k in fresh.keys() | have.keys() if fresh.get(k) != have.get(k))


def check(round_dir: Path = ROUND_DIR, fixture: Path = FIXTURE) -> list[str]:
    """Problems with the generated round (empty when all is well)."""
    problems: list[str] = []
    from pipeline.config import load_manifest  # the lead's validator, so the manifest is real

    m = load_manifest(round_dir)
    for s in m.sources:
        if not (round_dir / s.file).is_file():
            problems.append(f"manifest names a missing file {s.file}")
    if problems:
        return problems
    entries = json.loads(fixture.read_text(encoding="utf-8"))
    texts = {s.file: _file_text(round_dir, s.file) for s in m.sources}
    for e in entries:
        if e["file"] not in texts:
            problems.append(f"fixture names a file not in the manifest: {e['file']}")
        elif e["value"] not in texts[e["file"]]:
            problems.append(f"seeded {e['type']} not found verbatim in {e['file']}")
    # A value that also occurs in another file must be listed for that file too.
    listed = {(e["value"], e["file"]) for e in entries}
    for value in {e["value"] for e in entries}:
        pat = re.compile(r"(?<!\w)" + re.escape(value) + r"(?!\w)")
        for f, t in texts.items():
            if pat.search(t) and (value, f) not in listed:
                problems.append(f"a seeded value occurs unlisted in {f}")
    for f, t in texts.items():
        if MARKUP.search(t) or "{" in t:
            problems.append(f"{f}: PII markup left in the output")
    for e in entries:
        if e["type"] == "NHS_NUMBER" and not nhs_number_valid(e["value"]):
            problems.append(f"a seeded NHS number in {e['file']} has a wrong check digit")
        if e["type"] == "UPN" and not upn_valid(e["value"]):
            problems.append(f"a seeded UPN in {e['file']} has a wrong check letter")
    raw = (round_dir / CSV).read_bytes()
    try:
        raw.decode("utf-8")
        problems.append(f"{CSV} decodes as UTF-8: it should be Windows-1252 so encoding matters")
    except UnicodeDecodeError:
        pass
    for ch in "£’é":
        if ch not in texts[CSV]:
            problems.append(f"{CSV} has no {ch!r}")
    rows = list(csv.reader(io.StringIO(texts[CSV])))
    if rows[0] != CSV_HEADER or len(rows) != len(survey.RESPONDENTS) + 1:
        problems.append(f"{CSV}: unexpected header or row count")
    wb = openpyxl.load_workbook(round_dir / XLSX, read_only=True)
    xrows = list(wb[SHEET].iter_rows(values_only=True))
    if list(xrows[3][:6]) != XLSX_HEADER:
        problems.append(f"{XLSX}: header is not on row 4")
    dates = {r[1].date() for r in xrows[4:] if r[1] is not None}
    if not dates or any((d.year, d.month) != (2025, 1) for d in dates):
        problems.append(f"{XLSX}: workshop dates are not all in January 2025")
    return problems


def shared_with_october(fixture: Path = FIXTURE) -> list[str]:
    """Seeded values also seeded in the October round (names compared word by word).

    Shared values weaken the cross-round leak tests, so they are reported; not an error,
    since the October round is written by someone else and may change.
    """
    if not ROUND1_FIXTURE.is_file():
        return []
    entries = json.loads(fixture.read_text(encoding="utf-8"))
    r1 = json.loads(ROUND1_FIXTURE.read_text(encoding="utf-8"))
    r1_values = {e["value"].lower() for e in r1}
    r1_words = {w for e in r1 if e["type"] in ("PERSON", "SCHOOL") for w in _name_words(e["value"])}
    return sorted({e["value"] for e in entries if e["value"].lower() in r1_values
                   or (e["type"] == "PERSON" and _name_words(e["value"]) & r1_words)})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true",
                    help="write nothing: check the files match the content and are consistent")
    args = ap.parse_args(argv)
    problems: list[str] = []
    if args.check:
        stale = matches_generator()
        if stale:
            problems.append("files differ from what scripts/sample_content_jan2025 generates "
                            "(re-run the script): " + ", ".join(stale))
    else:
        counts = write_all()
        entries = json.loads(FIXTURE.read_text(encoding="utf-8"))
        print(f"{'file':<28}{'units':>7}")
        for k, v in counts.items():
            if k not in ("units", "units_with_pii"):
                print(f"{k:<28}{v:>7}")
        share = counts["units_with_pii"] / counts["units"]
        print(f"comments (non-empty answers, notes, bullets, letters): {counts['units']}")
        print(f"comments with seeded personal data: {counts['units_with_pii']} ({share:.0%})")
        by_type: dict[str, int] = {}
        for e in entries:
            by_type[e["type"]] = by_type.get(e["type"], 0) + 1
        print("seeded values:", len(entries), dict(sorted(by_type.items())))
    problems += check()
    shared = shared_with_october()
    if shared:
        print(f"note: {len(shared)} seeded values are also seeded in the October round")
    for p in problems:
        print("PROBLEM:", p)
    print("OK" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
