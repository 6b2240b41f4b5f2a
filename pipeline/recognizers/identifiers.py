"""Recognizers for structured identifiers in UK text.

Phone numbers (``phonenumbers``, region GB, plus a UK-shape fallback), postcodes, NHS numbers
(modulus 11), National Insurance numbers, UPNs (check letter), e-mail addresses, URLs and
social-media handles.  All are Presidio recognizers; none needs spaCy, so
:func:`pipeline.anonymise.find_identifiers` can run them on their own.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import List, Optional

import phonenumbers
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import (
    NhsRecognizer,
    UkNinoRecognizer,
    UrlRecognizer,
)

PHONE = "PHONE"
EMAIL = "EMAIL"
URL = "URL"
HANDLE = "HANDLE"
POSTCODE = "POSTCODE"
NHS_NUMBER = "NHS_NUMBER"
NI_NUMBER = "NI_NUMBER"
UPN = "UPN"

_FLAGS_CI = re.DOTALL | re.MULTILINE | re.IGNORECASE
_FLAGS_CS = re.DOTALL | re.MULTILINE


# --------------------------------------------------------------------------- tldextract
@lru_cache(maxsize=1)
def offline_tldextract():
    """A TLDExtract that uses only the public-suffix snapshot bundled with the package.

    It never fetches the suffix list over the network (``suffix_list_urls=()``) and keeps
    no cache on disk.  :func:`make_tldextract_offline` also installs it as the module's
    default extractor, so ``tldextract.extract`` (used e.g. by Presidio's e-mail
    recognizer) is offline too.
    """
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def make_tldextract_offline() -> None:
    import tldextract.tldextract as _t

    _t.TLD_EXTRACTOR = offline_tldextract()


def _has_public_suffix(host: str) -> bool:
    res = offline_tldextract()(host.rstrip("."))
    # "*.sch.uk"-style wildcard suffixes leave no separate domain: the host is still real
    return bool(res.suffix) and (bool(res.domain) or "." in res.suffix)


# --------------------------------------------------------------------------- phones
# A UK-looking number: +44 / 0044 / 0 then 9-10 more digits with spaces, dashes, dots or
# brackets between them.  Used as a fallback for numbers ``phonenumbers`` does not find
# (unallocated or fictional ranges still identify a person if they are real to them).
_UK_PHONE_SHAPE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?44[\s\-.]*(?:\(\s*0\s*\)[\s\-.]*)?\(?|\(?0)\d"
    r"(?:[\s\-.\)\(]{0,2}\d){7,11}(?!\w)"
)


# North American 3-3-4 numbers with separators, brackets and an optional +1 ("(555) 123-4567",
# "+1-903-140-4508"); a plain 10-digit run is left to libphonenumber.
_NANP_SHAPE = re.compile(r"(?<![\w+])(?:\+?1[\s\-.]?)?(?:\(\d{3}\)\s?|\d{3}[\-.])\d{3}[\-.]\d{4}(?!\d)")
# A number written straight after a phone cue ("Phone: 467 3395", "call me on 450 0840",
# "Desk: | 21 284 698 2548"): 6-15 digits in groups, whatever the country's format.
_PHONE_CUE = re.compile(
    r"\b(?:tel(?:ephone)?|phone(?:\s+number)?|mob(?:ile)?(?:\s+number)?|landline|cell(?:\s+phone)?"
    r"|fax|desk|whats\s?app|contact\s+number|home\s+number|work\s+number"
    r"|(?:call|ring|text|phone|reach)\s+(?:me|us|him|her|them)(?:\s+(?:on|at))?|number\s+is)\b"
    r"[\s:.\-|#]{0,8}(?:on\s+|is\s+)?"
    r"(\+?\(?\d[\d\s\-.()]{4,22}\d)(?!\d)",
    re.IGNORECASE,
)
# an extension after any number found ("... 4508x769", "... 0000 ext 23") belongs to it
_EXT = re.compile(r"\s?(?:x|ext\.?|extension)\s?\d{1,6}(?!\w)", re.IGNORECASE)


def _digits(s: str) -> str:
    return "".join(c for c in s if c.isdigit())


class UkPhoneRecognizer(EntityRecognizer):
    """UK phone numbers: mobiles (07...), landlines (01/02/03...), +44 (0)..., 0044...

    Uses libphonenumber (``phonenumbers``) with region GB (and, optionally, other regions
    such as US for numbers written in foreign formats), then a UK-shape fallback.
    """

    # numbers written in other countries' formats (valid numbers only)
    EXTRA_REGIONS = ("IE", "DE", "FR", "IT", "ES", "NL", "BE", "PL", "PT", "IN", "PK", "BD", "NG",
                     "CA", "AU", "IL", "BR", "SE", "DK", "FI", "NO", "AT", "CH")

    def __init__(self, regions=("GB",), supported_language: str = "en", extra_regions=EXTRA_REGIONS):
        self.regions = tuple(regions)
        self.extra_regions = tuple(r for r in extra_regions if r not in self.regions)
        super().__init__(supported_entities=[PHONE], name="UkPhoneRecognizer",
                         supported_language=supported_language)

    def load(self) -> None:  # nothing to load
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:
        if entities and PHONE not in entities:
            return []
        found: dict[tuple[int, int], float] = {}
        n_digits = sum(c.isdigit() for c in text)
        if n_digits:
            regions = self.regions + (self.extra_regions if n_digits >= 7 else ())
            for region in regions:
                for m in phonenumbers.PhoneNumberMatcher(text, region,
                                                         leniency=phonenumbers.Leniency.VALID):
                    found[(m.start, m.end)] = 0.75
            # "+CC ..." numbers of any country, possible (not only allocated) ones: fictional
            # or unallocated ranges still identify someone; an extension stays with its number
            if "+" in text:
                for m in phonenumbers.PhoneNumberMatcher(text, "ZZ",
                                                         leniency=phonenumbers.Leniency.POSSIBLE):
                    found.setdefault((m.start, m.end), 0.6)
            for m in _NANP_SHAPE.finditer(text):
                found.setdefault((m.start(), m.end()), 0.5)
            for m in _PHONE_CUE.finditer(text):
                val = m.group(1)
                if 6 <= len(_digits(val)) <= 15 and not _looks_like_date(val):
                    start, end = m.start(1), m.end(1)
                    if text[start] == "(" and ")" not in text[start:end]:
                        start += 1
                    while end > start and text[end - 1] in ")(" and text[start:end].count("(") < text[start:end].count(")"):
                        end -= 1
                    found.setdefault((start, end), 0.6)
            for m in _UK_PHONE_SHAPE.finditer(text):
                d = _digits(m.group())
                if d.startswith("0044"):
                    d = d[4:]
                elif d.startswith("44") and m.group().lstrip().startswith("+"):
                    d = d[2:]
                if d.startswith("0"):
                    d = d[1:]
                if 9 <= len(d) <= 10 and d[0] in "123578":
                    start, end = m.start(), m.end()
                    if text[start] == "(" and ")" not in text[start:end]:
                        start += 1
                    if not any(s <= start and end <= e for s, e in found):
                        found[(start, end)] = 0.6
        # an extension written after a matched number belongs to it ("... 4508 x769")
        out = {}
        for (s, e), sc in found.items():
            if _YEAR_RANGE.fullmatch(text[s:e].strip()):
                continue  # "2019-2020" is a valid number somewhere, but here it is years
            m = _EXT.match(text, e)
            if m:
                e = m.end()
            out[(s, e)] = max(sc, out.get((s, e), 0.0))
        return [RecognizerResult(PHONE, s, e, sc) for (s, e), sc in sorted(out.items())]


_YEAR_RANGE = re.compile(r"(?:19|20)\d\d\s?[\-\u2013/]\s?(?:(?:19|20)\d\d|\d\d)")
_DATE_SHAPE = re.compile(r"\d{1,4}[\-./]\d{1,2}[\-./]\d{1,4}")


def _looks_like_date(value: str) -> bool:
    return bool(_DATE_SHAPE.fullmatch(value.strip()))


# --------------------------------------------------------------------------- UK ids
class NhsNumberRecognizer(NhsRecognizer):
    """NHS numbers (10 digits, 3-3-4 with optional spaces/dashes) with the modulus-11 check."""

    PATTERNS = [
        Pattern("NHS number", r"(?<![\d\-])([0-9]{3})[- ]?([0-9]{3})[- ]?([0-9]{4})(?![\d\-])", 0.6),
    ]

    def __init__(self, supported_entity: str = NHS_NUMBER):
        super().__init__(patterns=self.PATTERNS, supported_entity=supported_entity,
                         name="NhsNumberRecognizer")


def nhs_number_is_valid(value: str) -> bool:
    """The NHS number modulus-11 check (weights 10..2; check digit 11-r, 11 -> 0, 10 invalid)."""
    d = _digits(value)
    if len(d) != 10:
        return False
    total = sum(int(c) * w for c, w in zip(d[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(d[9])


class NiNumberRecognizer(UkNinoRecognizer):
    """National Insurance numbers (Presidio's pattern, prefix rules, spaced or not)."""

    def __init__(self, supported_entity: str = NI_NUMBER):
        patterns = [Pattern(p.name, p.regex, 0.6) for p in UkNinoRecognizer.PATTERNS]
        super().__init__(patterns=patterns, supported_entity=supported_entity,
                         name="NiNumberRecognizer")


_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # 23 letters: no I, O, S


def upn_check_letter(body: str) -> str:
    """The check letter of a UPN from its last 12 characters (DfE algorithm, weights 2..13)."""
    total = 0
    for weight, ch in enumerate(body.upper(), start=2):
        total += (int(ch) if ch.isdigit() else _UPN_LETTERS.index(ch)) * weight
    return _UPN_LETTERS[total % 23]


def upn_is_valid(value: str) -> bool:
    v = value.strip().upper()
    if not re.fullmatch(r"[A-HJ-NP-RT-Z]\d{11}[0-9A-HJ-NP-RT-Z]", v):
        return False
    return upn_check_letter(v[1:]) == v[0]


class UpnRecognizer(PatternRecognizer):
    """Unique Pupil Numbers: check letter + 11 digits + digit or letter, check letter verified."""

    PATTERNS = [Pattern("UPN", r"\b[A-HJ-NP-RT-Z]\d{11}[0-9A-HJ-NP-RT-Z]\b", 0.6)]
    CONTEXT = ["upn", "unique pupil number", "pupil number"]

    def __init__(self, supported_entity: str = UPN):
        super().__init__(supported_entity=supported_entity, patterns=self.PATTERNS,
                         context=self.CONTEXT, name="UpnRecognizer", global_regex_flags=_FLAGS_CI)

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        return upn_is_valid(pattern_text)


class PostcodeRecognizer(PatternRecognizer):
    """Full UK postcodes (outward + inward code), with or without the space, any case."""

    PATTERNS = [
        Pattern(
            "UK postcode",
            r"(?<![\w])("
            r"GIR\s?0AA"
            r"|[A-PR-UWYZ][0-9][ABCDEFGHJKPSTUW]?\s{0,2}[0-9][ABD-HJLNP-UW-Z]{2}"
            r"|[A-PR-UWYZ][0-9]{2}\s{0,2}[0-9][ABD-HJLNP-UW-Z]{2}"
            r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]?\s{0,2}[0-9][ABD-HJLNP-UW-Z]{2}"
            r"|[A-PR-UWYZ][A-HK-Y][0-9]{2}\s{0,2}[0-9][ABD-HJLNP-UW-Z]{2}"
            r")(?![\w])",
            0.6,
        )
    ]
    CONTEXT = ["postcode", "post code", "address", "live", "lives"]

    def __init__(self, supported_entity: str = POSTCODE):
        super().__init__(supported_entity=supported_entity, patterns=self.PATTERNS,
                         context=self.CONTEXT, name="PostcodeRecognizer", global_regex_flags=_FLAGS_CI)

    def invalidate_result(self, pattern_text: str) -> Optional[bool]:
        # Lower-case matches that are ordinary tokens ("ks2 1ab" is fine, but all-letter
        # outward codes never occur); require a digit in the outward code.
        if pattern_text.upper().replace(" ", "") == "GIR0AA":
            return False
        out = pattern_text.split()[0] if " " in pattern_text else pattern_text[:-3]
        return not any(c.isdigit() for c in out)


# --------------------------------------------------------------------------- online ids
class OfflineEmailRecognizer(PatternRecognizer):
    """E-mail addresses whose domain has a public suffix (checked offline)."""

    PATTERNS = [Pattern("email", r"(?<![\w.+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)+", 0.7)]

    def __init__(self, supported_entity: str = EMAIL):
        super().__init__(supported_entity=supported_entity, patterns=self.PATTERNS,
                         name="OfflineEmailRecognizer", global_regex_flags=_FLAGS_CI)

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        return _has_public_suffix(pattern_text.rsplit("@", 1)[-1])


class OfflineUrlRecognizer(UrlRecognizer):
    """Presidio's URL patterns; schemeless matches must end in a real public suffix (offline)."""

    def __init__(self, supported_entity: str = URL):
        super().__init__(supported_entity=supported_entity, name="OfflineUrlRecognizer")

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        host = re.sub(r"^[\"']|[\"']$", "", pattern_text)
        host = re.sub(r"^[a-z]+://", "", host, flags=re.I).split("/")[0]
        if "@" in host:
            return False
        return _has_public_suffix(host)


class HandleRecognizer(PatternRecognizer):
    """Social-media handles such as @jo_bloggs (not the @ of an e-mail address)."""

    PATTERNS = [Pattern("handle", r"(?<![\w@./])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])", 0.6)]

    def __init__(self, supported_entity: str = HANDLE):
        super().__init__(supported_entity=supported_entity, patterns=self.PATTERNS,
                         name="HandleRecognizer", global_regex_flags=_FLAGS_CS)


def identifier_recognizers() -> list[EntityRecognizer]:
    return [
        UkPhoneRecognizer(regions=("GB", "US")),
        NhsNumberRecognizer(),
        NiNumberRecognizer(),
        UpnRecognizer(),
        PostcodeRecognizer(),
        OfflineEmailRecognizer(),
        OfflineUrlRecognizer(),
        HandleRecognizer(),
    ]
