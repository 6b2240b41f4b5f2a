"""The tables that pass between stages: their columns and what they mean.

Each stage is a plain function from a DataFrame (plus config) to a DataFrame; these are
the contracts between them.  A stage reads only the columns named here from its input
and never reaches into another stage's internals.

responses  (ingest -> anonymise)         data/processed/<round>/responses.parquet is the
                                         *anonymised* version; raw text is never written.
    response_id    str  stable id, same row -> same id on every run ("R" + 10 hex)
    respondent_id  str  links the answers of one respondent (survey row, letter, note)
    source         str  file name of the source, relative to the round folder
    channel        str  survey | event | workshop | written | other
    event          str  event or workshop name ("" when none)
    date           str  ISO date "YYYY-MM-DD" ("" when unknown)
    group          str  respondent group, e.g. "Parent carer", "Young person",
                        "Professional" ("" when unknown)
    question       str  the question or heading the text answers ("" when none)
    text           str  the comment (raw after ingest; anonymised after anonymise)
    row_ref        str  where in the source: "row 12", "paragraph 4", "table 1 row 3"
    language       str  detected language code ("en", "ur", ... "" when too short)
    duplicate_count int how many included responses share this exact/near text (1 = unique)
    duplicate_group str id shared by exact or near-identical (campaign) responses ("" if unique)
    + any extra columns named in the manifest (e.g. district), lower_snake_case

ledger     (ingest)                       one row per input row/unit read
    source, row_ref, response_id (may be ""), status ("included" | "excluded"), reason

anonymise adds to responses
    pii_counts     str  JSON object {ENTITY_TYPE: count} of what was replaced in the row

points     (ingest.split_points on anonymised responses) - the unit of theming/mapping
    point_id       str  response_id + "-" + index ("R0a1b2c3d4e-0")
    response_id    str  parent response
    text           str  one point (sentence group or bullet) of the response
    + every other responses column carried along

themes     (themes.discover_themes) adds to points
    theme_id       int  -1 is the explicit "Other comments" theme
    theme_label    str  readable phrase, e.g. "Waiting times for EHCP assessments"
    theme_score    float similarity of the point to its theme (0..1)
    stance         str  concern | praise | suggestion | neutral
and returns a theme table
    theme_id, label, description, size (points), n_responses, n_respondents,
    keywords (str, "; "-joined), quotes (JSON list of {"response_id","point_id","text"}),
    n_concern, n_praise, n_suggestion, n_neutral

mapping    (mapping.map_priorities) adds to points
    priority_ids    str  ";"-joined priority ids, best first, "" when nothing fits
    priority_scores str  ";"-joined calibrated scores (0..1, 3 d.p.) in the same order
and mapping.coverage / theme_priorities / emerging_issues return report tables
"""

RESPONSE_COLUMNS = [
    "response_id", "respondent_id", "source", "channel", "event", "date", "group",
    "question", "text", "row_ref", "language", "duplicate_count", "duplicate_group",
]
LEDGER_COLUMNS = ["source", "row_ref", "response_id", "status", "reason"]
POINT_COLUMNS = ["point_id", "response_id", "text"]
THEME_COLUMNS = ["theme_id", "theme_label", "theme_score", "stance"]
THEME_TABLE_COLUMNS = [
    "theme_id", "label", "description", "size", "n_responses", "n_respondents",
    "keywords", "quotes", "n_concern", "n_praise", "n_suggestion", "n_neutral",
]
MAPPING_COLUMNS = ["priority_ids", "priority_scores"]
OTHER_THEME_ID = -1
OTHER_THEME_LABEL = "Other comments"
