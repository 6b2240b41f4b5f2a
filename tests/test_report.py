"""Evidence reports: content, the three files read back, safety and small numbers."""
from __future__ import annotations

import json
import re
import zipfile

import pandas as pd
import pytest
from docx import Document
from openpyxl import load_workbook

from pipeline.config import ReportSettings, load_framework
from pipeline.errors import ConfigError, PipelineError
from pipeline.report import (
    ReportInputs, build_report, load_you_said_we_did, render_html, write_reports,
    write_you_said_we_did_template,
)
from pipeline.report.safety import GroupPolicy, IdentifierScreen, fmt_count, fmt_date

from tests import report_fixtures as fx

SMALL_VALUES = {"1", "2", "3", "4"}
COUNT_COLUMNS = {"Comments", "Responses", "Respondents", "Replacements", "Rows read", "Included", "Excluded",
                 "Concern", "Praise", "Suggestion", "Neutral", "Respondents before", "Respondents now",
                 "Comments before", "Comments now"}


@pytest.fixture(scope="module")
def content():
    return build_report(fx.make_inputs())


@pytest.fixture(scope="module")
def files(content, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    return write_reports(content, out)


@pytest.fixture(scope="module")
def html(files):
    return files["html"].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def docx_doc(files):
    return Document(str(files["docx"]))


@pytest.fixture(scope="module")
def workbook(files):
    return load_workbook(files["xlsx"])


def _docx_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def _xlsx_text(wb) -> str:
    return "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                     if c.value is not None)


# --------------------------------------------------------------------------- helpers
def test_fmt_count_and_date():
    assert fmt_count(0, 5) == "0"
    assert [fmt_count(n, 5) for n in (1, 4)] == ["fewer than 5", "fewer than 5"]
    assert fmt_count(5, 5) == "5" and fmt_count(12345, 5) == "12,345"
    assert fmt_count(None, 5) == "0" and fmt_count(float("nan"), 5) == "0"
    assert fmt_date("2024-10-15") == "15 October 2024"
    assert fmt_date("") == "" and fmt_date("not a date") == ""


def test_group_policy_names_only_groups_of_five_or_more():
    g = GroupPolicy({"Parent carer": 5, "Professional": 4, "": 9}, 5)
    assert g.attribution("Parent carer", "event", "Working Together event", "2024-10-15") == \
        "Parent carer, Working Together event, 15 October 2024"
    assert g.attribution("Professional", "survey", "", "2024-10-15") == "Respondent, Online survey, 15 October 2024"
    assert g.attribution("", "written", "", "") == "Respondent, Written submission"
    assert g.table_label("Professional") == "Other or not stated"


# --------------------------------------------------------------------------- content
def test_all_priorities_under_their_tiers(content):
    fw = load_framework(fx.FRAMEWORK)
    assert [t.tier for t in content.tiers] == ["must", "should", "could"]
    for tier in content.tiers:
        assert [p.priority_id for p in tier.priorities] == [p.id for p in fw.priorities if p.tier == tier.tier]
    assert sum(len(t.priorities) for t in content.tiers) == 26
    by_id = {p.priority_id: p for t in content.tiers for p in t.priorities}
    # M2 is backed by the EHCP theme (8 respondents); M1 has none and is flagged as a gap.
    assert by_id["M2"].respondents_display == "8" and by_id["M2"].strength == "Strong"
    assert by_id["M2"].themes == ["Waiting times for EHCP assessments"]
    assert by_id["M1"].low_evidence and by_id["M1"].gap_note.startswith("Gap")
    assert not by_id["M2"].low_evidence
    assert 0 < len(by_id["M2"].quotes) <= 3


def test_summary_and_emerging(content):
    s = content.summary
    assert s.top_themes[0].startswith("Waiting times for EHCP assessments")
    assert s.most_evidence[0].startswith(("M2", "S4"))
    assert any(x.startswith("M1:") for x in s.least_evidence)
    assert s.emerging and s.emerging[0].startswith("Mental health support")
    assert [e.label for e in content.emerging] == ["Mental health support for young people"]
    channels = {r[0] for r in s.by_channel.rows}
    assert channels == {"Online survey", "Consultation event", "Written submission"}
    assert s.by_event.rows[0][0] == "Working Together event"
    assert "15 October 2024" in s.by_event.rows[0][1]


def test_quotes_trace_to_responses_and_attribution(content):
    resp = fx.make_tables()["responses"].set_index("response_id")
    assert content.quote_bank
    for q in content.quote_bank:
        r = resp.loc[q.response_id]
        assert q.text == r["text"]
        assert "Professional" not in q.attribution  # only 3 professionals in the round
        if r["group"] == "Professional" or not r["group"]:
            assert q.attribution.startswith("Respondent")
        else:
            assert q.attribution.startswith(r["group"] + ", ")
    ev = [q for q in content.quote_bank if q.attribution.startswith("Parent carer, Working Together event, 1")]
    assert ev and all(re.search(r", 1[456] October 2024$", q.attribution) for q in ev)


def test_small_numbers_never_shown_below_five(content):
    for t in content.sheets + [content.summary.by_channel, content.summary.by_group] + \
            [th.by_group for th in content.themes] + [ch.data for ch in content.charts]:
        for j, col in enumerate(t.columns):
            if col in COUNT_COLUMNS or col in content.filter_groups:
                vals = {str(r[j]) for r in t.rows}
                assert not vals & SMALL_VALUES, (t.key, col, vals)
    other = [t for t in content.themes if t.is_other][0]
    assert other.size_display == "fewer than 5"
    ledger_rows = {r[0]: r for r in content.methodology.ledger.rows}
    assert ledger_rows["survey_export.csv"][3] == "fewer than 5"  # 2 excluded rows
    assert ledger_rows["All sources"][-1] == "Yes"


def test_small_number_setting_is_respected():
    c = build_report(fx.make_inputs(settings=ReportSettings(small_number=10)))
    assert c.small_number == 10
    by_id = {p.priority_id: p for t in c.tiers for p in t.priorities}
    assert by_id["M2"].respondents_display == "fewer than 10"
    assert "Young person" not in c.filter_groups
    assert all(not q.attribution.startswith("Young person") for q in c.quote_bank)  # 5 < 10


def test_identifier_screen_withholds_quotes(content, html, docx_doc, workbook):
    assert content.withheld_quotes >= 1
    assert fx.LEAKED_EMAIL not in html
    assert fx.LEAKED_EMAIL not in _docx_text(docx_doc)
    assert fx.LEAKED_EMAIL not in _xlsx_text(workbook)
    assert "[withheld: may contain a personal detail]" in _xlsx_text(workbook)


def test_identifier_screen_calls_the_anonymiser():
    pytest.importorskip("pipeline.anonymise", reason="pipeline.anonymise not written yet")
    from pipeline.anonymise import find_identifiers  # noqa: F401
    screen = IdentifierScreen()
    assert screen.source == "pipeline.anonymise.find_identifiers"
    assert not screen.is_clean(f"ring me on 07700 900123 or {fx.LEAKED_EMAIL}")
    assert screen.is_clean("The annual review was late again.")


def test_screen_failure_withholds():
    def broken(_text):
        raise RuntimeError("boom")
    s = IdentifierScreen(finder=broken)
    assert not s.is_clean("anything")


# --------------------------------------------------------------------------- HTML
def test_html_is_escaped_and_self_contained(html):
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<script") == 1  # ours only
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    assert "Content-Security-Policy" in html
    # formula-looking text is plain text in HTML
    assert "=1+2 transport was late again" in html


def test_html_structure_and_accessibility(html, content):
    assert '<html lang="en-GB">' in html
    assert 'class="skip-link" href="#main"' in html
    for landmark in ("<header", "<nav", "<main", '<footer class="site"'):
        assert landmark in html
    levels = [int(x) for x in re.findall(r"<h([1-6])[ >]", html)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), "heading levels must not skip"
    for sel in ("filter-theme", "filter-priority", "filter-group"):
        assert f'<label for="{sel}">' in html and f'id="{sel}"' in html
    imgs = re.findall(r"<img [^>]*>", html)
    assert len(imgs) == len(content.charts) == 2
    for img in imgs:
        assert 'src="data:image/png;base64,' in img
        assert re.search(r'alt="[^"]{40,}"', img)
    assert "@media print" in html
    # every priority, under its tier heading, in order
    must = html.index('id="h-tier-must"')
    should = html.index('id="h-tier-should"')
    could = html.index('id="h-tier-could"')
    fw = load_framework(fx.FRAMEWORK)
    for p in fw.priorities:
        pos = html.index(f'id="priority-{p.id}"')
        lo, hi = {"must": (must, should), "should": (should, could), "could": (could, len(html))}[p.tier]
        assert lo < pos < hi, p.id


def test_html_names_no_small_group(html, docx_doc, workbook):
    assert "Professional" not in html
    assert "Professional" not in _docx_text(docx_doc)
    assert "Professional" not in _xlsx_text(workbook)


def test_html_quote_filters_carry_theme_priority_group(html, content):
    items = re.findall(r'<li class="quote-item" data-theme="([^"]*)" data-priorities="([^"]*)" data-group="([^"]*)">',
                       html)
    assert len(items) == len(content.quote_bank)
    assert {i[0] for i in items} >= {"0", "1", "2", "3", "4"}
    assert any("M2" in i[1].split() for i in items)
    assert {i[2] for i in items} <= {"Parent carer", "Young person", "Other or not stated"}


# --------------------------------------------------------------------------- DOCX
def test_docx_headings_tables_priorities(docx_doc):
    heads = [(p.style.name, p.text) for p in docx_doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    h1 = [t for s, t in heads if s == "Heading 1"]
    assert h1[:3] == ["Summary", "Themes", "Priority evidence"]
    assert {"Emerging issues", "You said, we did", "Methodology and data quality"} <= set(h1)
    fw = load_framework(fx.FRAMEWORK)
    # Priorities (Heading 3) appear under their tier (Heading 2), in framework order.
    tier = None
    seen = []
    for style, text in heads:
        if style == "Heading 2" and text.startswith("Priorities we "):
            tier = text.split()[2]
        elif style == "Heading 1" and text != "Priority evidence":
            tier = None
        elif style == "Heading 3" and tier and re.match(r"^[MSC]\d+: ", text):
            pid = text.split(":")[0]
            assert fw.by_id()[pid].tier == tier, text
            seen.append(pid)
    assert seen == [p.id for p in fw.priorities]
    assert len(docx_doc.tables) >= 10
    first = docx_doc.tables[0]
    assert [c.text for c in first.rows[0].cells] == ["Figure", "Value"]
    text = _docx_text(docx_doc)
    assert "<script>alert(1)</script> the EHCP took 40 weeks" in text  # shown as text
    assert "Parent carer, Working Together event, 15 October 2024" in text
    assert "Awaiting a response" in text
    assert "fewer than 5" in text


def test_docx_charts_have_alt_text(files):
    with zipfile.ZipFile(files["docx"]) as z:
        xml = z.read("word/document.xml").decode("utf-8")
        pngs = [n for n in z.namelist() if n.startswith("word/media/") and n.endswith(".png")]
    assert len(pngs) == 2
    descr = re.findall(r'<wp:docPr [^>]*descr="([^"]+)"', xml)
    assert len(descr) == 2 and all(len(d) > 40 for d in descr)


# --------------------------------------------------------------------------- XLSX
def test_xlsx_sheets_and_frozen_headers(workbook):
    expected = ["Summary", "Themes", "Priorities", "Theme-priority links", "Comments", "Emerging issues",
                "You said we did", "Ledger", "Anonymisation", "Methodology"]
    assert workbook.sheetnames == expected
    for ws in workbook.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert ws["A1"].font.b


def test_xlsx_formula_text_stays_text(workbook, files):
    ws = workbook["Comments"]
    header = [c.value for c in ws[1]]
    ti = header.index("text")
    cells = {c.value: c for c in (row[ti] for row in ws.iter_rows(min_row=2))}
    for hostile in (fx.FORMULA, fx.AT_FORMULA, fx.MINUS_FORMULA):
        c = cells[hostile]
        assert c.data_type == "s" and c.value == hostile
        assert c.quotePrefix
    # no formula anywhere in the saved file
    with zipfile.ZipFile(files["xlsx"]) as z:
        for n in z.namelist():
            if n.startswith("xl/worksheets/"):
                assert "<f>" not in z.read(n).decode("utf-8") and "<f " not in z.read(n).decode("utf-8")


def test_xlsx_traces_priority_to_themes_and_comments(workbook):
    pr = pd.DataFrame(list(workbook["Priorities"].values)[1:], columns=[c.value for c in workbook["Priorities"][1]])
    assert len(pr) == 26
    m2 = pr[pr.priority_id == "M2"].iloc[0]
    assert m2["Respondents"] == "8" and m2["theme_ids"] == "0"
    assert pr[pr.priority_id == "M1"].iloc[0]["Little or no evidence"] == "Yes"
    cm = pd.DataFrame(list(workbook["Comments"].values)[1:], columns=[c.value for c in workbook["Comments"][1]])
    tables = fx.make_tables()
    assert len(cm) == len(tables["points"])  # every comment is in the workbook
    assert set(cm.response_id) == set(tables["responses"].response_id)
    m2_comments = cm[cm.priorities.fillna("").str.contains("M2")]
    assert len(m2_comments) == 8 and set(m2_comments.theme_id) == {0}
    links = pd.DataFrame(list(workbook["Theme-priority links"].values)[1:],
                         columns=[c.value for c in workbook["Theme-priority links"][1]])
    assert set(links[links.priority_id == "M2"].theme_id) == {0}
    assert set(cm.group.dropna()) <= {"Parent carer", "Young person", "Other or not stated"}


def test_xlsx_counts_and_anonymisation(workbook):
    an = [tuple(r) for r in workbook["Anonymisation"].values][1:]
    assert ("All sources", "SCHOOL", "12") in an
    assert ("All sources", "UK_PHONE", "fewer than 5") in an
    led = [tuple(r) for r in workbook["Ledger"].values]
    assert led[0] == ("Source", "Rows read", "Included", "Excluded", "Exclusion reasons", "Reconciles")
    assert any(r[0] == "All sources" and r[-1] == "Yes" for r in led)


# --------------------------------------------------------------------------- you said, we did
def test_you_said_template_and_load(tmp_path, content):
    t = fx.make_tables()
    fw = load_framework(fx.FRAMEWORK)
    path = tmp_path / "you_said_we_did.csv"
    assert write_you_said_we_did_template(path, t["coverage"], t["themes"], fw)
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(df.columns) == ["kind", "ref", "you_said", "we_did", "status", "title"]
    assert (df.you_said == "").all()  # filled from this run's evidence unless an officer writes one
    assert list(df[df.kind == "priority"].ref) == [p.id for p in fw.priorities]
    assert "Other comments" not in set(df.ref) and len(df[df.kind == "theme"]) == 5
    # the officer fills one row in; the template is never overwritten
    df.loc[df.ref == "M2", ["we_did", "status"]] = ["Added 6 EHCP coordinators", "Done"]
    df.to_csv(path, index=False)
    before = path.read_bytes()
    assert not write_you_said_we_did_template(path, t["coverage"], t["themes"], fw)
    assert path.read_bytes() == before
    y = load_you_said_we_did(tmp_path, t["coverage"], t["themes"])
    assert len(y) == 26 + 5
    assert y.set_index("ref").loc["M2", "we_did"] == "Added 6 EHCP coordinators"
    assert y.set_index("ref").loc["M2", "you_said"] == "8 people raised this: Waiting times for EHCP assessments."
    assert (y[y.ref != "M2"].we_did == "Awaiting a response").all()
    c = build_report(fx.make_inputs(you_said_we_did=y))
    rows = {r[1] or r[2]: r for r in c.you_said_we_did.rows}
    assert rows["M2"][4] == "Added 6 EHCP coordinators" and rows["M2"][5] == "Done"
    assert rows["M1"][4] == "Awaiting a response"


def test_you_said_missing_file_lists_everything(tmp_path):
    t = fx.make_tables()
    y = load_you_said_we_did(tmp_path, t["coverage"], t["themes"])
    assert len(y) == 31 and (y.we_did == "Awaiting a response").all()


def test_you_said_formula_like_text_round_trips(tmp_path):
    t = fx.make_tables()
    themes = t["themes"].copy()
    themes.loc[themes.theme_id == 1, "label"] = "=HYPERLINK(1) transport"
    write_you_said_we_did_template(tmp_path / "you_said_we_did.csv", t["coverage"], themes)
    raw = (tmp_path / "you_said_we_did.csv").read_text(encoding="utf-8-sig")
    assert "\ntheme,'=HYPERLINK(1) transport,,,," in raw  # cannot run as a formula in Excel
    y = load_you_said_we_did(tmp_path, t["coverage"], themes)
    assert "=HYPERLINK(1) transport" in set(y.ref)
    assert y.in_this_run.all()


@pytest.mark.parametrize("body, message", [
    ("kind,we_did\npriority,x\n", "missing column(s) ref"),
    ("kind,ref,we_did\nobjective,M1,x\n", "line 2: kind must be 'priority' or 'theme'"),
    ("kind,ref,we_did\npriority,M1,x\npriority,m1,y\n", "line 3: priority 'm1' appears more than once"),
    ("kind,ref,we_did\npriority,,x\n", "line 2: ref is empty"),
    ("", "empty"),
    ('kind,ref,we_did\n"priority,M1,x\n', "not a well-formed CSV"),
])
def test_you_said_malformed_is_one_line_config_error(tmp_path, body, message):
    t = fx.make_tables()
    (tmp_path / "you_said_we_did.csv").write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_you_said_we_did(tmp_path, t["coverage"], t["themes"])
    msg = str(e.value)
    assert message in msg and str(tmp_path / "you_said_we_did.csv") in msg and "\n" not in msg


def test_you_said_unknown_ref_is_kept_and_marked(tmp_path):
    t = fx.make_tables()
    (tmp_path / "you_said_we_did.csv").write_text(
        "kind,ref,you_said,we_did,status\ntheme,An old theme label,,Wrote to schools,Done\n", encoding="cp1252")
    y = load_you_said_we_did(tmp_path, t["coverage"], t["themes"])
    old = y[y.ref == "An old theme label"].iloc[0]
    assert old.we_did == "Wrote to schools" and not old.in_this_run
    c = build_report(fx.make_inputs(you_said_we_did=y))
    assert any("not in this run" in r[2] for r in c.you_said_we_did.rows)


# --------------------------------------------------------------------------- robustness
def test_empty_round_still_reports_every_priority(tmp_path):
    fw = load_framework(fx.FRAMEWORK)
    c = build_report(ReportInputs(framework=fw))
    assert sum(len(t.priorities) for t in c.tiers) == 26
    assert all(p.gap_note for t in c.tiers for p in t.priorities)
    paths = write_reports(c, tmp_path)
    assert {p.name for p in paths.values()} == {"report.html", "report.docx", "evidence.xlsx"}
    assert "no data for this round" in paths["html"].read_text()
    assert len(load_workbook(paths["xlsx"])["Priorities"]["A"]) == 27


def test_malformed_quotes_json_is_one_line_error():
    inp = fx.make_inputs()
    inp.themes.loc[0, "quotes"] = '[{"text": "secret words about my son"'
    with pytest.raises(PipelineError) as e:
        build_report(inp)
    msg = str(e.value)
    assert "themes table" in msg and "not valid JSON" in msg and "secret" not in msg


def test_control_characters_and_huge_text_survive_all_formats(tmp_path):
    nasty = "Line one\x00\x01\x0b with controls and emoji 🙂 and Urdu اردو " + "x" * 40_000
    c = build_report(fx.make_inputs(extra_comments=[(2, "concern", "\t" + nasty)]))
    paths = write_reports(c, tmp_path)
    wb = load_workbook(paths["xlsx"])
    ws = wb["Comments"]
    texts = [r[-1] for r in ws.values]
    hit = [t for t in texts if t and "with controls" in t]
    assert hit and len(hit[0]) <= 32_767 and "\x00" not in hit[0]
    assert "🙂" in hit[0] and "اردو" in hit[0]
    d = Document(str(paths["docx"]))
    assert d.paragraphs
    page = paths["html"].read_text(encoding="utf-8")
    assert "\x00" not in page and page.rstrip().endswith("</html>")


def test_since_last_round_comparison_suppresses_small_numbers():
    from pipeline.compare import Comparison
    cmp = Comparison(
        "round-a", "sample",
        themes=pd.DataFrame([dict(status="matched", change="grew", similarity=0.9, theme_id_a=1,
                                  label_a="Transport", size_a=3, share_a=0.1, theme_id_b=1,
                                  label_b="School transport arrangements", size_b=6, share_b=0.2)]),
        priorities=pd.DataFrame([dict(priority_id="C7", tier="could", title="Transport", n_points_a=3,
                                      n_points_b=6, n_respondents_a=3, n_respondents_b=6, strength_a="weak",
                                      strength_b="moderate", change_respondents=3, strength_changed=True)]),
        emerging_resolved=pd.DataFrame(columns=["label_a", "label_b", "priority_id"]),
        summary={"matched": 1, "new": 0, "gone": 0, "grew": 1, "shrank": 0, "priorities_changed": 1},
    )
    c = build_report(fx.make_inputs(meta={"since_last_round": cmp}))
    keys = [t.key for t in c.since_last_round]
    assert keys == ["since_summary", "since_themes", "since_priorities"]
    pr = c.since_last_round[2].rows[0]
    assert pr[2] == "fewer than 5" and pr[3] == "6" and pr[4] == "more"  # no "+3" to back out the 3
    html = render_html(c)
    assert 'id="h-since"' in html and "School transport arrangements" in html


def test_meta_round_as_string_and_settings_from_meta():
    c = build_report(fx.make_inputs(meta={"round": "sample-2", "title": "January workshops",
                                          "settings": {"report": {"small_number": 6, "quotes_per_priority": 1}}}))
    assert c.round_name == "sample-2" and c.title == "January workshops" and c.small_number == 6
    assert all(len(p.quotes) <= 1 for t in c.tiers for p in t.priorities)
    assert json.dumps(c.methodology.settings.rows)  # serialisable settings table


# --------------------------------------------------------------------------- whole pipeline
HOSTILE_SURVEY = [
    fx.SCRIPT,
    fx.FORMULA,
    fx.AT_FORMULA,
    fx.MINUS_FORMULA,
    '+SUM(1,2) the EHCP annual review paperwork arrived months late',
    '<img src=x onerror=alert(2)> nobody from the SEND team returned my calls about transport',
    'Waits of <6 months & "support" > nothing: the EHCP process has to change',
]


@pytest.mark.slow
def test_hostile_text_through_the_whole_pipeline(tmp_path):
    """Formula, script and markup text fed in as a survey export comes out as inert text in
    all three report files (and never as a formula or an element)."""
    for mod in ("pipeline.ingest", "pipeline.anonymise", "pipeline.themes", "pipeline.mapping"):
        pytest.importorskip(mod, reason=f"{mod} is not written yet")
    from pipeline.run import run_round

    round_dir = tmp_path / "hostile"
    round_dir.mkdir()
    groups = ["Parent carer", "Young person", "Professional"]
    rows = []
    texts = [t for _, _, t in fx.COMMENTS if t not in (fx.LEAKED,)] + HOSTILE_SURVEY
    texts += [f"{t} This happened again last term." for _, _, t in fx.COMMENTS[:20]]
    for i, text in enumerate(texts):
        rows.append({"Response ID": f"H{i:03d}", "I am a...": groups[i % 3], "Submitted": "2024-10-20",
                     "Q1 What would you most like to change?": text})
    pd.DataFrame(rows).to_csv(round_dir / "survey.csv", index=False)
    (round_dir / "round.yaml").write_text(
        "name: hostile\ntitle: Hostile input check\nstart_date: '2024-10-01'\nend_date: '2024-10-31'\n"
        f"framework: {fx.FRAMEWORK}\n"
        "sources:\n  - file: survey.csv\n    channel: survey\n    format: csv\n"
        "    text_columns: ['Q1 What would you most like to change?']\n"
        "    respondent_id_column: Response ID\n    group_column: I am a...\n    date_column: Submitted\n",
        encoding="utf-8")
    result = run_round(round_dir, root=tmp_path / "out", quiet=True)
    reports = result.paths.reports
    html = (reports / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert html.count("<script") == 1 and len(re.findall(r"<img ", html)) == 2
    assert "<6 months" not in html  # markup-like text that survives cleaning is escaped
    doc = Document(str(reports / "report.docx"))
    doc_heads = [p.text for p in doc.paragraphs if p.style.name == "Heading 3"]
    assert sum(bool(re.match(r"^[MSC]\d+: ", h)) for h in doc_heads) == 26
    with zipfile.ZipFile(reports / "evidence.xlsx") as z:
        for n in z.namelist():
            if n.startswith("xl/worksheets/"):
                body = z.read(n).decode("utf-8")
                assert "<f>" not in body and "<f " not in body, n
    wb = load_workbook(reports / "evidence.xlsx")
    cm = wb["Comments"]
    ti = [c.value for c in cm[1]].index("text")
    hostile_cells = [r[ti] for r in cm.iter_rows(min_row=2) if r[ti].value and r[ti].value[:1] in "=+-@"]
    assert len(hostile_cells) >= 4
    assert all(c.data_type == "s" and c.quotePrefix for c in hostile_cells)
    fw = load_framework(fx.FRAMEWORK)
    pr = [r[0] for r in wb["Priorities"].values][1:]
    assert pr == [p.id for p in fw.priorities]


@pytest.mark.slow
def test_sample_round_reports_show_all_priorities_under_tiers(sample_run):
    """The bundled sample round: all 26 priorities under their tiers in the Word document
    and the workbook, and every quote in the HTML traceable to a response in the workbook."""
    reports = sample_run.paths.reports
    fw = load_framework(fx.FRAMEWORK)
    doc = Document(str(reports / "report.docx"))
    tier, seen = None, []
    for p in doc.paragraphs:
        if p.style.name == "Heading 2" and p.text.startswith("Priorities we "):
            tier = p.text.split()[2]
        elif p.style.name == "Heading 3" and tier and re.match(r"^[MSC]\d+: ", p.text):
            pid = p.text.split(":")[0]
            assert fw.by_id()[pid].tier == tier
            seen.append(pid)
    assert seen == [p.id for p in fw.priorities]
    wb = load_workbook(reports / "evidence.xlsx", read_only=True)
    prio = list(wb["Priorities"].values)
    assert [r[0] for r in prio[1:]] == [p.id for p in fw.priorities]
    assert [r[1] for r in prio[1:]] == [p.tier for p in fw.priorities]
    comment_ids = {r[0] for r in list(wb["Comments"].values)[1:]}
    html = (reports / "report.html").read_text(encoding="utf-8")
    quoted = set(re.findall(r"\(response (R[0-9a-f]{10})\)", html))
    assert quoted and quoted <= comment_ids
    assert "Awaiting a response" in html
