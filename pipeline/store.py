"""The evidence store: every round's anonymised evidence in one DuckDB database.

``data/processed/evidence.duckdb`` accumulates, per round, the anonymised responses, the
comment points with their themes and priorities, the themes (with centroid embeddings for
matching across rounds), priority coverage, emerging issues and the analyst edits applied.
Re-running a round replaces that round's rows (in one transaction); it never duplicates
them.  Query it with SQL (``duckdb.connect(path)``) or :func:`read_table`.
No raw text is ever stored here: only the anonymised text that the reports also show.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

# table -> [(column, DuckDB type)]; every table also has "round" first.
SCHEMA: dict[str, list[tuple[str, str]]] = {
    "rounds": [("title", "VARCHAR"), ("start_date", "VARCHAR"), ("end_date", "VARCHAR"),
               ("previous_round", "VARCHAR"), ("framework", "VARCHAR"), ("run_at", "VARCHAR"),
               ("input_hash", "VARCHAR"), ("n_responses", "BIGINT"), ("n_points", "BIGINT"),
               ("n_respondents", "BIGINT")],
    "responses": [("response_id", "VARCHAR"), ("respondent_id", "VARCHAR"), ("source", "VARCHAR"),
                  ("channel", "VARCHAR"), ("event", "VARCHAR"), ("date", "VARCHAR"),
                  ("group", "VARCHAR"), ("question", "VARCHAR"), ("text", "VARCHAR"),
                  ("language", "VARCHAR"), ("duplicate_count", "BIGINT"),
                  ("duplicate_group", "VARCHAR"), ("pii_counts", "VARCHAR")],
    "points": [("point_id", "VARCHAR"), ("response_id", "VARCHAR"), ("respondent_id", "VARCHAR"),
               ("channel", "VARCHAR"), ("event", "VARCHAR"), ("date", "VARCHAR"),
               ("group", "VARCHAR"), ("text", "VARCHAR"), ("theme_id", "BIGINT"),
               ("theme_label", "VARCHAR"), ("stance", "VARCHAR"), ("priority_ids", "VARCHAR"),
               ("priority_scores", "VARCHAR"), ("top_priority", "VARCHAR")],
    "themes": [("theme_id", "BIGINT"), ("label", "VARCHAR"), ("description", "VARCHAR"),
               ("size", "BIGINT"), ("n_responses", "BIGINT"), ("n_respondents", "BIGINT"),
               ("keywords", "VARCHAR"), ("quotes", "VARCHAR"), ("n_concern", "BIGINT"),
               ("n_praise", "BIGINT"), ("n_suggestion", "BIGINT"), ("n_neutral", "BIGINT"),
               ("centroid", "FLOAT[]")],
    "coverage": [("priority_id", "VARCHAR"), ("tier", "VARCHAR"), ("title", "VARCHAR"),
                 ("n_points", "BIGINT"), ("n_responses", "BIGINT"), ("n_respondents", "BIGINT"),
                 ("strength", "VARCHAR"), ("theme_ids", "VARCHAR"), ("flag_low_evidence", "BOOLEAN")],
    "theme_priorities": [("theme_id", "BIGINT"), ("priority_id", "VARCHAR"), ("n_points", "BIGINT"),
                         ("share", "DOUBLE"), ("mean_score", "DOUBLE")],
    "emerging": [("theme_id", "BIGINT"), ("label", "VARCHAR"), ("n_points", "BIGINT"),
                 ("n_respondents", "BIGINT"), ("share_unmapped", "DOUBLE")],
    "edits": [("seq", "BIGINT"), ("description", "VARCHAR")],
}


def _q(col: str) -> str:
    return '"' + col.replace('"', '""') + '"'


def connect(path: str | Path):
    import duckdb

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    for table, cols in SCHEMA.items():
        body = ", ".join([f"{_q('round')} VARCHAR"] + [f"{_q(c)} {t}" for c, t in cols])
        con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({body})")
    return con


def _conform(table: str, round_name: str, df: pd.DataFrame) -> pd.DataFrame:
    cols = SCHEMA[table]
    out = pd.DataFrame(index=range(len(df)))
    out["round"] = round_name
    df = df.reset_index(drop=True)
    for col, typ in cols:
        if col in df.columns:
            s = df[col]
        else:
            s = pd.Series([None] * len(df))
        if typ == "VARCHAR":
            s = s.map(lambda v: None if v is None or (isinstance(v, float) and np.isnan(v)) else str(v))
        elif typ == "FLOAT[]":
            s = s.map(lambda v: None if v is None else [float(x) for x in v])
        out[col] = s.values
    return out


def save_round(path: str | Path, round_name: str, tables: dict[str, pd.DataFrame]) -> None:
    """Replace ``round_name``'s rows in every table given (others are left alone)."""
    unknown = set(tables) - set(SCHEMA)
    if unknown:
        raise ValueError(f"unknown store tables: {sorted(unknown)}")
    con = connect(path)
    try:
        con.execute("BEGIN TRANSACTION")
        for table in SCHEMA:
            if table not in tables:
                continue
            frame = _conform(table, round_name, tables[table])
            con.execute(f"DELETE FROM {table} WHERE round = ?", [round_name])
            if len(frame):
                con.register("incoming", frame)
                cols = ", ".join(_q(c) for c in frame.columns)
                con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM incoming")
                con.unregister("incoming")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        con.close()


def read_table(path: str | Path, table: str, round_name: str | None = None) -> pd.DataFrame:
    """One store table as a DataFrame, for one round or all."""
    if table not in SCHEMA:
        raise ValueError(f"unknown store table {table!r}")
    con = connect(path)
    try:
        if round_name is None:
            return con.execute(f"SELECT * FROM {table} ORDER BY round").df()
        return con.execute(f"SELECT * FROM {table} WHERE round = ?", [round_name]).df()
    finally:
        con.close()


def rounds(path: str | Path) -> list[str]:
    return read_table(path, "rounds")["round"].tolist() if Path(path).exists() else []
