"""Presidio recognizers for UK SEND consultation text.

``uk_send_recognizers()`` returns the full set the anonymiser registers; ``PLACEHOLDERS``
maps each entity type to its readable placeholder label.
"""
from __future__ import annotations

import sys
from typing import Iterable, Optional


def _import_presidio_lean() -> None:
    """Import Presidio without its optional Hugging Face ``transformers`` engine.

    Presidio's package imports ``transformers`` (seconds of start-up) only for an NLP engine
    the anonymiser never uses; Presidio guards that import, so it is skipped here.  Nothing
    else is affected: ``transformers`` imports normally afterwards (e.g. for embeddings).
    """
    if "presidio_analyzer" in sys.modules or "transformers" in sys.modules:
        return
    sys.modules["transformers"] = None  # type: ignore[assignment]  # -> ImportError
    try:
        import presidio_analyzer  # noqa: F401
        import presidio_anonymizer  # noqa: F401
    except ImportError:
        for name in [m for m in sys.modules if m.startswith("presidio_")]:
            del sys.modules[name]
    finally:
        if sys.modules.get("transformers", 0) is None:
            del sys.modules["transformers"]


_import_presidio_lean()

from .identifiers import (
    EMAIL,
    HANDLE,
    NHS_NUMBER,
    NI_NUMBER,
    PHONE,
    POSTCODE,
    UPN,
    URL,
    OfflineEmailRecognizer,
    HandleRecognizer,
    NhsNumberRecognizer,
    NiNumberRecognizer,
    OfflineUrlRecognizer,
    PostcodeRecognizer,
    UkPhoneRecognizer,
    UpnRecognizer,
    identifier_recognizers,
    make_tldextract_offline,
    nhs_number_is_valid,
    offline_tldextract,
    upn_check_letter,
    upn_is_valid,
)
from .names import CHILD, NAME_TYPES, PERSON, STAFF, PersonNameRecognizer, census_given
from .places import (
    ADDRESS,
    DATE_OF_BIRTH,
    SCHOOL,
    AddressRecognizer,
    DateOfBirthRecognizer,
    SchoolRecognizer,
    load_school_gazetteer,
)

# entity type -> placeholder label; names are numbered ("[CHILD 1]"), others are not.
PLACEHOLDERS = {
    CHILD: "CHILD",
    PERSON: "PERSON",
    STAFF: "STAFF",
    SCHOOL: "SCHOOL",
    PHONE: "PHONE",
    EMAIL: "EMAIL",
    POSTCODE: "POSTCODE",
    ADDRESS: "ADDRESS",
    NHS_NUMBER: "NHS NUMBER",
    NI_NUMBER: "NI NUMBER",
    UPN: "UPN",
    DATE_OF_BIRTH: "DATE OF BIRTH",
    URL: "URL",
    HANDLE: "HANDLE",
}
ENTITY_TYPES = tuple(PLACEHOLDERS)
STRUCTURED_TYPES = (PHONE, EMAIL, POSTCODE, NHS_NUMBER, NI_NUMBER, UPN, URL, HANDLE)

# When two findings overlap, the one earlier in this list keeps the overlapping characters.
PRIORITY = (EMAIL, URL, NHS_NUMBER, NI_NUMBER, UPN, PHONE, POSTCODE, HANDLE, DATE_OF_BIRTH,
            ADDRESS, SCHOOL, STAFF, CHILD, PERSON)


def uk_send_recognizers(school_gazetteer: Optional[Iterable[str]] = None, *, use_ner: bool = True):
    """All recognizers of the anonymiser (Presidio ``EntityRecognizer`` instances)."""
    return identifier_recognizers() + [
        DateOfBirthRecognizer(),
        AddressRecognizer(),
        SchoolRecognizer(gazetteer=school_gazetteer),
        PersonNameRecognizer(use_ner=use_ner),
    ]


__all__ = [
    "ADDRESS", "CHILD", "DATE_OF_BIRTH", "EMAIL", "ENTITY_TYPES", "HANDLE", "NAME_TYPES",
    "NHS_NUMBER", "NI_NUMBER", "PERSON", "PHONE", "PLACEHOLDERS", "POSTCODE", "PRIORITY",
    "SCHOOL", "STAFF", "STRUCTURED_TYPES", "UPN", "URL",
    "AddressRecognizer", "DateOfBirthRecognizer", "OfflineEmailRecognizer", "HandleRecognizer",
    "NhsNumberRecognizer", "NiNumberRecognizer", "OfflineUrlRecognizer", "PersonNameRecognizer",
    "PostcodeRecognizer", "SchoolRecognizer", "UkPhoneRecognizer", "UpnRecognizer",
    "census_given", "load_school_gazetteer", "make_tldextract_offline", "nhs_number_is_valid",
    "offline_tldextract", "upn_check_letter", "upn_is_valid", "uk_send_recognizers",
]
