"""Charts (matplotlib, Agg) as PNG bytes, each with alt text and a data table fallback.

Small numbers: a bar or segment for a count under the small-number threshold is not drawn
(its label says "fewer than N"), so a chart never shows what a table suppresses.
"""
from __future__ import annotations

import io
from typing import TYPE_CHECKING

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from .model import Chart, Table, ThemeView, TierView  # noqa: E402


if TYPE_CHECKING:  # pragma: no cover
    from .content import _Builder

# Okabe-Ito: distinguishable with colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
TIER_COLOURS = {"must": "#0B4F8A", "should": "#1B7F5B", "could": "#8A4F0B"}
MAX_THEMES = 12


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def _short(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def themes_by_group(b: "_Builder", themes: list[ThemeView]) -> Chart | None:
    pts = b.points
    if pts.empty or "theme_id" not in pts or not themes:
        return None
    k = b.k
    shown = [t for t in themes if not t.is_other][:MAX_THEMES]
    if not shown:
        return None
    ids = [t.theme_id for t in shown]
    df = pd.DataFrame({"theme_id": pts["_tid"], "group": pts["_g"], "who": pts["_who"]})
    df = df[df["theme_id"].isin(ids)]
    counts = df.groupby(["theme_id", "group"])["who"].nunique().unstack(fill_value=0)
    counts = counts.reindex(ids, fill_value=0)
    groups = sorted(counts.columns, key=lambda g: (-counts[g].sum(), g))
    drawn = counts[groups].where(counts[groups] >= k, 0)

    labels = [_short(t.label, 48) for t in shown]
    fig, ax = plt.subplots(figsize=(8.5, 0.45 * len(shown) + 1.6), layout="constrained")
    left = [0] * len(shown)
    for i, g in enumerate(groups):
        vals = [int(v) for v in drawn[g].tolist()]
        ax.barh(labels, vals, left=left, color=PALETTE[i % len(PALETTE)], label=g, edgecolor="white")
        left = [a + v for a, v in zip(left, vals)]
    ax.invert_yaxis()
    xmax = max(left + [1])
    for y, (t, end) in enumerate(zip(shown, left)):
        note = f"{t.respondents_display} in total" if end else \
            f"each group fewer than {k}; {t.respondents_display} in total"
        ax.text(end + xmax * 0.01, y, note, va="center", fontsize=7)
    ax.set_xlim(0, xmax * 1.45)
    ax.set_xlabel("Respondents (groups under %d not drawn)" % k)
    ax.set_title("Themes by respondent group")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12 - 0.6 / len(shown)), ncol=min(len(groups), 4),
              fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    png = _png(fig)

    rows = [[t.label] + [b.c(counts.loc[t.theme_id, g]) for g in groups] for t in shown]
    data = Table("chart_themes_by_group_data", "Themes by respondent group (respondents)",
                 ["Theme"] + groups, rows)
    top = shown[0]
    parts = ", ".join(f"{g} {b.c(counts.loc[top.theme_id, g])}" for g in groups)
    alt = (f"Horizontal stacked bar chart of the number of respondents in each of the {len(shown)} "
           f"largest themes, split by respondent group. The largest theme is \"{top.label}\" "
           f"({parts}). The same figures are in the table that follows the chart.")
    return Chart("themes_by_group", "Themes by respondent group", png, alt, data)


def priority_coverage(b: "_Builder", tiers: list[TierView]) -> Chart | None:
    prios = [p for t in tiers for p in t.priorities]
    if not prios:
        return None
    k = b.k
    vals = [b._cov_num(p.priority_id, "n_respondents") for p in prios]
    drawn = [v if v >= k else 0 for v in vals]
    labels = [f"{p.priority_id} {_short(p.title, 46)}" for p in prios]
    fig, ax = plt.subplots(figsize=(8.5, 0.3 * len(prios) + 1.4), layout="constrained")
    ax.barh(labels, drawn, color=[TIER_COLOURS.get(p.tier, "#444444") for p in prios])
    ax.invert_yaxis()
    xmax = max(drawn + [1])
    for y, (v, p) in enumerate(zip(vals, prios)):
        txt = b.c(v) if v else "none"
        ax.text((v if v >= k else 0) + xmax * 0.01, y, txt, va="center", fontsize=7)
    ax.set_xlim(0, xmax * 1.18)
    ax.set_xlabel("Distinct respondents")
    ax.set_title("Evidence for each priority")
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in TIER_COLOURS.values()]
    ax.legend(handles, ["Must", "Should", "Could"], loc="lower right", fontsize=8, frameon=False)
    ax.tick_params(axis="y", labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    png = _png(fig)
    rows = [[p.priority_id, p.tier.capitalize(), p.title, b.c(v), p.strength] for p, v in zip(prios, vals)]
    data = Table("chart_priority_coverage_data", "Evidence for each priority",
                 ["Priority", "Tier", "Title", "Respondents", "Strength"], rows)
    ranked = sorted(zip(vals, prios), key=lambda x: -x[0])
    none = [p.priority_id for v, p in zip(vals, prios) if v == 0]
    alt = (f"Horizontal bar chart of distinct respondents whose comments support each of the "
           f"{len(prios)} priorities, coloured by tier (must, should, could). Most evidence: "
           f"{ranked[0][1].priority_id} ({b.c(ranked[0][0])} respondents). "
           + (f"No evidence: {', '.join(none)}. " if none else "")
           + "The same figures are in the table that follows the chart.")
    return Chart("priority_coverage", "Evidence for each priority", png, alt, data)


def build_charts(b: "_Builder", themes: list[ThemeView], tiers: list[TierView]) -> list[Chart]:
    out = []
    for fn, arg in ((themes_by_group, themes), (priority_coverage, tiers)):
        c = fn(b, arg)
        if c is not None:
            out.append(c)
    return out


