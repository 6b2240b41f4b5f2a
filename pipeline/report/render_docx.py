"""report.docx: an editable Word document with real Heading styles, tables and pictures."""
from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

from .model import Chart, Quote, ReportContent, Table
from .safety import clean_text


def _t(v) -> str:
    return clean_text("" if v is None else v)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _table(doc, t: Table, caption: bool = True) -> None:
    if caption:
        doc.add_paragraph(_t(t.title), style="Caption")
    if not t.rows:
        doc.add_paragraph(f"{_t(t.title)}: no data for this round.")
        return
    tbl = doc.add_table(rows=1, cols=len(t.columns))
    tbl.style = "Table Grid"
    tbl.alignment = WD_TABLE_ALIGNMENT.LEFT
    hdr = tbl.rows[0]
    _repeat_header(hdr)
    for cell, col in zip(hdr.cells, t.columns):
        cell.text = ""
        run = cell.paragraphs[0].add_run(_t(col))
        run.bold = True
    for row in t.rows:
        cells = tbl.add_row().cells
        for cell, v in zip(cells, row):
            cell.text = _t(v)
    if t.caption:
        doc.add_paragraph(_t(t.caption))


def _quote(doc, q: Quote) -> None:
    doc.add_paragraph(_t(q.text), style="Quote")
    p = doc.add_paragraph()
    r = p.add_run(f"— {_t(q.attribution)} (response {_t(q.response_id)})")
    r.italic = True
    r.font.size = Pt(9)


def _chart(doc, ch: Chart) -> None:
    doc.add_paragraph(_t(ch.title), style="Caption")
    run = doc.add_paragraph().add_run()
    shape = run.add_picture(io.BytesIO(ch.png), width=Inches(6.3))
    # Alt text: Word reads it from the drawing's docPr descr/title.
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", _t(ch.alt))
    doc_pr.set("title", _t(ch.title))
    doc.add_paragraph(_t(ch.alt))
    _table(doc, ch.data, caption=False)


def _bullets(doc, items: list[str], empty: str, numbered: bool = False) -> None:
    if not items:
        doc.add_paragraph(empty)
    for it in items:
        doc.add_paragraph(_t(it), style="List Number" if numbered else "List Bullet")


def render_docx(content: ReportContent):
    c = content
    doc = Document()
    doc.core_properties.title = _t(c.title)[:250]
    doc.core_properties.author = "consultation evidence pipeline"
    doc.add_heading(_t(c.title), level=0)
    doc.add_paragraph((f"Consultation period: {c.period}. " if c.period else "")
                      + f"Report produced {c.run_date}. Round: {c.round_name}.")

    # Summary
    doc.add_heading("Summary", level=1)
    _table(doc, Table("key", "Key figures", ["Figure", "Value"], [list(x) for x in c.summary.key_figures]))
    doc.add_heading("Who took part", level=2)
    for t in (c.summary.by_channel, c.summary.by_event, c.summary.by_group):
        _table(doc, t)
    doc.add_heading("Main themes", level=2)
    _bullets(doc, c.summary.top_themes, "No themes were found.", numbered=True)
    doc.add_heading("Priorities with the most evidence", level=2)
    _bullets(doc, c.summary.most_evidence, "No priority had evidence in this round.", numbered=True)
    doc.add_heading("Priorities with little or no evidence", level=2)
    _bullets(doc, c.summary.least_evidence, "Every priority had evidence in this round.")
    doc.add_heading("Main emerging issues", level=2)
    _bullets(doc, c.summary.emerging, "No issues were raised outside the priorities.", numbered=True)
    for ch in c.charts:
        if ch.key == "priority_coverage":
            _chart(doc, ch)

    # Themes
    doc.add_heading("Themes", level=1)
    for ch in c.charts:
        if ch.key == "themes_by_group":
            _chart(doc, ch)
    if not c.themes:
        doc.add_paragraph("No themes were found in this round.")
    for t in c.themes:
        doc.add_heading(_t(t.label), level=2)
        if t.description:
            doc.add_paragraph(_t(t.description))
        stance = ", ".join(f"{s.stance.lower()} {s.display}" for s in t.stance)
        doc.add_paragraph(f"{_cap(t.respondents_display)} respondents; {t.responses_display} responses; "
                          f"{t.size_display} comments." + (f" Stance: {stance}." if stance else ""))
        if t.priorities:
            doc.add_paragraph("Supports priorities: " + ", ".join(
                f"{p.priority_id} ({p.points_display} comments{', ' + p.share_display if p.share_display else ''})"
                for p in t.priorities) + (f"; and {len(t.minor_priorities)} more with fewer than "
                                          f"{c.small_number} comments each ({', '.join(t.minor_priorities)})"
                                          if t.minor_priorities else "") + ".")
        elif t.minor_priorities:
            doc.add_paragraph(f"Supports priorities, each with fewer than {c.small_number} comments: "
                              + ", ".join(t.minor_priorities) + ".")
        _table(doc, t.by_group)
        if t.quotes:
            doc.add_heading("What people said", level=3)
            for q in t.quotes:
                _quote(doc, q)

    # Priorities
    doc.add_heading("Priority evidence", level=1)
    for tier in c.tiers:
        doc.add_heading(tier.heading, level=2)
        for p in tier.priorities:
            doc.add_heading(f"{p.priority_id}: {_t(p.title)}", level=3)
            doc.add_paragraph(f"{'No' if p.strength == 'None' else p.strength} evidence. {_cap(p.respondents_display)} respondents; "
                              f"{p.responses_display} responses; {p.points_display} comments.")
            if p.gap_note:
                r = doc.add_paragraph().add_run(p.gap_note)
                r.bold = True
                r.font.color.rgb = RGBColor(0xA4, 0x30, 0x0B)
            if p.themes:
                doc.add_paragraph("Themes behind it: " + "; ".join(_t(x) for x in p.themes))
            for q in p.quotes:
                _quote(doc, q)

    # Emerging
    doc.add_heading("Emerging issues", level=1)
    doc.add_paragraph("Issues people raised that no priority in the draft strategy covers, most widely raised first.")
    if not c.emerging:
        doc.add_paragraph("No issues were raised outside the priorities.")
    for e in c.emerging:
        doc.add_heading(_t(e.label), level=2)
        doc.add_paragraph(f"{_cap(e.respondents_display)} respondents; {e.points_display} comments"
                          + (f" ({e.share_display} of comments that fit no priority)." if e.share_display else "."))
        for q in e.quotes:
            _quote(doc, q)

    # You said, we did
    doc.add_heading("You said, we did", level=1)
    _table(doc, c.you_said_we_did)

    if c.since_last_round:
        doc.add_heading("Since the last round", level=1)
        for t in c.since_last_round:
            _table(doc, t)

    # Methodology
    m = c.methodology
    doc.add_heading("Methodology and data quality", level=1)
    _bullets(doc, m.notes, "")
    doc.add_heading("Every row accounted for", level=2)
    _table(doc, m.ledger)
    doc.add_heading("Anonymisation", level=2)
    _table(doc, m.anonymisation_by_type)
    _table(doc, m.anonymisation_by_source)
    doc.add_heading("Models, settings and provenance", level=2)
    doc.add_paragraph(f"Run date: {m.run_date}. Input hash: {m.input_hash}.")
    _table(doc, m.models)
    _table(doc, m.settings)
    doc.add_heading("Analyst edits", level=2)
    _bullets(doc, m.analyst_edits, "No analyst edits were applied.")
    return doc


def write_docx(content: ReportContent, path: Path) -> Path:
    render_docx(content).save(str(path))
    return path
