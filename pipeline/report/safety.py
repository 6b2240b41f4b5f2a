"""Publication safety: small-number suppression, safe attribution, identifier screening,
and text sanitising for XML-based formats."""
from __future__ import annotations

import logging
import math
import re
from datetime import date
from typing import Callable

log = logging.getLogger(__name__)

# Characters that XML 1.0 (and so DOCX/XLSX) cannot hold, plus other C0 controls.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")

# Texts longer than this are shortened in the outputs (an Excel cell holds 32,767).
MAX_CELL_CHARS = 32_000

CHANNEL_LABELS = {
    "survey": "Online survey",
    "event": "Consultation event",
    "workshop": "Workshop",
    "written": "Written submission",
    "other": "Other channel",
}

OTHER_GROUP = "Other or not stated"
ANON_ATTRIBUTION = "Respondent"


def clean_text(text: object, limit: int = MAX_CELL_CHARS) -> str:
    """Text safe for HTML, DOCX and XLSX: no control characters, bounded length."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    s = str(text)
    s = _CONTROL_RE.sub(" ", s)
    s = _SURROGATE_RE.sub("\ufffd", s)
    if len(s) > limit:
        s = s[:limit] + " […shortened]"
    return s


def as_int(value: object) -> int:
    try:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return 0
        return int(value)
    except (TypeError, ValueError):
        return 0


def fmt_count(value: object, small: int) -> str:
    """A count as shown to readers: 1..small-1 become "fewer than <small>"; 0 stays 0."""
    n = as_int(value)
    if 0 < n < small:
        return f"fewer than {small}"
    return f"{n:,}"


def fmt_date(value: object) -> str:
    """ISO date -> "15 October 2024" ("" when unknown or unparseable)."""
    s = clean_text(value).strip()
    if not s:
        return ""
    try:
        d = date.fromisoformat(s[:10])
    except ValueError:
        return ""
    return f"{d.day} {d:%B %Y}"


def place_label(channel: object, event: object) -> str:
    ev = clean_text(event).strip()
    if ev:
        return ev
    ch = clean_text(channel).strip().lower()
    return CHANNEL_LABELS.get(ch, "")


class GroupPolicy:
    """Which respondent groups are large enough (>= small respondents) to be named."""

    def __init__(self, respondents_by_group: dict[str, int], small: int):
        self.small = small
        self.counts = {str(k).strip(): int(v) for k, v in respondents_by_group.items()}

    def named(self, group: object) -> bool:
        g = clean_text(group).strip()
        return bool(g) and self.counts.get(g, 0) >= self.small

    def table_label(self, group: object) -> str:
        """The group as shown in tables and filters; small or missing groups are pooled."""
        g = clean_text(group).strip()
        return g if self.named(g) else OTHER_GROUP

    def attribution(self, group: object, channel: object, event: object, when: object) -> str:
        """"Parent carer, Working Together event, 15 October 2024" — never a name, never
        a group with fewer than `small` respondents in the round."""
        g = clean_text(group).strip()
        parts = [g if self.named(g) else ANON_ATTRIBUTION]
        place = place_label(channel, event)
        if place:
            parts.append(place)
        d = fmt_date(when)
        if d:
            parts.append(d)
        return ", ".join(parts)


# --------------------------------------------------------------------------- identifiers
_FALLBACK_PATTERNS = [
    re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{1,190}"),  # email (bounded: no backtracking blow-up)
    re.compile(r"(?:\+44\s?|0044\s?|\b0)(?:\d[\s-]?){9,10}\b"),  # UK phone
    re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"),  # postcode
    re.compile(r"\b\d{3}\s?\d{3}\s?\d{4}\b"),  # NHS number shape
    re.compile(r"\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"),  # NI number
    re.compile(r"https?://\S+|www\.\S+"),  # URL
]


def _fallback_find_identifiers(text: str) -> list[str]:
    found: list[str] = []
    for pat in _FALLBACK_PATTERNS:
        found.extend(m.group(0) for m in pat.finditer(text))
    return found


class IdentifierScreen:
    """Calls ``pipeline.anonymise.find_identifiers`` on each text (cached).

    If the anonymise module cannot be imported, a conservative pattern check for
    structured identifiers is used instead and the methodology says so.
    """

    def __init__(self, finder: Callable[[str], list[str]] | None = None):
        self.source = "pipeline.anonymise.find_identifiers"
        self._many: Callable | None = None  # the batch form of the default finder
        if finder is None:
            try:
                from ..anonymise import find_identifiers as finder  # type: ignore[no-redef]
                from ..anonymise import find_identifiers_many as many

                self._many = many
            except Exception as exc:  # ImportError, or a broken module
                log.warning("identifier screen: pipeline.anonymise unavailable (%s); "
                            "using fallback patterns", type(exc).__name__)
                finder = _fallback_find_identifiers
                self.source = "fallback patterns (pipeline.anonymise unavailable)"
        self._finder = finder
        self._cache: dict[str, bool] = {}
        self.withheld = 0

    def prefetch(self, texts) -> None:
        """Screen many texts at once (shared with worker processes when there are thousands)."""
        todo = [t for t in dict.fromkeys(texts) if t and t not in self._cache]
        if self._many is not None and todo:
            try:
                for t, f in zip(todo, self._many(todo)):
                    self._cache[t] = not f
                return
            except Exception as exc:  # checked one at a time below (never unchecked)
                log.warning("identifier screen failed (%s); checking one text at a time", type(exc).__name__)
        for t in todo:
            self.is_clean(t)

    def is_clean(self, text: str) -> bool:
        hit = self._cache.get(text)
        if hit is None:
            try:
                found = self._finder(text)
            except Exception as exc:  # never publish text we could not check
                log.warning("identifier screen failed (%s); text withheld", type(exc).__name__)
                found = ["<check failed>"]
            hit = not found
            self._cache[text] = hit
        return hit
