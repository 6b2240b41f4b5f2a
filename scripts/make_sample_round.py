"""Assemble the bundled sample consultation round, data/raw/sample/, from scripts/sample_content/.

    .venv/bin/python scripts/make_sample_round.py [--check]

Writes (deterministically: fixed dates, a fixed random seed, normalised zip timestamps, so
a re-run reproduces the same bytes):

    data/raw/sample/round.yaml
    data/raw/sample/survey_export.csv            online survey export (UTF-8 with BOM)
    data/raw/sample/working_together_1{4,5,6}oct2024.docx   event notes (python-docx)
    data/raw/sample/workshop_sticky_notes.xlsx   sticky notes (openpyxl), title block on top
    data/raw/sample/written/letter_NN.txt        letters and emails
    tests/fixtures/sample_seeded_pii.json        every fake personal value seeded in them

and prints comment counts per source, the share of comments carrying personal data, and
the results of the NHS-number (modulus 11) and UPN (check letter) checks.  ``--check``
builds into a temporary folder and fails if the committed files differ.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import shutil
import sys
import tempfile
import zipfile
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from sample_content import DISTRICTS, GROUPS, strip_markup  # noqa: E402
from sample_content import events as events_mod  # noqa: E402
from sample_content import (  # noqa: E402
    letters_a, letters_b, survey_a, survey_b, survey_c, survey_d, survey_e, survey_f,
)
from sample_content import workshop as workshop_mod  # noqa: E402

ROUND_NAME = "sample"
FIXED_TIME = datetime(2024, 11, 1, 9, 0, 0)
ZIP_DATE = (2024, 11, 1, 9, 0, 0)
SEED = 20241014

Q_WHO = "I am a..."
Q_DISTRICT = "District"
Q1 = "Q1 What is working well for your child or young person?"
Q2 = "Q2 What would you most like to change?"

# Answers that carry no content; ingest must exclude them (kept in the export on purpose).
PLACEHOLDERS = {"", "n/a", "na", "none", "none.", "-", "nil", "nothing", "no", "."}

EXACT_DUPLICATE_OF = (9, 61, 150)  # respondents who submitted twice (index into the list)


# --------------------------------------------------------------------------- checks
def nhs_number_valid(value: str) -> bool:
    digits = [int(c) for c in value if c.isdigit()]
    if len(digits) != 10:
        return False
    total = sum(d * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == digits[9]


UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def upn_valid(value: str) -> bool:
    if not re.fullmatch(r"[A-Z]\d{12}", value):
        return False
    total = sum(int(c) * w for c, w in zip(value[1:], range(2, 14)))
    return UPN_LETTERS[total % 23] == value[0]


# --------------------------------------------------------------------------- helpers
class Pii:
    """Collects (value, type, file) for every seeded personal value, in first-seen order."""

    def __init__(self) -> None:
        self.rows: list[dict] = []
        self._seen: set[tuple[str, str, str]] = set()
        self.comments_with_pii: Counter = Counter()

    def clean(self, text: str, file: str) -> str:
        found: list[tuple[str, str]] = []
        out = strip_markup(text, found)
        if found:
            self.comments_with_pii[file] += 1
        for value, typ in found:
            # Person names are recorded token by token ("Dave Hughes" -> "Dave", "Hughes"),
            # so a test catches a half-removed name.
            values = value.split() if typ == "PERSON" else [value]
            for v in values:
                key = (v, typ, file)
                if key not in self._seen:
                    self._seen.add(key)
                    self.rows.append({"value": v, "type": typ, "file": file})
        return out


def normalise_zip(path: Path) -> None:
    """Rewrite an OOXML zip with fixed entry timestamps and fixed core-property dates."""
    with zipfile.ZipFile(path) as zin:
        items = [(i.filename, zin.read(i.filename)) for i in zin.infolist()]
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in items:
            if name == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                              lambda m: m.group(1) + stamp + m.group(3), text)
                data = text.encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, data)


def is_comment(text: str) -> bool:
    return text.strip().lower() not in PLACEHOLDERS


# --------------------------------------------------------------------------- survey
def build_survey(out: Path, pii: Pii) -> int:
    fname = "survey_export.csv"
    people = [r for m in (survey_a, survey_b, survey_c, survey_d, survey_e, survey_f)
              for r in m.RESPONDENTS]
    rng = random.Random(SEED)
    rows: list[tuple] = []
    for i, r in enumerate(people):
        rows.append(r)
        if i in EXACT_DUPLICATE_OF:
            rows.append(r)  # double submission
        if i == 120:
            rows.extend(survey_c.CAMPAIGN)  # campaign arrives in a burst
    # Submission times: spread over October, in order, the campaign within one evening.
    start = datetime(2024, 10, 1, 7, 30)
    times: list[datetime] = []
    t = start
    for r in rows:
        t += timedelta(minutes=rng.randint(20, 280))
        times.append(t)
    campaign_ids = {id(c) for c in survey_c.CAMPAIGN}
    for k, r in enumerate(rows):
        if id(r) in campaign_ids:
            times[k] = times[k - 1] + timedelta(minutes=rng.randint(2, 9))
    response_id = 48213377
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["Response ID", "Started", "Submitted", "Status", Q_WHO, Q_DISTRICT, Q1, Q2])
    n_comments = 0
    for k, (group, district, q1, q2) in enumerate(rows):
        response_id += rng.randint(1, 9)
        submitted = times[k]
        started = submitted - timedelta(minutes=rng.randint(3, 40), seconds=rng.randint(0, 59))
        a1 = pii.clean(q1, fname)
        a2 = pii.clean(q2, fname)
        n_comments += is_comment(a1) + is_comment(a2)
        w.writerow([
            str(response_id),
            started.strftime("%Y-%m-%d %H:%M:%S"),
            submitted.strftime("%Y-%m-%d %H:%M:%S"),
            "Complete",
            GROUPS[group],
            DISTRICTS[district],
            a1,
            a2,
        ])
    (out / fname).write_text(buf.getvalue(), encoding="utf-8-sig", newline="")
    return n_comments, len(rows)


# --------------------------------------------------------------------------- events
def build_events(out: Path, pii: Pii) -> dict[str, int]:
    import docx
    from docx.shared import Pt

    counts = {}
    for ev in events_mod.EVENTS:
        fname = ev["file"]
        d = docx.Document()
        cp = d.core_properties
        cp.author = "Inclusion Service"
        cp.last_modified_by = "Inclusion Service"
        cp.title = ev["title"]
        cp.created = FIXED_TIME
        cp.modified = FIXED_TIME
        cp.revision = 1
        d.add_heading(ev["title"], level=0)
        d.add_paragraph(pii.clean(ev["subtitle"], fname)).runs[0].italic = True
        n = 0
        for heading, bullets in ev["sections"]:
            d.add_heading(heading, level=1)
            for b in bullets:
                d.add_paragraph(pii.clean(b, fname), style="List Bullet")
                n += 1
        tab = ev["table"]
        d.add_heading(tab["caption"], level=2)
        table = d.add_table(rows=1, cols=len(tab["headers"]))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, tab["headers"]):
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            run.bold = True
            run.font.size = Pt(11)
        for row in tab["rows"]:
            cells = table.add_row().cells
            for cell, text in zip(cells, row):
                cell.text = pii.clean(text, fname)
                n += bool(text.strip())
        d.add_paragraph("")
        d.add_paragraph("Notes are a summary of discussion, not a verbatim record. "
                        "Quotes are as close to the speaker's words as the note taker could manage.")
        path = out / fname
        d.save(path)
        normalise_zip(path)
        counts[fname] = n
    return counts


# --------------------------------------------------------------------------- workshop
def build_workshop(out: Path, pii: Pii) -> int:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    fname = "workshop_sticky_notes.xlsx"
    fills = {"Yellow": "FFF59D", "Pink": "F8BBD0", "Green": "C5E1A5", "Blue": "B3E5FC"}
    wb = Workbook()
    ws = wb.active
    ws.title = "Sticky notes"
    ws["A1"] = workshop_mod.TITLE
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:E1")
    ws["A2"] = workshop_mod.SUBTITLE
    ws["A2"].font = Font(italic=True)
    ws.merge_cells("A2:E2")
    header_row = 4
    for col, name in enumerate(["Note", "Colour", "Board", "Table", "Group"], start=1):
        c = ws.cell(row=header_row, column=col, value=name)
        c.font = Font(bold=True)
    r = header_row
    for note, colour, board, table in workshop_mod.NOTES:
        r += 1
        ws.cell(row=r, column=1, value=pii.clean(note, fname)).fill = PatternFill(
            "solid", fgColor=fills[colour])
        ws.cell(row=r, column=2, value=colour)
        ws.cell(row=r, column=3, value=board)
        ws.cell(row=r, column=4, value=table)
        ws.cell(row=r, column=5, value=workshop_mod.TABLE_GROUPS[table])
    ws.column_dimensions["A"].width = 60
    ws.column_dimensions["C"].width = 22
    ws.column_dimensions["D"].width = 16
    ws.column_dimensions["E"].width = 16
    wb.properties.creator = "Inclusion Service"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    path = out / fname
    wb.save(path)
    normalise_zip(path)
    return len(workshop_mod.NOTES)


# --------------------------------------------------------------------------- letters
def build_letters(out: Path, pii: Pii) -> dict[str, int]:
    (out / "written").mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, text in letters_a.LETTERS + letters_b.LETTERS:
        fname = f"written/{name}"
        clean = pii.clean(text.strip() + "\n", fname)
        (out / fname).write_text(clean, encoding="utf-8", newline="\n")
        paras = [p for p in re.split(r"\n\s*\n", clean) if p.strip()]
        counts[fname] = len(paras)
    return counts


# --------------------------------------------------------------------------- manifest
def build_manifest(out: Path) -> None:
    lines = [
        "# Sample round: a synthetic SEND strategy consultation written for this project",
        "# (fictional area and people). Generated by scripts/make_sample_round.py; edit the",
        "# content in scripts/sample_content/ and re-run rather than editing these files.",
        f"name: {ROUND_NAME}",
        'title: "SEND Strategy 2025-28: Working Together consultation, October 2024"',
        'start_date: "2024-10-01"',
        'end_date: "2024-10-31"',
        "framework: data/frameworks/send-strategy-2025-28.yaml",
        "sources:",
        "  - file: survey_export.csv",
        "    channel: survey",
        "    format: csv",
        "    text_columns:",
        f'      - "{Q1}"',
        f'      - "{Q2}"',
        '    respondent_id_column: "Response ID"',
        f'    group_column: "{Q_WHO}"',
        '    date_column: "Submitted"',
        "    extra_columns:",
        f'      - "{Q_DISTRICT}"',
    ]
    for ev in events_mod.EVENTS:
        lines += [
            f"  - file: {ev['file']}",
            "    channel: event",
            "    format: docx",
            '    event: "Working Together event"',
            f'    date: "{ev["date"]}"',
        ]
    lines += [
        "  - file: workshop_sticky_notes.xlsx",
        "    channel: workshop",
        "    format: xlsx",
        '    sheet: "Sticky notes"',
        "    text_columns:",
        '      - "Note"',
        '    group_column: "Group"',
        "    extra_columns:",
        '      - "Board"',
        '      - "Colour"',
        '      - "Table"',
        '    event: "SEND Strategy Co-production Workshop"',
        f'    date: "{workshop_mod.DATE}"',
    ]
    for name, _ in letters_a.LETTERS + letters_b.LETTERS:
        lines += [
            f"  - file: written/{name}",
            "    channel: written",
            "    format: txt",
            f'    group: "{letters_b.LETTER_GROUPS[name]}"',
        ]
    (out / "round.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- main
def build(out: Path, fixture: Path) -> dict:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    pii = Pii()
    survey_comments, survey_rows = build_survey(out, pii)
    event_counts = build_events(out, pii)
    n_notes = build_workshop(out, pii)
    letter_paras = build_letters(out, pii)
    build_manifest(out)
    fixture.parent.mkdir(parents=True, exist_ok=True)
    fixture.write_text(json.dumps(pii.rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return {
        "survey_comments": survey_comments,
        "survey_rows": survey_rows,
        "events": event_counts,
        "workshop": n_notes,
        "letters": letter_paras,
        "pii": pii,
    }


def report(res: dict) -> None:
    pii: Pii = res["pii"]
    print(f"{'source':45} {'comments':>8} {'with PII':>8}")
    rows = [("survey_export.csv", res["survey_comments"])]
    rows += list(res["events"].items())
    rows.append(("workshop_sticky_notes.xlsx", res["workshop"]))
    rows += [(f, 1) for f in res["letters"]]
    for f, n in rows:
        print(f"{f:45} {n:8d} {pii.comments_with_pii[f]:8d}")
    total = sum(n for _, n in rows)
    with_pii = sum(pii.comments_with_pii.values())
    print(f"{'TOTAL (letters counted once each)':45} {total:8d} {with_pii:8d}"
          f"  ({100 * with_pii / total:.0f}% of comments carry personal data)")
    print(f"survey rows (respondents incl. duplicates/campaign): {res['survey_rows']}; "
          f"letter paragraphs: {sum(res['letters'].values())}")
    by_type = Counter(r["type"] for r in pii.rows)
    print("seeded values by type:", dict(sorted(by_type.items())))
    bad = [r["value"] for r in pii.rows if r["type"] == "NHS_NUMBER" and not nhs_number_valid(r["value"])]
    bad += [r["value"] for r in pii.rows if r["type"] == "UPN" and not upn_valid(r["value"])]
    nhs = [r["value"] for r in pii.rows if r["type"] == "NHS_NUMBER"]
    print(f"NHS numbers pass modulus 11: {all(nhs_number_valid(v) for v in nhs)} ({len(nhs)} numbers)")
    if bad:
        raise SystemExit(f"invalid check digits: {bad}")
    if total < 650:
        raise SystemExit(f"only {total} comments; the sample round needs at least 650")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true",
                    help="build into a temporary folder and compare with the committed files")
    args = ap.parse_args(argv)
    out = ROOT / "data" / "raw" / ROUND_NAME
    fixture = ROOT / "tests" / "fixtures" / "sample_seeded_pii.json"
    if not args.check:
        report(build(out, fixture))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        t_out, t_fix = Path(tmp) / ROUND_NAME, Path(tmp) / "pii.json"
        build(t_out, t_fix)
        diffs = [str(p.relative_to(t_out)) for p in sorted(t_out.rglob("*")) if p.is_file()
                 and (not (out / p.relative_to(t_out)).is_file()
                      or (out / p.relative_to(t_out)).read_bytes() != p.read_bytes())]
        if t_fix.read_bytes() != (fixture.read_bytes() if fixture.is_file() else b""):
            diffs.append(str(fixture.relative_to(ROOT)))
    if diffs:
        print("differs from a fresh build:", ", ".join(diffs))
        return 1
    print("sample round is up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
