"""Content of the bundled sample consultation round (data/raw/sample/).

A fictional council area's SEND strategy consultation, October 2024 "Working Together"
round.  Every comment here was written individually for the project; nothing is generated
from templates except the one deliberate campaign in the survey (five-eight near-identical
responses about transport, as campaigns really arrive) and a few exact duplicates that the
assembling script copies on purpose.

Fictional districts: Northmoor, Calderbrook, Westshore, Eastfold, Southgate Vale, Harbourside.

Concerns raised repeatedly (10+ comments each, across sources) that NO seed priority covers
-- the "emerging issues" the pipeline should surface:
  1. SIBLINGS & YOUNG CARERS  -- brothers/sisters of disabled children, young carers' support.
  2. RESTRAINT & ISOLATION    -- physical restraint, isolation/seclusion rooms, booths.
  3. HEALTH ACCESS            -- dentists, hospital/GP appointments, blood tests, A&E for
                                 autistic / learning-disabled children (reasonable adjustments).
  4. PLAY, LEISURE & TOILETS  -- accessible playgrounds, swimming/leisure, Changing Places toilets.

PERSONAL DATA markup
--------------------
Every fake personal value is written inline as ``{T:value}`` where T is one of the codes in
``PII_TYPES``; the assembling script removes the markup (leaving ``value``) and records each
value with its type and output file in tests/fixtures/sample_seeded_pii.json.  All values are
fictional: phone numbers are in Ofcom's drama ranges, NHS numbers carry valid modulus-11 check
digits, UPNs valid check letters.
"""
from __future__ import annotations

import re

PII_TYPES = {
    "P": "PERSON",
    "S": "SCHOOL",
    "E": "EMAIL",
    "T": "PHONE",
    "PC": "POSTCODE",
    "N": "NHS_NUMBER",
    "A": "ADDRESS",
    "D": "DOB",
    "U": "UPN",
    "NI": "NI_NUMBER",
}

MARKUP = re.compile(r"\{(PC|NI|P|S|E|T|N|A|D|U):([^{}]+)\}")

DISTRICTS = {
    "N": "Northmoor",
    "C": "Calderbrook",
    "W": "Westshore",
    "E": "Eastfold",
    "S": "Southgate Vale",
    "H": "Harbourside",
}

GROUPS = {
    "PC": "Parent carer",
    "YP": "Young person",
    "PR": "Professional",
    "O": "Other",
}


def strip_markup(text: str, sink: list[tuple[str, str]] | None = None) -> str:
    """Remove ``{T:value}`` markup, appending (value, TYPE) pairs to ``sink``."""

    def _sub(m: re.Match) -> str:
        if sink is not None:
            sink.append((m.group(2), PII_TYPES[m.group(1)]))
        return m.group(2)

    out = MARKUP.sub(_sub, text)
    if "{" in out or "}" in out:
        raise ValueError(f"unbalanced PII markup near: {out[max(0, out.find('{') - 20):][:60]!r}")
    return out
