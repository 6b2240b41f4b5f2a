"""Ingest: every format and encoding, real files made here, the ledger, ids, cleaning, points."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import docx
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.cleaning import clean_text, detect_language, find_duplicates, no_content_reason, normalise_date
from pipeline.config import RoundManifest, load_manifest
from pipeline.errors import InputFileError
from pipeline.ingest import (
    ingest_round,
    read_table,
    reconcile,
    require_column,
    split_points,
    split_text,
)
from pipeline.schema import LEDGER_COLUMNS, POINT_COLUMNS, RESPONSE_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_ROUNDS = [ROOT / "data" / "raw" / "sample", ROOT / "data" / "raw" / "sample-jan-2025"]

POLISH = "Mój syn czeka na ocenę potrzeb edukacyjnych od ponad roku i nikt nie odpowiada na maile ze szkoły."
URDU = "میرے بیٹے کو اسکول میں کوئی مدد نہیں ملتی اور ہمیں ایک سال سے انتظار کرنا پڑ رہا ہے۔"
CAMPAIGN = ("I am writing to oppose the closure of the Rainbow Resource Base at Hillside Primary. "
            "Children with autism in this town rely on it and there is nowhere else for them to go. "
            "Please keep it open and fund it properly. Signed, {name}")


def _pid(source: str, given: str) -> str:
    """The pseudonym ingest gives a respondent id read from a source's id column."""
    from pipeline.ingest import _hid

    return _hid("P", source, "id", given)


def manifest(*sources: dict) -> RoundManifest:
    return RoundManifest.model_validate({"name": "t", "framework": "fw.yaml", "sources": list(sources)})


def all_str(df: pd.DataFrame) -> bool:
    return all(df[c].map(lambda v: isinstance(v, str)).all() for c in df.columns)


# ------------------------------------------------------------------------------ file makers
def make_xlsx(path: Path, rows: list[list], *, title_rows: int = 2, sheet: str = "Responses",
              empty_first_sheet: bool = False) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    if empty_first_sheet:
        ws.title = "Cover"
        ws = wb.create_sheet(sheet)
    else:
        ws.title = sheet
    if title_rows:
        ws.append(["Workshop sticky notes: Hillside, 17 October 2024"])
        ws.append(["Typed up by the SEND team"])
        for _ in range(title_rows - 2):
            ws.append([])
        ws.append([])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def make_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_heading("Working Together event notes", 0)
    d.add_paragraph("Date: 15 October 2024")
    d.add_heading("Table 1: Waiting for assessments", 1)
    d.add_paragraph("Parents said the EHC needs assessment took over a year and nobody called back.",
                    style="List Bullet")
    d.add_paragraph("One parent praised the new caseworker for keeping in touch weekly.",
                    style="List Bullet")
    d.add_paragraph("A longer discussion followed about tribunals and how families feel they have to "
                    "fight for everything.")
    d.add_paragraph("")
    p = d.add_paragraph()
    p.add_run("Transport").bold = True
    d.add_paragraph("Taxis turn up late and drivers change every week, which upsets the children.")
    t = d.add_table(rows=3, cols=2)
    t.cell(0, 0).text = "What is working well?"
    t.cell(0, 1).text = "What should change?"
    t.cell(1, 0).text = "Short breaks at the Beeches are brilliant."
    t.cell(1, 1).text = "More speech and language therapy in mainstream schools."
    t.cell(2, 0).text = ""
    t.cell(2, 1).text = "n/a"
    d.save(path)
    return path


LETTER = """14 Acacia Avenue
Millbrook
MB1 2ZZ

3 November 2024

Dear Sir or Madam,

I am writing about my daughter who has Down syndrome. She waited
eleven months for her plan to be finalised.

The school has been supportive but they cannot get any advice from
the educational psychology service.

Please put more money into early help.

Yours faithfully,

Annabel Quinton-Reeve
"""

NOTES_MD = """# Parent carer forum notes

## Preparing for adulthood
- Nobody told us what happens at 16.
- College courses are only three days a week.

Transport:
- Bus passes arrive late every September
- Escorts are not trained in epilepsy care

A long paragraph that was typed up from a flip chart, with a point about respite
that wraps over two lines.
"""


def write_survey_csv(folder: Path) -> Path:
    rows = [
        ["Response ID", "I am a...", "Submitted", "District",
         "Q1 What works well?", "Q2 What would you change?"],
        ["1001", "Parent carer", "14/10/2024", "North", "The SENCO at our school is amazing.",
         "Waiting lists for CAMHS are far too long, we waited 18 months."],
        ["1002", "Young person", "2024-10-05", "South", "n/a", "More clubs I can go to after school"],
        ["1003", "Professional", "Autumn 2024", "East", "", "Annual reviews are never on time."],
    ]
    p = folder / "survey.csv"
    import csv

    with open(p, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return p


@pytest.fixture()
def survey_csv(tmp_path: Path) -> Path:
    return write_survey_csv(tmp_path)


# ------------------------------------------------------------------------------ read_table
def test_csv_utf8_bom_and_cp1252_are_decoded(tmp_path: Path):
    text = "id,comment\n1,\u201cBrilliant\u201d service \u2013 only \u00a35 a session\n2,caf\u00e9 na\u00efve\n"
    (tmp_path / "u8.csv").write_bytes(text.encode("utf-8"))
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "win.csv").write_bytes(text.encode("cp1252"))
    (tmp_path / "u16.txt").write_bytes(text.replace(",", "\t").encode("utf-16"))
    for name in ("u8.csv", "bom.csv", "win.csv", "u16.txt"):
        df = read_table(tmp_path / name)
        assert list(df.columns) == ["id", "comment"], name
        assert df["comment"].tolist() == ["\u201cBrilliant\u201d service \u2013 only \u00a35 a session",
                                          "caf\u00e9 na\u00efve"], name
        assert all_str(df) and (df.dtypes == object).all()


def test_csv_delimiters_quotes_multiline_and_missing_cells(tmp_path: Path):
    p = tmp_path / "semi.csv"
    p.write_text('id;text;extra\n1;"line one\nline two; with ""quotes""";x\n2;short\n', encoding="utf-8")
    df = read_table(p)
    assert df["text"].tolist() == ['line one\nline two; with "quotes"', "short"]
    assert df["extra"].tolist() == ["x", ""]  # a short row is padded, never dropped
    p2 = tmp_path / "excel.csv"
    p2.write_text("sep=;\nid;text\n1;a, b and c\n", encoding="utf-8")
    assert read_table(p2).to_dict("list") == {"id": ["1"], "text": ["a, b and c"]}


def test_xlsx_title_block_named_sheet_and_cell_types(tmp_path: Path):
    p = make_xlsx(tmp_path / "notes.xlsx", [
        ["Table", "Note", "Score", "When"],
        [1, "More respite please", 3.0, "14/10/2024"],
        [2, "=SUM(A1)", 2.5, None],
        [None, None, None, None],
        [3, "Emoji 👍🏽 and Polish: " + POLISH, None, None],
    ], empty_first_sheet=True)
    df = read_table(p)  # first *data* sheet, header below a title block
    assert list(df.columns) == ["Table", "Note", "Score", "When"]
    assert df["Note"].tolist() == ["More respite please", "=SUM(A1)", "Emoji 👍🏽 and Polish: " + POLISH]
    assert df["Table"].tolist() == ["1", "2", "3"] and df["Score"].tolist() == ["3", "2.5", ""]
    assert all_str(df)
    assert read_table(p, sheet="Responses").equals(df)
    with pytest.raises(InputFileError, match=r"no sheet 'Nope' \(sheets: Cover, Responses\)"):
        read_table(p, sheet="Nope")
    # a key/value title block ("Exported: | date") is not mistaken for the header
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in (["Survey export"], ["Exported:", "3 Oct 2024"], ["Survey:", "SEND strategy"], [],
              ["ID", "Type", "District", "Q1", "Q2"], ["1", "Parent carer", "North", "More respite", ""]):
        ws.append(r)
    wb.save(tmp_path / "kv.xlsx")
    assert list(read_table(tmp_path / "kv.xlsx").columns) == ["ID", "Type", "District", "Q1", "Q2"]


def test_json_records_wrapper_jsonl_and_parquet(tmp_path: Path):
    recs = [{"id": 1, "text": "First", "tags": ["a", "b"]}, {"id": 2, "text": None, "extra": True},
            {"id": 3, "text": "Third"}]
    (tmp_path / "a.json").write_text(json.dumps(recs), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"records": recs}), encoding="utf-8")
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\n\n", encoding="utf-8")
    pq.write_table(pa.table({"id": [1, 2, 3], "text": ["First", None, "Third"],
                             "score": [0.5, None, 2.0]}), tmp_path / "d.parquet")
    for name in ("a.json", "b.json", "c.jsonl", "d.parquet"):
        df = read_table(tmp_path / name)
        assert df["id"].tolist() == ["1", "2", "3"], name
        assert df["text"].tolist() == ["First", "", "Third"], name
        assert all_str(df), name
    assert read_table(tmp_path / "a.json")["tags"].tolist()[0] == '["a", "b"]'
    assert read_table(tmp_path / "d.parquet")["score"].tolist() == ["0.5", "", "2"]


def test_reader_chosen_by_content_not_extension(tmp_path: Path):
    (tmp_path / "export.dat").write_text('[{"text": "hello"}]', encoding="utf-8")
    assert read_table(tmp_path / "export.dat")["text"].tolist() == ["hello"]
    make_xlsx(tmp_path / "noext", [["text"], ["from a workbook"]], title_rows=0)
    assert read_table(tmp_path / "noext")["text"].tolist() == ["from a workbook"]
    (tmp_path / "data.txt").write_text("text\nfrom csv text\n", encoding="utf-8")
    assert read_table(tmp_path / "data.txt")["text"].tolist() == ["from csv text"]
    (tmp_path / "lines.json").write_text('{"text": "a"}\n{"text": "b"}\n', encoding="utf-8")
    assert read_table(tmp_path / "lines.json")["text"].tolist() == ["a", "b"]  # JSONL in .json
    (tmp_path / "notes.md").write_text("[Draft] notes from table 2\n\n- more respite\n", encoding="utf-8")
    r, _ = ingest_round(manifest({"file": "notes.md", "channel": "event"}), tmp_path)
    assert r["text"].tolist() == ["[Draft] notes from table 2", "more respite"]  # text, not bad JSON


def test_require_column_message(tmp_path: Path, survey_csv: Path):
    df = read_table(survey_csv)
    assert require_column(df, "District", survey_csv) == "District"
    with pytest.raises(InputFileError) as e:
        require_column(df, "district", survey_csv)
    msg = str(e.value)
    assert msg.startswith(f"{survey_csv}: no column 'district' (columns: Response ID, I am a..., ")
    assert "did you mean 'District'" in msg and "\n" not in msg


# ------------------------------------------------------------------------------ cleaning
def test_clean_text_rules():
    assert clean_text("  Too   many\tspaces \u00a0here  ") == "Too many spaces here"
    assert clean_text("ﬁne ｆｕｌｌ width") == "fine full width"  # NFKC
    assert clean_text("<p>Great <b>service</b></p><br/>Thanks &amp; well done &pound;5") == \
        "Great service\n\nThanks & well done £5"
    assert clean_text("<script>alert(1)</script> ok") == "alert(1) ok"
    assert clean_text("3 < 5 and 7 > 6, love it <3 <child's name>") == "3 < 5 and 7 > 6, love it <3 <child's name>"
    assert clean_text("zero\u200bwidth soft\u00adhyphen") == "zerowidth softhyphen"
    assert clean_text("para one\r\n\r\n\r\n\r\npara two") == "para one\n\npara two"
    assert clean_text("=SUM(A1)") == "=SUM(A1)"


@pytest.mark.parametrize("text,reason", [
    ("", "no content: empty"), ("   ", "no content: empty"), ("n/a", "no content: 'n/a'"),
    ("N/A.", "no content: 'N/A.'"), ("None", "no content: 'None'"), ("-", "no content: only digits"),
    (".", "no content: only digits"), ("12345", "no content: only digits"),
    ("No comment", "no content: 'No comment'"), ("nothing!!", "no content: 'nothing!!'"),
])
def test_no_content_reasons(text: str, reason: str):
    assert no_content_reason(clean_text(text), text).startswith(reason)


def test_content_is_not_mistaken_for_no_content():
    for t in ("No - the wait was too long", "None of the schools could take him", "OK", "Yes please"):
        assert no_content_reason(clean_text(t), t) == ""
    assert no_content_reason(clean_text("<b></b>"), "<b></b>") == "no content: only HTML markup or invisible characters"


def test_dates_are_normalised_uk_day_first():
    assert normalise_date("14/10/2024") == "2024-10-14"
    assert normalise_date("05/10/2024") == "2024-10-05"
    assert normalise_date("2024-10-05") == "2024-10-05"
    assert normalise_date("16 October 2024") == "2024-10-16"
    assert normalise_date("2024-10-05 13:45:00") == "2024-10-05"
    assert normalise_date("Autumn 2024") == "Autumn 2024"  # kept as written
    assert normalise_date("") == ""


def test_language_flags():
    assert detect_language(POLISH) == "pl"
    assert detect_language(URDU) == "ur"
    assert detect_language("The waiting list for speech therapy is far too long for our kids.") == "en"
    assert detect_language("Short breaks panel listened") == "en"  # no "no" (Norwegian) on short text
    assert detect_language("More respite") == ""  # under 4 words


def test_duplicates_exact_and_near_campaign():
    texts = [CAMPAIGN.format(name="Jo Bloggs"), CAMPAIGN.format(name="Sam Patel-Hughes"),
             CAMPAIGN.format(name="Ali Khan") + " My son goes there.",
             "More funding for schools", "more funding for schools!!", "More Funding For Schools",
             "The annual review paperwork arrived two days before the meeting, which is useless.",
             "Transport has been excellent this year and the driver knows my son well."]
    ids = [f"R{i:02d}" for i in range(len(texts))]
    groups, counts, kinds = find_duplicates(texts, ids)
    assert groups[0] and groups[0] == groups[1] == groups[2] and counts[:3] == [3, 3, 3]
    assert kinds[:3] == ["near"] * 3
    assert groups[3] and groups[3] == groups[4] == groups[5] != groups[0]
    assert counts[3:6] == [3, 3, 3] and kinds[3:6] == ["exact"] * 3
    assert groups[6:] == ["", ""] and counts[6:] == [1, 1]
    # group ids come from member ids, not positions: reversing the input keeps them
    g2, _, _ = find_duplicates(texts[::-1], ids[::-1])
    assert g2[::-1] == groups


# ------------------------------------------------------------------------------ ingest_round
@pytest.fixture(scope="module")
def round_dir(tmp_path_factory) -> Path:
    """A small round with every format; shared by the tests below, which never modify it."""
    d = tmp_path_factory.mktemp("round")
    write_survey_csv(d)
    make_xlsx(d / "sticky.xlsx", [
        ["Table", "Note", "Group"],
        [1, "More respite please for families like ours", "Parent carer"],
        [2, "=SUM(A1)", ""],
        [3, "<script>alert('x')</script> Please stop cutting TA hours", "Professional"],
        [4, "none", "Parent carer"],
    ])
    make_docx(d / "event.docx")
    (d / "letters").mkdir()
    (d / "letters" / "letter_01.txt").write_text(LETTER, encoding="utf-8")
    (d / "notes.md").write_text(NOTES_MD, encoding="utf-8")
    big = "I have a lot to say. " * 50_000  # ~1 MB cell
    (d / "web.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "w1", "comment": big},
        {"id": "w2", "comment": "Brilliant support 👍🏽🎉 from the Beeches team, thank you so much"},
        {"id": "w3", "comment": POLISH},
        {"id": "w4", "comment": URDU},
        {"id": "w5", "comment": CAMPAIGN.format(name="Jo Bloggs")},
        {"id": "w6", "comment": CAMPAIGN.format(name="Sam Patel-Hughes")},
        {"id": "w7", "comment": "N/A"},
    ]), encoding="utf-8")
    pq.write_table(pa.table({"ref": ["p1", "p2"],
                             "feedback": ["Parquet comment about the local offer website.", None]}),
                   d / "extra.parquet")
    return d


@pytest.fixture(scope="module")
def round_manifest() -> RoundManifest:
    return manifest(
        {"file": "survey.csv", "channel": "survey",
         "text_columns": ["Q1 What works well?", "Q2 What would you change?"],
         "respondent_id_column": "Response ID", "group_column": "I am a...",
         "date_column": "Submitted", "extra_columns": ["District"]},
        {"file": "sticky.xlsx", "channel": "workshop", "text_columns": ["Note"],
         "group_column": "Group", "extra_columns": ["Table"], "event": "Co-production workshop",
         "date": "17/10/2024", "group": "Mixed"},
        {"file": "event.docx", "channel": "event", "event": "Working Together"},
        {"file": "letters/letter_01.txt", "channel": "written", "group": "Parent carer"},
        {"file": "notes.md", "channel": "event", "event": "Forum", "date": "2024-10-20"},
        {"file": "web.jsonl", "channel": "survey", "text_columns": ["comment"],
         "respondent_id_column": "id", "question": "Any other comments?"},
        {"file": "extra.parquet", "channel": "other", "text_columns": ["feedback"]},
    )


@pytest.fixture(scope="module")
def ingested(round_dir, round_manifest):
    return ingest_round(round_manifest, round_dir)


def test_ingest_round_builds_one_table_with_the_contract_columns(ingested):
    responses, ledger = ingested
    assert list(responses.columns[:len(RESPONSE_COLUMNS)]) == RESPONSE_COLUMNS
    assert {"district", "table", "duplicate_kind"} <= set(responses.columns)
    assert list(ledger.columns) == LEDGER_COLUMNS
    assert responses["response_id"].is_unique
    assert responses["response_id"].str.fullmatch(r"R[0-9a-f]{10}").all()
    for col in responses.columns:
        if col != "duplicate_count":
            assert responses[col].map(lambda v: isinstance(v, str)).all(), col
    assert (responses["date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}") | responses["date"].isin(["", "Autumn 2024"])).all()

    s = responses[responses.source == "survey.csv"].set_index("row_ref")
    # two free-text questions -> two responses linked by respondent, question = header
    a = s.loc["line 2, column 'Q1 What works well?'"]
    b = s.loc["line 2, column 'Q2 What would you change?'"]
    assert a.respondent_id == b.respondent_id == _pid("survey.csv", "1001")
    assert "1001" not in a.respondent_id  # ids are pseudonymised (they can be emails)
    assert (a.question, b.question) == ("Q1 What works well?", "Q2 What would you change?")
    assert (a.group, a.date, a.district, a.channel) == ("Parent carer", "2024-10-14", "North", "survey")
    assert s.loc["line 3, column 'Q2 What would you change?'"].date == "2024-10-05"
    assert s.loc["line 4, column 'Q2 What would you change?'"].date == "Autumn 2024"

    x = responses[responses.source == "sticky.xlsx"]
    assert x["event"].eq("Co-production workshop").all() and x["date"].eq("2024-10-17").all()
    assert x["group"].tolist() == ["Parent carer", "Mixed", "Professional"]  # column wins, fixed fills
    assert x["table"].tolist() == ["1", "2", "3"]
    assert x["row_ref"].tolist() == ["sheet 'Responses' row 5", "sheet 'Responses' row 6",
                                     "sheet 'Responses' row 7"]

    w = responses[responses.source == "web.jsonl"]
    assert w["question"].eq("Any other comments?").all()  # fixed question for a one-column source
    assert set(w["respondent_id"]) == {_pid("web.jsonl", f"w{i}") for i in range(1, 7)}


def test_docx_paragraphs_bullets_cells_and_headings(ingested):
    responses, ledger = ingested
    d = responses[responses.source == "event.docx"]
    by_q = d.groupby("question")["text"].apply(list).to_dict()
    assert by_q["Table 1: Waiting for assessments"][0].startswith("Parents said the EHC needs")
    assert len(by_q["Table 1: Waiting for assessments"]) == 3  # two bullets + a paragraph
    assert by_q["Transport"] == ["Taxis turn up late and drivers change every week, which upsets the children."]
    assert by_q["What is working well?"] == ["Short breaks at the Beeches are brilliant."]
    assert by_q["What should change?"] == ["More speech and language therapy in mainstream schools."]
    assert d["date"].eq("2024-10-15").all() and d["event"].eq("Working Together").all()
    assert not d["text"].str.contains("Working Together event notes").any()  # the title is no comment
    dl = ledger[ledger.source == "event.docx"]
    assert (dl.status == "excluded").sum() == 7  # title, date line, 2 headings, 2 table headers, n/a
    assert set(dl.loc[dl.status == "excluded", "reason"].str.split(":").str[0]) == {"heading", "metadata", "no content"}


def test_txt_notes_and_letters(ingested):
    responses, _ = ingested
    n = responses[responses.source == "notes.md"]
    assert n.loc[n.question == "Preparing for adulthood", "text"].tolist() == [
        "Nobody told us what happens at 16.", "College courses are only three days a week."]
    assert n.loc[n.question == "Transport", "text"].tolist()[:2] == [
        "Bus passes arrive late every September", "Escorts are not trained in epilepsy care"]
    assert n["text"].str.contains("wraps over two lines").sum() == 1
    assert n["date"].eq("2024-10-20").all()

    letter = responses[responses.source == "letters/letter_01.txt"]
    assert len(letter) == 1  # the whole letter is one response
    body = letter["text"].iloc[0]
    assert body.startswith("I am writing about my daughter who has Down syndrome. She waited eleven months")
    assert body.endswith("Please put more money into early help.")
    assert "Quinton-Reeve" not in body and "Acacia" not in body and "Dear" not in body
    assert letter["date"].iloc[0] == "2024-11-03" and letter["group"].iloc[0] == "Parent carer"


def test_several_letters_in_one_file_are_separate_responses(tmp_path: Path):
    (tmp_path / "emails.txt").write_text(
        "From: a@example.org\nSubject: SEND strategy\n\nPlease fund more special school places.\n\n"
        "Kind regards, Jo\n\n-----\n\nHello,\n\nThe Local Offer website is impossible to search.\n\n"
        "Thanks\nSam\n", encoding="utf-8")
    r, led = ingest_round(manifest({"file": "emails.txt", "channel": "written"}), tmp_path)
    assert r["text"].tolist() == ["Please fund more special school places.",
                                  "The Local Offer website is impossible to search."]
    assert r["row_ref"].tolist() == ["letter 1", "letter 2"]
    assert r["question"].tolist() == ["", ""]  # a subject line may carry names: not used
    assert r["respondent_id"].nunique() == 2


def test_no_content_duplicates_language_and_hostile_text(ingested):
    responses, ledger = ingested
    w = responses[responses.source == "web.jsonl"].copy()
    w["rid"] = w["respondent_id"].map({_pid("web.jsonl", f"w{i}"): f"w{i}" for i in range(1, 7)})
    w = w.set_index("rid")
    assert len(w.loc["w1", "text"]) >= 1_000_000 - 1  # the 1 MB cell is read whole
    assert "👍🏽🎉" in w.loc["w2", "text"]
    assert w.loc["w3", "language"] == "pl" and w.loc["w4", "language"] == "ur"
    assert w.loc["w3", "text"] == POLISH and w.loc["w4", "text"] == URDU
    assert w.loc["w2", "language"] == "en"
    assert w.loc["w5", "duplicate_group"] == w.loc["w6", "duplicate_group"] != ""
    assert w.loc["w5", "duplicate_count"] == 2 and w.loc["w5", "duplicate_kind"] == "near"
    x = responses[responses.source == "sticky.xlsx"]["text"].tolist()
    assert "=SUM(A1)" in x  # formula-looking text is text
    assert "alert('x') Please stop cutting TA hours" in x  # tags stripped, row kept
    assert (responses.respondent_id == _pid("survey.csv", "1003")).sum() == 1  # empty Q1 of 1003 excluded, Q2 kept

    ex = ledger[ledger.status == "excluded"]
    reasons = dict(zip(ex.source + " " + ex.row_ref, ex.reason))
    assert reasons["web.jsonl line 7"] == "no content: 'N/A'"
    assert reasons["survey.csv line 3, column 'Q1 What works well?'"] == "no content: 'n/a'"
    assert reasons["survey.csv line 4, column 'Q1 What works well?'"] == "no content: empty"
    assert reasons["sticky.xlsx sheet 'Responses' row 8"] == "no content: 'none'"
    assert reasons["extra.parquet row 2"] == "no content: empty"
    assert all(len(r) < 60 for r in ex.reason)  # reasons never quote long text


def test_reconciliation_is_exact(ingested, round_manifest):
    responses, ledger = ingested
    rec = reconcile(ledger)
    assert list(rec.columns) == ["source", "rows_read", "included", "excluded", "reasons"]
    assert (rec.rows_read == rec.included + rec.excluded).all()
    assert rec.rows_read.sum() == len(ledger) and rec.included.sum() == len(responses)
    assert set(rec.source) == {s.file for s in round_manifest.sources}
    survey = rec.set_index("source").loc["survey.csv"]
    assert (survey.rows_read, survey.included, survey.excluded) == (6, 4, 2)  # 3 rows x 2 questions
    assert survey.reasons == "no content: 2"
    inc = ledger[ledger.status == "included"]
    assert sorted(inc.response_id) == sorted(responses.response_id)
    assert (ledger.loc[ledger.status == "excluded", "response_id"] == "").all()
    assert (ledger.loc[ledger.status == "excluded", "reason"].str.len() > 0).all()


def test_ids_are_stable_across_runs_and_independent_of_other_files(round_dir, round_manifest,
                                                                   ingested, tmp_path):
    r1, l1 = ingested
    round_dir = shutil.copytree(round_dir, tmp_path / "copy")  # a copy: this test edits a file
    r2, l2 = ingest_round(round_manifest, round_dir)
    pd.testing.assert_frame_equal(r1, r2)
    pd.testing.assert_frame_equal(l1, l2)
    # drop a source and reverse the order of the others: the remaining ids do not move
    fewer = RoundManifest.model_validate({**round_manifest.model_dump(),
                                          "sources": [s.model_dump() for s in round_manifest.sources[1:][::-1]]})
    r3, _ = ingest_round(fewer, round_dir)
    key = ["source", "row_ref"]
    merged = r1.merge(r3, on=key, suffixes=("", "_3"))
    assert len(merged) == len(r3) and (merged.response_id == merged.response_id_3).all()
    # editing a comment's text does not change its id
    p = round_dir / "notes.md"
    p.write_text(NOTES_MD.replace("Nobody told us", "Nobody ever told us"), encoding="utf-8")
    r4, _ = ingest_round(round_manifest, round_dir)
    assert set(r4.response_id) == set(r1.response_id)
    expected = "R" + hashlib.sha1("survey.csv\x1fline 2\x1eQ1 What works well?".encode()).hexdigest()[:10]
    assert expected in set(r1.response_id)


def test_raw_files_are_never_modified(round_dir, round_manifest):
    files = sorted(p for p in round_dir.rglob("*") if p.is_file())
    before = {p: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest()) for p in files}
    ingest_round(round_manifest, round_dir)
    for p in files:
        read_table(p) if p.suffix in (".csv", ".xlsx", ".jsonl", ".parquet") else None
    after = {p: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest()) for p in files}
    assert before == after
    assert sorted(p for p in round_dir.rglob("*") if p.is_file()) == files  # nothing written


# ------------------------------------------------------------------------------ points
def test_split_points_short_long_bullets_and_coverage():
    long_para = " ".join(f"Sentence number {i} says the wait for an assessment was far too long." for i in range(30))
    bullets = "My concerns:\n- transport is late\n- no respite\n- EHCP delays"
    df = pd.DataFrame({"response_id": ["Ra", "Rb", "Rc", "Rd"], "text": ["Short one.", long_para, bullets, ""],
                       "group": ["g1", "g2", "g3", "g4"]})
    pts = split_points(df, max_chars=400)
    assert list(pts.columns[:3]) == POINT_COLUMNS and "group" in pts.columns
    a = pts[pts.response_id == "Ra"]
    assert a["text"].tolist() == ["Short one."] and a["point_id"].tolist() == ["Ra-0"]
    b = pts[pts.response_id == "Rb"]
    assert len(b) >= 5 and b["text"].str.len().max() <= 400 and b["group"].eq("g2").all()
    assert b["point_id"].tolist() == [f"Rb-{i}" for i in range(len(b))]
    c = pts[pts.response_id == "Rc"]
    assert c["text"].tolist() == ["My concerns: transport is late", "no respite", "EHCP delays"]
    assert pts[pts.response_id == "Rd"]["text"].tolist() == [""]  # still one point, never lost
    alnum = lambda s: re.sub(r"\W", "", s)  # noqa: E731
    for rid, text in zip(df.response_id, df.text):
        joined = "".join(pts.loc[pts.response_id == rid, "text"])
        assert alnum(joined) == alnum(text), rid


def test_split_text_cuts_a_giant_unpunctuated_text_without_losing_words():
    text = "word " * 5000
    parts = split_text(text, 400)
    assert max(len(p) for p in parts) <= 400 and " ".join(parts).split() == text.split()
    urdu = " ".join([URDU] * 10)
    assert len(split_text(urdu, 200)) >= 5


# ------------------------------------------------------------------------------ sample rounds
@pytest.mark.parametrize("rd", SAMPLE_ROUNDS, ids=lambda p: p.name)
def test_sample_round_reconciles(rd: Path):
    if not (rd / "round.yaml").is_file():
        pytest.skip(f"{rd.relative_to(ROOT)}/round.yaml is not there yet")
    m = load_manifest(rd)
    responses, ledger = ingest_round(m, rd)
    rec = reconcile(ledger)
    assert (rec.rows_read == rec.included + rec.excluded).all()
    assert rec.rows_read.sum() == len(ledger) and rec.included.sum() == len(responses)
    assert set(rec.source) == {Path(s.file).as_posix() for s in m.sources}
    assert (rec.included > 0).all()  # every source contributes comments
    assert responses.response_id.is_unique
    assert set(ledger.loc[ledger.status == "included", "response_id"]) == set(responses.response_id)
    assert responses["text"].str.len().gt(0).all()
    assert responses["date"].str.fullmatch(r"(\d{4}-\d{2}-\d{2})?").all()
    letters = responses[responses.channel == "written"]
    assert letters.groupby("source").size().eq(1).all()  # one response per letter
    points = split_points(responses)
    assert set(points.response_id) == set(responses.response_id) and points.point_id.is_unique
    if rd.name == "sample":
        assert len(responses) >= 600
