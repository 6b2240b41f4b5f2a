"""The report's content model: every number and sentence the three renderers show.

`build_report` (in :mod:`pipeline.report.content`) fills a :class:`ReportContent` once;
the HTML, Word and Excel renderers only lay it out, so the three files always agree.
Counts are already small-number suppressed here (``display`` strings), so no renderer can
forget the rule.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..config import Framework, ReportSettings


@dataclass
class ReportInputs:
    """Everything the report is built from (all text already anonymised).

    Only ``framework`` is required; a table that is missing is an empty DataFrame and
    the matching section says so rather than failing.
    """

    framework: Framework
    points: pd.DataFrame = field(default_factory=pd.DataFrame)
    responses: pd.DataFrame = field(default_factory=pd.DataFrame)
    themes: pd.DataFrame = field(default_factory=pd.DataFrame)
    coverage: pd.DataFrame = field(default_factory=pd.DataFrame)
    theme_priorities: pd.DataFrame = field(default_factory=pd.DataFrame)
    emerging: pd.DataFrame = field(default_factory=pd.DataFrame)
    # Ingest reconciliation (source, rows_read, included, excluded[, reasons]) or the raw
    # ingest ledger (source, row_ref, response_id, status, reason): both are accepted.
    reconciliation: pd.DataFrame = field(default_factory=pd.DataFrame)
    # Anonymisation audit, long table: source, entity, count.
    audit: pd.DataFrame = field(default_factory=pd.DataFrame)
    # From load_you_said_we_did(); None: built from coverage and themes, all awaiting.
    you_said_we_did: pd.DataFrame | None = None
    # round (name, or a dict with name/title/start_date/end_date), title, start_date,
    # end_date, run_date, input_hash, models (dict or list), settings (dict, the round's
    # settings), analyst_edits (list[str]), since_last_round (a compare.Comparison, a dict
    # of tables, or None).
    meta: dict[str, Any] = field(default_factory=dict)
    # None: meta["settings"]["report"] if given, else the defaults.
    settings: ReportSettings | None = None
    # Screen every comment (not only quotes) for identifiers before it goes into the
    # workbook's Comments sheet.
    screen_all_comments: bool = True


@dataclass
class Table:
    """A table as shown: header and rows of str / int / float cells (already suppressed)."""

    key: str
    title: str
    columns: list[str]
    rows: list[list[Any]]
    caption: str = ""


@dataclass
class Quote:
    text: str
    attribution: str
    response_id: str
    point_id: str
    theme_id: int | None = None
    theme_label: str = ""
    priority_ids: list[str] = field(default_factory=list)
    group_label: str = "Respondent"


@dataclass
class StanceCount:
    stance: str
    display: str


@dataclass
class LinkedPriority:
    priority_id: str
    title: str
    tier: str
    points_display: str
    share_display: str


@dataclass
class ThemeView:
    theme_id: int
    label: str
    description: str
    is_other: bool
    size_display: str
    responses_display: str
    respondents_display: str
    stance: list[StanceCount]
    by_group: Table
    quotes: list[Quote]
    priorities: list[LinkedPriority]  # links with at least small_number comments
    keywords: str = ""
    minor_priorities: list[str] = field(default_factory=list)  # ids of links with fewer


@dataclass
class PriorityView:
    priority_id: str
    tier: str
    title: str
    points_display: str
    responses_display: str
    respondents_display: str
    strength: str  # "Strong" | "Moderate" | "Weak" | "None"
    low_evidence: bool
    gap_note: str
    themes: list[str]
    quotes: list[Quote]


@dataclass
class TierView:
    tier: str
    heading: str
    priorities: list[PriorityView]


@dataclass
class EmergingView:
    theme_id: int
    label: str
    points_display: str
    respondents_display: str
    share_display: str
    quotes: list[Quote]


@dataclass
class Chart:
    key: str
    title: str
    png: bytes
    alt: str
    data: Table


@dataclass
class SummaryView:
    key_figures: list[tuple[str, str]]
    by_channel: Table
    by_event: Table
    by_group: Table
    top_themes: list[str]
    most_evidence: list[str]
    least_evidence: list[str]
    emerging: list[str]


@dataclass
class MethodologyView:
    ledger: Table
    anonymisation_by_type: Table
    anonymisation_by_source: Table
    models: Table
    settings: Table
    run_date: str
    input_hash: str
    analyst_edits: list[str]
    notes: list[str]


@dataclass
class ReportContent:
    title: str
    round_name: str
    period: str
    run_date: str
    small_number: int
    summary: SummaryView
    themes: list[ThemeView]
    tiers: list[TierView]
    emerging: list[EmergingView]
    you_said_we_did: Table
    methodology: MethodologyView
    charts: list[Chart]
    quote_bank: list[Quote]
    filter_themes: list[tuple[str, str]]  # (value, label)
    filter_priorities: list[tuple[str, str]]
    filter_groups: list[str]
    since_last_round: list[Table]
    # Workbook sheets, in order (sheet name -> table).
    sheets: list[Table]
    withheld_quotes: int = 0
