"""Content of the second sample consultation round (data/raw/sample-jan-2025/).

The January 2025 "further consultation and workshops" round of the same fictional SEND
strategy consultation as ``data/raw/sample/`` (the October 2024 Working Together events),
in the same fictional council area and districts.  Every comment was written individually
for the project; ``scripts/make_sample_round_jan2025.py`` only assembles them into files.

What changed since October (so that round comparison has something real to find):
  persist   EHCP delays and late annual reviews, school places / children out of school,
            transport, communication with caseworkers, CAMHS and assessment waits.
  shrink    Local Offer website complaints (relaunched in November; some praise now);
            "the council should send its own newsletter" -> praise for the new SEND newsletter.
  new       the EHCP online portal launched in December (log-in, upload and mobile problems,
            some praise for tracking); the proposed post-16 transport charge (consultation
            opened at Christmas); the new district Inclusion Hub (praise, confusion about
            who it is for, fear that it is a gate before an EHC needs assessment).
  emerging  (no seed priority covers them; raised again, restraint/isolation more strongly)
            siblings and young carers; restraint, seclusion and isolation rooms; dentist and
            hospital access for autistic children; accessible playgrounds and Changing
            Places toilets.

PERSONAL DATA markup (same convention as the October round)
---------------------------------------------------------
Every fake personal value is written inline as ``{T:value}`` where T is a code in
``PII_TYPES``.  The assembling script removes the markup (leaving ``value``) and records each
value with its type and output file in tests/fixtures/sample_jan2025_seeded_pii.json.  All
values are fictional: phone numbers are in Ofcom's drama ranges (07700 900xxx, 01632 960xxx,
0161 496 0xxx), NHS numbers are in the 999 test range with valid modulus-11 check digits,
the UPN has a valid check letter, e-mail addresses use example.* domains.
"""
from __future__ import annotations

# The markup convention and the districts are the October round's (scripts/sample_content).
from sample_content import DISTRICTS as _OCTOBER_DISTRICTS  # noqa: E402
from sample_content import MARKUP, PII_TYPES, strip_markup  # noqa: E402,F401

DISTRICTS = {**_OCTOBER_DISTRICTS, "X": "Prefer not to say", "": ""}

GROUPS = {
    "PC": "Parent carer",
    "YP": "Young person",
    "PR": "Professional",
    "": "",
}
