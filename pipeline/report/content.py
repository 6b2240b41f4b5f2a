"""build_report: turn the stage tables into the report's content (all numbers computed here)."""
from __future__ import annotations

import json
import math
from collections import Counter, OrderedDict
from datetime import datetime, timezone
from typing import Any

import pandas as pd

from pydantic import ValidationError

from ..config import ReportSettings
from ..errors import ConfigError, PipelineError
from ..schema import OTHER_THEME_ID, OTHER_THEME_LABEL
from . import charts
from .model import (
    EmergingView, LinkedPriority, MethodologyView, PriorityView, Quote, ReportContent,
    ReportInputs, StanceCount, SummaryView, Table, ThemeView, TierView,
)
from .safety import (
    CHANNEL_LABELS, OTHER_GROUP, GroupPolicy, IdentifierScreen, as_int, clean_text, fmt_count,
    fmt_date,
)
from .you_said import AWAITING

TIER_HEADINGS = OrderedDict([
    ("must", "Priorities we must achieve"),
    ("should", "Priorities we should achieve"),
    ("could", "Priorities we could achieve"),
])
STRENGTHS = {"strong": "Strong", "moderate": "Moderate", "weak": "Weak", "none": "None"}
STANCES = [("n_concern", "Concern"), ("n_praise", "Praise"), ("n_suggestion", "Suggestion"),
           ("n_neutral", "Neutral")]


# --------------------------------------------------------------------------- helpers
def _df(x: Any) -> pd.DataFrame:
    return x if isinstance(x, pd.DataFrame) else pd.DataFrame()


def _s(v: Any) -> str:
    return clean_text(v).strip()


def _float(v: Any) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _json_list(value: Any, where: str) -> list:
    if isinstance(value, list):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    s = str(value).strip()
    if not s:
        return []
    try:
        out = json.loads(s)
    except json.JSONDecodeError:
        raise PipelineError(f"{where}: quotes are not valid JSON") from None
    if not isinstance(out, list):
        raise PipelineError(f"{where}: quotes must be a JSON list")
    return out


def _split_ids(v: Any) -> list[str]:
    return [p.strip() for p in _s(v).split(";") if p.strip()]


def _theme_id(v: Any) -> int | None:
    f = _float(v)
    return None if f is None else int(f)


# --------------------------------------------------------------------------- builder
class _Builder:
    def __init__(self, inp: ReportInputs):
        self.inp = inp
        if inp.settings is None:
            rs = (inp.meta.get("settings") or {}).get("report") if isinstance(inp.meta.get("settings"), dict) else None
            try:
                inp.settings = ReportSettings.model_validate(rs or {})
            except ValidationError:
                raise ConfigError("report settings: invalid small_number or quotes_per_priority") from None
        self.k = inp.settings.small_number
        self.fw = inp.framework
        self.prio = self.fw.by_id()
        self.points = _df(inp.points).copy()
        self.responses = _df(inp.responses).copy()
        self.themes = _df(inp.themes).copy()
        self.coverage = _df(inp.coverage).copy()
        self.tp = _df(inp.theme_priorities).copy()
        self.emerging_df = _df(inp.emerging).copy()
        self.screen = IdentifierScreen()
        self.comments_withheld = 0
        self.quote_bank: "OrderedDict[str, Quote]" = OrderedDict()

        # Response lookup (responses first, points as fallback for the same columns).
        self.resp: dict[str, dict] = {}
        src = self.responses if not self.responses.empty else self.points
        if not src.empty and "response_id" in src:
            cols = [c for c in ("respondent_id", "group", "channel", "event", "date", "source")
                    if c in src]
            d = src.drop_duplicates("response_id")
            for rid, row in zip(d["response_id"].astype(str), d[cols].to_dict("records")):
                self.resp[rid] = row
        # Respondents per group in the round.
        people = self._people_frame()
        by_group = (people.groupby("group")["who"].nunique().to_dict() if not people.empty else {})
        self.groups = GroupPolicy(by_group, self.k)
        # Point lookup.
        self.point: dict[str, dict] = {}
        if not self.points.empty and "point_id" in self.points:
            self.point = dict(zip(self.points["point_id"].astype(str), self.points.to_dict("records")))
            # Per point, once: theme id, pooled group label and respondent key.
            self.points["_tid"] = self.points["theme_id"].map(_theme_id) if "theme_id" in self.points else None
            rids = self.points["response_id"].astype(str) if "response_id" in self.points else self.points["point_id"]
            self.points["_g"] = rids.map(lambda x: self.groups.table_label(self.resp.get(x, {}).get("group")))
            self.points["_who"] = rids.map(lambda x: _s(self.resp.get(x, {}).get("respondent_id")) or x)
        # Theme labels.
        self.theme_label: dict[int, str] = {}
        if not self.themes.empty:
            for _, r in self.themes.iterrows():
                tid = _theme_id(r.get("theme_id"))
                if tid is not None:
                    self.theme_label[tid] = _s(r.get("label")) or f"Theme {tid}"
        self.theme_label.setdefault(OTHER_THEME_ID, OTHER_THEME_LABEL)

    # ---- who
    def _people_frame(self) -> pd.DataFrame:
        """One row per response with group, channel, event, date and respondent key."""
        src = self.responses if not self.responses.empty else self.points
        if src.empty:
            return pd.DataFrame(columns=["response_id", "who", "group", "channel", "event", "date"])
        if "response_id" in src:
            src = src.drop_duplicates("response_id")
        out = pd.DataFrame(index=src.index)
        out["response_id"] = src["response_id"].astype(str) if "response_id" in src else src.index.astype(str)
        if "respondent_id" in src:
            who = src["respondent_id"].astype(str).str.strip()
            out["who"] = who.where(who != "", out["response_id"])
        else:
            out["who"] = out["response_id"]
        for c in ("group", "channel", "event", "date", "source"):
            out[c] = src[c].map(_s) if c in src else ""
        return out

    # ---- quotes
    def quote(self, q: Any, theme_id: int | None = None, priority_id: str | None = None) -> Quote | None:
        """A safe, attributed quote, or None when withheld (identifier found) or empty."""
        if isinstance(q, str):
            q = {"text": q}
        if not isinstance(q, dict):
            return None
        pid = _s(q.get("point_id"))
        pt = self.point.get(pid, {})
        rid = _s(q.get("response_id")) or _s(pt.get("response_id"))
        text = clean_text(q.get("text") if q.get("text") is not None else pt.get("text", "")).strip()
        if not text:
            return None
        key = pid or f"{rid}|{text}"
        if key in self.quote_bank:
            return self.quote_bank[key]
        if not self.screen.is_clean(text):
            self.screen.withheld += 1
            self.quote_bank[key] = None  # type: ignore[assignment]
            return None
        r = self.resp.get(rid, pt)
        tid = _theme_id(pt.get("theme_id")) if pt else None
        if tid is None:
            tid = theme_id
        prios = _split_ids(pt.get("priority_ids")) if pt else []
        if priority_id and priority_id not in prios:
            prios.append(priority_id)
        qt = Quote(
            text=text,
            attribution=self.groups.attribution(r.get("group"), r.get("channel"), r.get("event"), r.get("date")),
            response_id=rid, point_id=pid, theme_id=tid,
            theme_label=self.theme_label.get(tid, "") if tid is not None else "",
            priority_ids=[p for p in prios if p in self.prio],
            group_label=self.groups.table_label(r.get("group")),
        )
        self.quote_bank[key] = qt
        return qt

    def quotes(self, raw: Any, where: str, limit: int, theme_id: int | None = None,
               priority_id: str | None = None) -> list[Quote]:
        out: list[Quote] = []
        for q in _json_list(raw, where):
            qt = self.quote(q, theme_id=theme_id, priority_id=priority_id)
            if qt is not None and qt not in out:
                out.append(qt)
            if len(out) >= limit:
                break
        return out

    def c(self, n: Any) -> str:
        return fmt_count(n, self.k)

    # ---- sections
    def summary(self, themes: list[ThemeView], tiers: list[TierView], emerging: list[EmergingView]) -> SummaryView:
        ppl = self._people_frame()

        def tab(key: str, title: str, col: str, label: str, labeller=lambda x: x, extra=None) -> Table:
            rows = []
            if not ppl.empty:
                sub = ppl if col != "event" else ppl[ppl["event"] != ""]
                keycol = sub[col].map(labeller)
                g = sub.assign(_k=keycol).groupby("_k")
                stats = g.agg(responses=("response_id", "nunique"), respondents=("who", "nunique"))
                stats = stats.sort_values(["respondents", "responses"], ascending=False)
                for name, s in stats.iterrows():
                    row = [name]
                    if extra:
                        row.append(extra(sub[keycol == name]))
                    rows.append(row + [self.c(s["responses"]), self.c(s["respondents"])])
            cols = [label] + (["Dates"] if extra else []) + ["Responses", "Respondents"]
            return Table(key, title, cols, rows)

        by_channel = tab("by_channel", "Who took part, by channel", "channel", "Channel",
                         lambda c: CHANNEL_LABELS.get(c.lower(), c.capitalize() or "Not stated"))
        by_event = tab("by_event", "Who took part, by event", "event", "Event",
                       extra=lambda d: ", ".join(fmt_date(x) for x in sorted(set(d["date"])) if fmt_date(x)))
        by_group = tab("by_group", "Who took part, by respondent group", "group", "Respondent group",
                       self.groups.table_label)
        n_resp = len(ppl)
        n_people = ppl["who"].nunique() if not ppl.empty else 0
        n_points = len(self.points)
        n_themes = sum(1 for t in themes if not t.is_other)
        low = [p for t in tiers for p in t.priorities if p.low_evidence]
        key_figures = [
            ("Responses", self.c(n_resp)),
            ("Respondents", self.c(n_people)),
            ("Comments (points) analysed", self.c(n_points)),
            ("Sources", self.c(ppl["source"].replace("", pd.NA).nunique() if not ppl.empty else 0)),
            ("Themes found", f"{n_themes:,}"),
            ("Priorities with little or no evidence", f"{len(low)} of {sum(len(t.priorities) for t in tiers)}"),
        ]
        top_themes = [f"{t.label} ({t.respondents_display} respondents)" for t in themes if not t.is_other][:5]
        allp = [p for t in tiers for p in t.priorities]
        cov_n = {p.priority_id: self._cov_num(p.priority_id, "n_respondents") for p in allp}
        ranked = sorted((p for p in allp if cov_n[p.priority_id] > 0),
                        key=lambda p: (-cov_n[p.priority_id], p.priority_id))
        most = [f"{p.priority_id}: {p.title} ({p.respondents_display} respondents, {p.strength.lower()} evidence)"
                for p in ranked[:3]]
        least_sorted = sorted(low, key=lambda p: (cov_n[p.priority_id], self._order(p.priority_id)))
        least = [f"{p.priority_id}: {p.title} ({p.respondents_display} respondents)" for p in least_sorted[:5]]
        if len(least_sorted) > 5:
            least.append(f"and {len(least_sorted) - 5} more priorities with little or no evidence")
        em = [f"{e.label} ({e.respondents_display} respondents)" for e in emerging
              if e.theme_id != OTHER_THEME_ID][:3]
        return SummaryView(key_figures, by_channel, by_event, by_group, top_themes, most, least, em)

    def _order(self, pid: str) -> int:
        return [p.id for p in self.fw.priorities].index(pid) if pid in self.prio else 999

    def _cov_num(self, pid: str, col: str) -> int:
        r = self.cov_rows.get(pid)
        return as_int(r.get(col)) if r is not None else 0

    def theme_views(self) -> list[ThemeView]:
        if self.themes.empty:
            return []
        t = self.themes.copy()
        t["_id"] = t["theme_id"].map(lambda v: _theme_id(v) if _theme_id(v) is not None else 0)
        t["_other"] = t["_id"] == OTHER_THEME_ID
        t["_size"] = t["size"].map(as_int) if "size" in t else 0
        t = t.sort_values(["_other", "_size", "_id"], ascending=[True, False, True])
        pts = self.points
        limit = self.inp.meta.get("quotes_per_theme", 5)
        by_theme_group: dict[int, pd.DataFrame] = {}
        if not pts.empty and "theme_id" in pts:
            agg = pts.groupby(["_tid", "_g"]).agg(comments=("point_id", "size"), respondents=("_who", "nunique"))
            by_theme_group = {int(k): v.droplevel(0) for k, v in agg.groupby(level=0)}
        out = []
        for _, r in t.iterrows():
            tid = int(r["_id"])
            # breakdown by group: respondents and comments
            rows = []
            if tid in by_theme_group:
                g = by_theme_group[tid].sort_values(["respondents", "comments"], ascending=False)
                rows = [[name, self.c(n_r), self.c(n_c)]
                        for name, n_r, n_c in zip(g.index, g["respondents"], g["comments"])]
            label = self.theme_label.get(tid, f"Theme {tid}")
            by_group = Table(f"theme_{tid}_groups", f"{label}: by respondent group",
                             ["Respondent group", "Respondents", "Comments"], rows)
            prios = []
            if not self.tp.empty:
                sub = self.tp[self.tp["theme_id"].map(_theme_id) == tid].copy()
                sub["_n"] = sub["n_points"].map(as_int)
                for _, x in sub.sort_values("_n", ascending=False).iterrows():
                    pid = _s(x["priority_id"])
                    if pid not in self.prio:
                        continue
                    share = _float(x.get("share"))
                    share_d = f"{share:.0%}" if share is not None and x["_n"] >= self.k else ""
                    prios.append(LinkedPriority(pid, self.prio[pid].title, self.prio[pid].tier,
                                                self.c(x["_n"]), share_d))
            minor = [p.priority_id for p in prios if p.points_display.startswith("fewer")]
            prios = [p for p in prios if not p.points_display.startswith("fewer")]
            out.append(ThemeView(
                theme_id=tid, label=label, minor_priorities=minor,
                description=_s(r.get("description")),
                is_other=tid == OTHER_THEME_ID,
                size_display=self.c(r.get("size")),
                responses_display=self.c(r.get("n_responses")),
                respondents_display=self.c(r.get("n_respondents")),
                stance=[StanceCount(name, self.c(r.get(col))) for col, name in STANCES if col in r],
                by_group=by_group,
                quotes=self.quotes(r.get("quotes"), f"themes table, theme {tid}", int(limit), theme_id=tid),
                priorities=prios,
                keywords=_s(r.get("keywords")),
            ))
        return out

    def tier_views(self) -> list[TierView]:
        n_quotes = self.inp.settings.quotes_per_priority
        tiers = []
        for tier, heading in TIER_HEADINGS.items():
            views = []
            for p in self.fw.priorities:
                if p.tier != tier:
                    continue
                r = self.cov_rows.get(p.id, {})
                strength = STRENGTHS.get(_s(r.get("strength")).lower(), "None")
                n_resp = as_int(r.get("n_respondents"))
                flag = r.get("flag_low_evidence")
                low = bool(flag) if flag is not None and not (isinstance(flag, float) and math.isnan(flag)) \
                    else strength in ("None", "Weak")
                if isinstance(flag, str):
                    low = flag.strip().lower() in ("true", "1", "yes")
                if strength == "None" or n_resp == 0:
                    gap = "Gap: no comments in this round spoke to this priority."
                    low = True
                elif low:
                    gap = "Gap: little evidence in this round."
                else:
                    gap = ""
                themes = [self.theme_label.get(t, f"Theme {t}") for t in
                          (_theme_id(x) for x in _split_ids(r.get("theme_ids"))) if t is not None]
                views.append(PriorityView(
                    priority_id=p.id, tier=p.tier, title=p.title,
                    points_display=self.c(r.get("n_points")),
                    responses_display=self.c(r.get("n_responses")),
                    respondents_display=self.c(n_resp),
                    strength=strength, low_evidence=low, gap_note=gap, themes=themes,
                    quotes=self.quotes(r.get("quotes"), f"coverage table, priority {p.id}", n_quotes,
                                       priority_id=p.id),
                ))
            tiers.append(TierView(tier, heading, views))
        return tiers

    def emerging_views(self) -> list[EmergingView]:
        e = self.emerging_df
        if e.empty:
            return []
        e = e.assign(_n=e["n_respondents"].map(as_int) if "n_respondents" in e else 0,
                     _p=e["n_points"].map(as_int) if "n_points" in e else 0)
        out = []
        e = e.assign(_other=e["theme_id"].map(_theme_id) == OTHER_THEME_ID if "theme_id" in e else False)
        for _, r in e.sort_values(["_other", "_n", "_p"], ascending=[True, False, False]).iterrows():
            tid = _theme_id(r.get("theme_id"))
            share = _float(r.get("share_unmapped"))
            out.append(EmergingView(
                theme_id=tid if tid is not None else 0,
                label=_s(r.get("label")) or self.theme_label.get(tid, "Unlabelled issue"),
                points_display=self.c(r["_p"]), respondents_display=self.c(r["_n"]),
                share_display=f"{share:.0%}" if share is not None and r["_p"] >= self.k else "",
                quotes=self.quotes(r.get("quotes"), f"emerging issues table, theme {tid}", 3, theme_id=tid),
            ))
        return out

    def you_said_table(self) -> Table:
        y = self.inp.you_said_we_did
        if y is None or not isinstance(y, pd.DataFrame) or y.empty:
            from .you_said import _priority_rows, _theme_rows
            rows = [("priority", pid, said, "", "") for pid, said in _priority_rows(self.coverage, self.fw, self.themes, self.k)]
            rows += [("theme", lab, said, "", "") for lab, said in _theme_rows(self.themes)]
            y = pd.DataFrame(rows, columns=["kind", "ref", "you_said", "we_did", "status"])
        out = []
        for _, r in y.iterrows():
            kind, ref = _s(r.get("kind")).lower(), _s(r.get("ref"))
            if kind == "priority":
                title = self.prio[ref].title if ref in self.prio else "(not in the framework)"
            else:
                title = ref
            if "in_this_run" in r and r["in_this_run"] is False:
                title += " (not in this run's results)"
            out.append([kind.capitalize(), ref if kind == "priority" else "", title,
                        _s(r.get("you_said")), _s(r.get("we_did")) or AWAITING, _s(r.get("status")) or "Open"])
        return Table("you_said_we_did", "You said, we did",
                     ["Kind", "Priority", "Priority or theme", "You said", "We did", "Status"], out,
                     "Officers complete this from you_said_we_did.csv in the round folder.")

    def methodology(self) -> MethodologyView:
        meta = self.inp.meta
        # Ledger reconciliation
        led = _df(self.inp.reconciliation)
        rows = []
        if not led.empty and "status" in led:
            for src, g in led.groupby(led["source"].map(_s) if "source" in led else 0, sort=True):
                st = g["status"].map(_s).str.lower()
                reasons = Counter(g.loc[st != "included", "reason"].map(_s)) if "reason" in g else Counter()
                rows.append([src, len(g), int((st == "included").sum()), int((st != "included").sum()),
                             "; ".join(f"{k or 'unspecified'} ({self.c(v)})" for k, v in reasons.most_common())])
        elif not led.empty:
            for _, r in led.iterrows():
                reasons = r.get("reasons", "")
                if isinstance(reasons, dict):
                    reasons = "; ".join(f"{k} ({self.c(v)})" for k, v in reasons.items())
                rows.append([_s(r.get("source")), as_int(r.get("rows_read")), as_int(r.get("included")),
                             as_int(r.get("excluded")), _s(reasons)])
        ledger_rows = []
        tot = [0, 0, 0]
        for src, n, inc, exc, reasons in rows:
            tot = [tot[0] + n, tot[1] + inc, tot[2] + exc]
            ledger_rows.append([src, self.c(n), self.c(inc), self.c(exc), reasons, "Yes" if n == inc + exc else "No"])
        if rows:
            ledger_rows.append(["All sources", self.c(tot[0]), self.c(tot[1]), self.c(tot[2]), "",
                                "Yes" if tot[0] == tot[1] + tot[2] else "No"])
        ledger = Table("ledger", "Ingest ledger: every row read is included or excluded",
                       ["Source", "Rows read", "Included", "Excluded", "Exclusion reasons", "Reconciles"],
                       ledger_rows)
        # Anonymisation
        audit = _df(self.inp.audit)
        if audit.empty and "pii_counts" in self.responses:
            recs = []
            for _, r in self.responses.iterrows():
                try:
                    d = json.loads(r["pii_counts"]) if _s(r["pii_counts"]) else {}
                except (json.JSONDecodeError, TypeError):
                    d = {}
                for ent, n in (d.items() if isinstance(d, dict) else []):
                    recs.append({"source": _s(r.get("source")), "entity": ent, "count": as_int(n)})
            audit = pd.DataFrame(recs, columns=["source", "entity", "count"])
        by_type_rows, by_src_rows = [], []
        audit = audit.rename(columns={c: "entity" for c in ("entity_type", "type") if c in audit and "entity" not in audit})
        audit = audit.rename(columns={c: "count" for c in ("n", "replacements") if c in audit and "count" not in audit})
        if "source" not in audit and not audit.empty:
            audit = audit.assign(source="all sources")
        if not audit.empty and not {"entity", "count"} <= set(audit.columns):
            raise PipelineError("anonymisation audit: expected columns source, entity, count")
        if not audit.empty:
            a = audit.assign(source=audit["source"].map(_s), entity=audit["entity"].map(_s),
                             count=audit["count"].map(as_int))
            for ent, n in a.groupby("entity")["count"].sum().sort_values(ascending=False).items():
                by_type_rows.append([ent, self.c(n)])
            by_type_rows.append(["All types", self.c(a["count"].sum())])
            for (src, ent), n in a.groupby(["source", "entity"])["count"].sum().items():
                by_src_rows.append([src, ent, self.c(n)])
        anon_t = Table("anonymisation", "Personal details replaced, by type", ["Type", "Replacements"], by_type_rows)
        anon_s = Table("anonymisation_by_source", "Personal details replaced, by source and type",
                       ["Source", "Type", "Replacements"], by_src_rows)
        # Models and settings
        models = meta.get("models") or {}
        mrows = []
        if isinstance(models, dict):
            mrows = [[_s(k), _s(v)] for k, v in models.items()]
        elif isinstance(models, list):
            for m in models:
                if isinstance(m, dict):
                    mrows.append([_s(m.get("name") or m.get("component")),
                                  _s(m.get("version") or m.get("model") or "")])
                else:
                    mrows.append([_s(m), ""])
        settings = meta.get("settings")
        if not settings:
            settings = {"report": self.inp.settings.model_dump()}
        srows = [[k, v] for k, v in _flatten(settings)]
        notes = [
            f"Counts from 1 to {self.k - 1} are shown as \"fewer than {self.k}\" throughout, so that "
            "no small group of people can be singled out.",
            f"Quotes are attributed by respondent group, event or channel and date, never by name; "
            f"groups with fewer than {self.k} respondents in the round are not named (in tables they are "
            f"pooled with unstated groups as \"{OTHER_GROUP}\").",
            f"Every quote was checked for remaining personal details ({self.screen.source}); "
            f"{self.screen.withheld} quote(s) were withheld.",
            "A response can contain several points; each point is themed and mapped to priorities "
            "on its own, so comment counts can exceed response counts.",
        ]
        return MethodologyView(
            ledger=ledger, anonymisation_by_type=anon_t, anonymisation_by_source=anon_s,
            models=Table("models", "Models and versions", ["Component", "Model / version"], mrows),
            settings=Table("settings", "Settings", ["Setting", "Value"], srows),
            run_date=_s(meta.get("run_date")) or datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            input_hash=_s(meta.get("input_hash")) or "not recorded",
            analyst_edits=[_s(e) for e in (meta.get("analyst_edits") or []) if _s(e)],
            notes=notes,
        )

    def since_last_round(self) -> list[Table]:
        s = self.inp.meta.get("since_last_round")
        if s is None or (isinstance(s, (dict, list)) and not s):
            return []
        if hasattr(s, "themes") and hasattr(s, "priorities"):  # a compare.Comparison
            return self._comparison(s)
        items = s.items() if isinstance(s, dict) else enumerate(s if isinstance(s, list) else [s])
        out = []
        for i, (name, v) in enumerate(items):
            title = str(name).replace("_", " ").capitalize() if not isinstance(name, int) else f"Change {i + 1}"
            if isinstance(v, pd.DataFrame):
                df = v
            elif isinstance(v, list) and all(isinstance(x, dict) for x in v):
                df = pd.DataFrame(v)
            elif isinstance(v, dict):
                df = pd.DataFrame([{"Item": k, "Value": x} for k, x in v.items()])
            else:
                df = pd.DataFrame({"Note": [_s(v)]})
            df = df[[c for c in df.columns if str(c) != "centroid"]]
            rows = []
            for _, r in df.iterrows():
                row = []
                for col in df.columns:
                    val = r[col]
                    cname = str(col).lower()
                    is_count = (cname.startswith(("n_", "size")) or cname in ("count", "respondents", "responses"))
                    if is_count and _float(val) is not None and float(val) >= 0:
                        row.append(self.c(val))
                    else:
                        row.append(_cell(val))
                rows.append(row)
            out.append(Table(f"since_{i}", title, [str(c) for c in df.columns], rows))
        return out

    def _comparison(self, cmp: Any) -> list[Table]:
        """Tables for a compare.Comparison, with small numbers suppressed (and no change
        figure that would let a reader work a suppressed count out)."""
        before = _s(getattr(cmp, "round_a", "")) or "previous round"
        summ = getattr(cmp, "summary", {}) or {}
        names = [("matched", "Themes found in both rounds"), ("new", "New themes"),
                 ("gone", "Themes no longer raised"), ("grew", "Themes that grew"),
                 ("shrank", "Themes that shrank"), ("priorities_changed", "Priorities whose evidence changed")]
        out = [Table("since_summary", f"Changes since {before}", ["Change", "Number"],
                     [[label, as_int(summ.get(k))] for k, label in names if k in summ])]
        th = _df(getattr(cmp, "themes", None))
        if not th.empty:
            rows = []
            for _, r in th.iterrows():
                def share(size, sh):
                    f = _float(sh)
                    return f"{f:.1%}" if f is not None and as_int(size) >= self.k else ""
                rows.append([_s(r.get("change")).capitalize() or _s(r.get("status")).capitalize(),
                             _s(r.get("label_a")), _s(r.get("label_b")),
                             self.c(r.get("size_a")), self.c(r.get("size_b")),
                             share(r.get("size_a"), r.get("share_a")), share(r.get("size_b"), r.get("share_b"))])
            out.append(Table("since_themes", "Themes compared with the previous round (grew or shrank: "
                             "by share of all comments)",
                             ["Change", f"Theme in {before}", "Theme in this round",
                              "Comments before", "Comments now", "Share before", "Share now"], rows))
        pr = _df(getattr(cmp, "priorities", None))
        if not pr.empty:
            pr = pr.assign(_o=pr["priority_id"].map(lambda x: self._order(_s(x)))).sort_values("_o")
            rows = []
            for _, r in pr.iterrows():
                a, b = as_int(r.get("n_respondents_a")), as_int(r.get("n_respondents_b"))
                exact = all(x == 0 or x >= self.k for x in (a, b))
                change = (f"{b - a:+,}" if exact else ("more" if b > a else "fewer" if b < a else "same"))
                rows.append([_s(r.get("priority_id")), _s(r.get("title")), self.c(a), self.c(b), change,
                             STRENGTHS.get(_s(r.get("strength_a")).lower(), "None"),
                             STRENGTHS.get(_s(r.get("strength_b")).lower(), "None")])
            out.append(Table("since_priorities", "Evidence for each priority compared with the previous round",
                             ["Priority", "Title", "Respondents before", "Respondents now", "Change",
                              "Strength before", "Strength now"], rows))
        em = _df(getattr(cmp, "emerging_resolved", None))
        if not em.empty:
            out.append(Table("since_emerging", "Emerging issues now covered by a priority",
                             ["Issue in the previous round", "Theme in this round", "Priority"],
                             [[_s(r.get("label_a")), _s(r.get("label_b")), _s(r.get("priority_id"))]
                              for _, r in em.iterrows()]))
        return out

    # ---- workbook tables
    def sheets(self, summary: SummaryView, themes: list[ThemeView], tiers: list[TierView],
               emerging: list[EmergingView], ysyd: Table, meth: MethodologyView,
               since: list[Table]) -> list[Table]:
        srows: list[list[Any]] = [["Key figures", k, v, ""] for k, v in summary.key_figures]
        for t, sec in ((summary.by_channel, "By channel"), (summary.by_event, "By event"),
                       (summary.by_group, "By respondent group")):
            for r in t.rows:
                srows.append([sec, r[0] + (f" ({r[1]})" if len(r) == 4 and r[1] else ""), r[-2], r[-1]])
        sheet_summary = Table("Summary", "Summary", ["Section", "Item", "Responses", "Respondents"], srows,
                              "Key figures are counts of responses/comments as labelled.")
        trow = []
        for t in themes:
            stance = {s.stance: s.display for s in t.stance}
            trow.append([t.theme_id, t.label, t.description, t.size_display, t.responses_display,
                         t.respondents_display] + [stance.get(n, "") for _, n in STANCES] +
                        [t.keywords, "; ".join([p.priority_id for p in t.priorities] + t.minor_priorities)])
        sheet_themes = Table("Themes", "Themes", ["theme_id", "Label", "Description", "Comments", "Responses",
                                                  "Respondents", "Concern", "Praise", "Suggestion", "Neutral",
                                                  "Keywords", "Linked priorities"], trow)
        prow = []
        label_to_id = {v: k for k, v in self.theme_label.items()}
        for tier in tiers:
            for p in tier.priorities:
                prow.append([p.priority_id, p.tier, p.title, p.points_display, p.responses_display,
                             p.respondents_display, p.strength, "Yes" if p.low_evidence else "No",
                             "; ".join(str(label_to_id.get(x, "")) for x in p.themes), "; ".join(p.themes)])
        sheet_prio = Table("Priorities", "Priorities", ["priority_id", "Tier", "Title", "Comments", "Responses",
                                                        "Respondents", "Strength", "Little or no evidence",
                                                        "theme_ids", "Themes"], prow)
        lrow = []
        if not self.tp.empty:
            tp = self.tp.assign(_t=self.tp["theme_id"].map(_theme_id), _p=self.tp["priority_id"].map(_s))
            tp = tp.assign(_o=tp["_p"].map(self._order)).sort_values(["_o", "_t"])
            for _, r in tp.iterrows():
                n = as_int(r.get("n_points"))
                share, ms = _float(r.get("share")), _float(r.get("mean_score"))
                lrow.append([r["_p"], self.prio[r["_p"]].title if r["_p"] in self.prio else "",
                             r["_t"], self.theme_label.get(r["_t"], ""), self.c(n),
                             round(share, 3) if share is not None and n >= self.k else "",
                             round(ms, 3) if ms is not None else ""])
        sheet_links = Table("Theme-priority links", "Theme-priority links",
                            ["priority_id", "Priority", "theme_id", "Theme", "Comments", "Share of theme",
                             "Mean score"], lrow)
        crow = []
        if not self.points.empty:
            if self.inp.screen_all_comments and "text" in self.points:
                self.screen.prefetch(clean_text(t).strip() for t in self.points["text"])
            for r in self.points.to_dict("records"):
                rid = _s(r.get("response_id"))
                rr = self.resp.get(rid, r)
                text = clean_text(r.get("text")).strip()
                if self.inp.screen_all_comments and text and not self.screen.is_clean(text):
                    text = "[withheld: may contain a personal detail]"
                    self.comments_withheld += 1
                tid = _theme_id(r.get("theme_id"))
                crow.append([rid, _s(r.get("point_id")), r.get("_g") or self.groups.table_label(rr.get("group")),
                             _s(rr.get("channel")), _s(rr.get("event")), _s(rr.get("date")),
                             tid if tid is not None else "", self.theme_label.get(tid, "") if tid is not None else "",
                             _s(r.get("stance")), _s(r.get("priority_ids")).replace(";", "; "), text])
        sheet_comments = Table("Comments", "Comments (anonymised)",
                               ["response_id", "point_id", "group", "channel", "event", "date", "theme_id", "theme",
                                "stance", "priorities", "text"], crow)
        erow = [[e.theme_id, e.label, e.points_display, e.respondents_display, e.share_display] for e in emerging]
        sheet_em = Table("Emerging issues", "Emerging issues",
                         ["theme_id", "Label", "Comments", "Respondents", "Share of unmapped comments"], erow)
        arows = [["All sources", r[0], r[1]] for r in meth.anonymisation_by_type.rows] + meth.anonymisation_by_source.rows
        sheet_anon = Table("Anonymisation", "Anonymisation", ["Source", "Type", "Replacements"], arows)
        sheet_ysyd = Table("You said we did", ysyd.title, ysyd.columns, ysyd.rows)
        sheet_ledger = Table("Ledger", meth.ledger.title, meth.ledger.columns, meth.ledger.rows)
        info = [["Round", self.round_name], ["Run date", meth.run_date], ["Input hash", meth.input_hash]]
        info += [[f"Model: {m[0]}", m[1]] for m in meth.models.rows]
        info += [[f"Setting: {s[0]}", s[1]] for s in meth.settings.rows]
        info += [["Analyst edit", e] for e in meth.analyst_edits]
        info += [["Note", n] for n in meth.notes]
        sheet_meth = Table("Methodology", "Methodology", ["Item", "Value"], info)
        out = [sheet_summary, sheet_themes, sheet_prio, sheet_links, sheet_comments, sheet_em, sheet_ysyd,
               sheet_ledger, sheet_anon, sheet_meth]
        for i, t in enumerate(since):
            out.append(Table(f"Since last round {i + 1}"[:31], t.title, t.columns, t.rows))
        return out

    # ---- all
    def build(self) -> ReportContent:
        meta = self.inp.meta
        rnd = meta.get("round") if isinstance(meta.get("round"), dict) else {"name": meta.get("round")}
        self.round_name = _s(rnd.get("name") or meta.get("round_name") or meta.get("name")) or "round"
        title = _s(rnd.get("title") or meta.get("round_title") or meta.get("title")) or \
            f"Consultation evidence report: {self.round_name}"
        start = fmt_date(rnd.get("start_date") or meta.get("start_date"))
        end = fmt_date(rnd.get("end_date") or meta.get("end_date"))
        period = f"{start} to {end}" if start and end and start != end else (start or end)
        self.cov_rows: dict[str, dict] = {}
        if not self.coverage.empty and "priority_id" in self.coverage:
            self.cov_rows = {_s(r["priority_id"]): r.to_dict() for _, r in self.coverage.iterrows()}

        themes = self.theme_views()
        tiers = self.tier_views()
        emerging = self.emerging_views()
        ysyd = self.you_said_table()
        summary = self.summary(themes, tiers, emerging)
        since = self.since_last_round()
        meth = self.methodology()  # after quotes, so the withheld count is final
        sheets = self.sheets(summary, themes, tiers, emerging, ysyd, meth, since)
        meth.notes[2] = (f"Every quote and comment was checked for remaining personal details "
                         f"({self.screen.source}); {self.screen.withheld} quote(s) were withheld"
                         + (f" and the text of {self.comments_withheld} comment(s) in the workbook was withheld."
                            if self.inp.screen_all_comments else "."))
        bank = [q for q in self.quote_bank.values() if q is not None]
        chart_list = charts.build_charts(self, themes, tiers)

        theme_opts = []
        seen_t = set()
        for t in themes:
            if any(q.theme_id == t.theme_id for q in bank) and t.theme_id not in seen_t:
                theme_opts.append((str(t.theme_id), t.label))
                seen_t.add(t.theme_id)
        prio_in_bank = {p for q in bank for p in q.priority_ids}
        prio_opts = [(p.id, f"{p.id}: {p.title}") for p in self.fw.priorities if p.id in prio_in_bank]
        groups = sorted({q.group_label for q in bank}, key=lambda g: (g == OTHER_GROUP, g))
        return ReportContent(
            title=title, round_name=self.round_name, period=period, run_date=meth.run_date,
            small_number=self.k, summary=summary, themes=themes, tiers=tiers, emerging=emerging,
            you_said_we_did=ysyd, methodology=meth, charts=chart_list, quote_bank=bank,
            filter_themes=theme_opts, filter_priorities=prio_opts, filter_groups=groups,
            since_last_round=since, sheets=sheets, withheld_quotes=self.screen.withheld,
        )


def _cell(v: Any) -> Any:
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return None if isinstance(v, float) and math.isnan(v) else v
    return clean_text(v)


def _flatten(d: Any, prefix: str = "") -> list[tuple[str, str]]:
    """Nested settings -> [("themes.seed", "42"), ...]."""
    if hasattr(d, "model_dump"):
        d = d.model_dump(mode="json")
    if isinstance(d, dict):
        out: list[tuple[str, str]] = []
        for k, v in d.items():
            out.extend(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    val = json.dumps(d) if isinstance(d, (list, bool)) or d is None else d
    return [(prefix, clean_text(val))]


def build_report(inputs: ReportInputs) -> ReportContent:
    """The report's content, computed once from the stage tables; see ReportContent."""
    return _Builder(inputs).build()
