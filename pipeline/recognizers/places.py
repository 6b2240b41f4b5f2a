"""Recognizers for schools and settings, street addresses and dates of birth."""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, List, Optional

from presidio_analyzer import EntityRecognizer, RecognizerResult

from .lexicon import (LO, RESOURCES, TITLES, UP, capitalised_share, common_nouns, day_names, dictionary_nouns,
                      first_names, gazetteer_first_names, is_english,
                      month_names, send_term_words, send_terms, uk_place_words, uk_town_words, wordnet_words)

SCHOOL = "SCHOOL"
ADDRESS = "ADDRESS"
DATE_OF_BIRTH = "DATE_OF_BIRTH"

# Default location of the optional school-name gazetteer (never copied into the repository).
DEFAULT_SCHOOLS_CSV = (Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
                       / "uk-school-names" / "schools.csv")

# --------------------------------------------------------------------------- schools
# "C of E" however it is dotted and spaced ("C of E", "C.of E", "C. of E.", "c.of.e.")
_C_OF_E_CAP = r"C\.?[ \t]?of[ \t]?E\.?(?![\w])"
_C_OF_E_LOWER = r"c\.?[ \t]?of\.?[ \t]?e\.?"
_CAP = (rf"(?:CofE(?![\w])|C\.of\.E\.?|{_C_OF_E_CAP}|St(?:\.|(?![\w]))|S[st]s?\.|Dr\."
        rf"|\((?:Voluntary|Church)(?:[ \t]+(?:of|[{UP}][{LO}]+)){{1,3}}\)"  # "(Voluntary Controlled)"
        r"|\((?:C\.?[ \t]?of[ \t]?E\.?|C\.?E\.?|CofE|R\.?C\.?|V\.?[AC]\.?)\)|C\.[ \t]?of[ \t]E\."  # "(C of E)"
        rf"|(?:Mc|Mac|De|Le|La|Di|Van|Fitz)[{UP}][{LO}]+"  # "McAuley", "MacIntyre", "DeLacy"
        rf"|[{UP}][{LO}]*s['’](?![\w])|[{UP}][{LO}]*['’][{UP}]?[{LO}]+|[{UP}][{LO}]+(?:-(?:[{UP}]?[{LO}]+))*"
        rf"|[{UP}]{{2,5}}(?:['’]s)?|[{UP}][ \t]?&[ \t]?[{UP}](?![\w])|\(?(?:VA|VC|CE|RC|C\.?E\.?|R\.?C\.?)\)?"
        r"|\((?:A|C|Aided|Controlled)\)"
        rf"|(?:[{UP}]\.){{2,3}}|[{UP}]\.(?=[ \t]*[{UP}]))")  # initials: "J.H.", "The R. G. Ashdown School"
_CONNECT = r"(?:of|the|and|&|on|upon|in|de|la|le|en|at|by|under|over|cum|with|sub|next|super|juxta)"
_RUN = re.compile(  # words joined by spaces, hyphens or a slash ("CE/Methodist")
    rf"(?<![\w'’]){_CAP}(?:(?:[ \t]+|[ \t]*[-–/][ \t]*)(?:{_CONNECT}[ \t]+)*(?:{_C_OF_E_CAP}|{_CAP}))*"
)
# Words that end a school/setting name.  "Primary" may be followed by "School"/"Academy".
_SUFFIX_WORDS = {
    "school", "academy", "college", "primary", "nursery", "infants", "juniors", "infant",
    "junior", "pre-school", "preschool", "playgroup", "federation", "utc", "pru",
    "montessori", "kindergarten", "centre", "center", "unit", "j&i", "jmi",
}
_CENTRE_OK = {"form", "learning", "children's", "childrens", "children’s", "resource", "education",
              "family", "enhanced"}
# Descriptive words that do not make a name on their own ("a Special School").
_GENERIC = {
    "the", "a", "an", "my", "our", "his", "her", "their", "this", "that", "local", "mainstream",
    "special", "specialist", "primary", "secondary", "high", "independent", "free", "state",
    "private", "village", "catholic", "faith", "church", "community", "residential", "day",
    "boarding", "grammar", "junior", "juniors", "infant", "infants", "nursery", "sixth", "form",
    "new", "current", "previous", "old", "autism", "autistic", "sen", "send", "resourced",
    "provision", "maintained", "academy", "trust", "hospital", "further", "education", "fe",
    "alternative", "mixed", "girls", "boys", "main", "county", "council", "school", "college",
    "pupil", "referral", "unit", "pru", "utc", "learning", "centre", "center", "children's",
    "childrens", "children’s", "studio", "technical", "university", "all-through", "middle",
    "upper", "lower", "first", "comprehensive", "selective", "language", "rc", "ce", "va", "vc",
    "c", "e", "of", "and", "&", "in", "on", "at", "upon", "national", "multi", "trust's",
    "resource", "base", "hub", "enhanced", "family", "kindergarten", "pre-school", "preschool",
    "playgroup", "federation", "montessori", "mat", "specialist", "support", "inclusion",
    "senco", "ehcp", "camhs", "year", "reception", "ks1", "ks2", "ks3", "ks4", "ofsted",
    "cofe", "c.of.e", "controlled", "aided", "voluntary", "sports", "arts", "technology",
    "early", "years", "catchment", "feeder", "partner", "sister", "link", "linked", "neighbouring",
    "nearest", "nearby", "preferred", "named", "receiving", "sending", "sibling", "siblings", "place",
    "places", "sponsor", "sponsored", "converter", "chain",
}


_LEADIN = {"the", "a", "an", "my", "our", "his", "her", "their", "at", "to", "and", "of", "in",
           "on", "from", "for", "with", "by", "than", "into", "when", "while", "since"}


def _word_key(w: str) -> str:
    k = w.strip("().,").lower()
    return "cofe" if _C_OF_E.fullmatch(k) else k  # "C of E", "C.of E", "C. of E."


class SchoolRecognizer(EntityRecognizer):
    """School and setting names: "St Mary's RC Primary", "Oakfield Academy", "Myerscough College".

    A run of capitalised words ending in a setting word (School, Academy, College, Primary,
    Nursery, ...) with at least one distinctive word before it; lower-case names
    ("oakwood primary school", "st mary's primary") with stricter checks; and, when given, a
    gazetteer of known school names matched case-insensitively.
    """

    def __init__(self, gazetteer: Optional[Iterable[str]] = None, supported_language: str = "en"):
        self._gaz_re = _compile_gazetteer(gazetteer) if gazetteer else None
        super().__init__(supported_entities=[SCHOOL], name="SchoolRecognizer",
                         supported_language=supported_language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:
        if entities and SCHOOL not in entities:
            return []
        spans = list(school_spans(text))
        if self._gaz_re is not None:
            spans.extend((m.start(), m.end(), 0.9) for m in self._gaz_re.finditer(text))
        return [RecognizerResult(SCHOOL, s, e, sc) for s, e, sc in spans]


def _is_stopword(w: str) -> bool:
    from spacy.lang.en.stop_words import STOP_WORDS

    return w in STOP_WORDS


_RUN_SPLIT = re.compile(
    r"(?:(?<=School)|(?<=Academy)|(?<=College)|(?<=Primary)|(?<=Nursery)|(?<=Infants)|(?<=Juniors)"
    r"|(?<=Centre))[ \t]+(?:and|&)[ \t]+"
    # ... but not inside one name: "Nursery and Infant School", "School and Sixth Form Centre"
    r"(?!(?:Nursery|Infants?|Juniors?|Primary|Pre-?[Ss]chool|Sixth|Sports|Community|Children['’]s"
    r"|College|School|Centre|Specialist|Language|Arts|Technology|Science)\b)"
    # ... nor before a specialism ending in "College" ("School and Mathematics & Computing College")
    r"(?!(?:[A-Z][\w'’]*[ \t]+(?:(?:and|&)[ \t]+)?){1,4}College\b)")
_WORD_SPLIT = re.compile(rf"{_C_OF_E_CAP}|[^\s\-–/]+|[-–/]")
_C_OF_E = re.compile(_C_OF_E_LOWER)
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
_SAINTS = ("st", "st.", "saint", "ss", "ss.", "sts", "sts.")


def school_spans(text: str):
    """(start, end, score) of pattern-found school names in ``text``.

    Capitalised names come from runs of capitalised words (:func:`_capitalised_school_spans`),
    lower-case ones from a setting word and the words before it (:func:`_lower_school_spans`),
    names without a type word from place-like words where a school is expected
    (:func:`_typeless_school_spans`).
    """
    # no-break and other Unicode spaces (Word, web pages) count as spaces; positions are kept
    text = text.translate(_SPACES)
    seen: set[tuple[int, int]] = set()
    for s, e, sc in (*_capitalised_school_spans(text), *_lower_school_spans(text)):
        if (s, e) not in seen:
            seen.add((s, e))
            yield s, e, sc
    # names without a type word, where no name with one was found
    for s, e, sc in _typeless_school_spans(text):
        if not any(s < e2 and s2 < e for s2, e2 in seen):
            seen.add((s, e))
            yield s, e, sc


_SPACES = {c: " " for c in (0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)}


@lru_cache(maxsize=1)
def school_words() -> dict[str, frozenset[str]]:
    """Sections of ``resources/school_words.txt``: lead, capital lead, activity, descriptor, soft, attribute."""
    out: dict[str, set[str]] = {}
    for line in (RESOURCES / "school_words.txt").read_text(encoding="utf-8").splitlines():
        line = re.sub(r"#.*$", "", line).strip()
        if not line or ":" not in line:
            continue
        section, _, words = line.partition(":")
        out.setdefault(section.strip(), set()).update(w.lower() for w in words.split())
    return {k: frozenset(v) for k, v in out.items()}


def _base_key(w: str) -> str:
    """Word key without a possessive: "School's" -> "school", "Infants'" -> "infants"."""
    k = _word_key(w)
    if k.endswith(("'s", "’s")) and len(k) > 3:
        k = k[:-2]
    return k.rstrip("'’")


def _possessive_len(w: str) -> int:
    return 2 if w.endswith(("'s", "’s")) and len(w) > 3 else 0


def _dictionary_word(w: str) -> bool:
    """An ordinary English word (dictionary noun, verb, adjective or adverb)."""
    return is_english(w) or w in dictionary_nouns() or w.rstrip("s") in dictionary_nouns()


# "... School and Sixth Form", "... Primary School and Nursery", "... Grammar School for Girls"
_CONTINUATION = re.compile(
    r"[ \t]+(?:(?:and|&)[ \t]+(?:(?:Sixth|sixth)[ \t]+(?:Form|form)(?:[ \t]+(?:Centre|College|centre|college))?"
    r"|(?:Nursery|nursery)(?![ \t]+(?:staff|nurse|nurses|teacher|teachers|worker|workers|Staff))"
    r"|(?:Children|children)['’]s[ \t]+(?:Centre|centre)"
    r"|(?:(?i:sports|community|science|technology|humanities|languages?|music|engineering|enterprise"
    r"|(?:performing|visual|media)[ \t]+arts|arts|business[ \t]+(?:and|&)[ \t]+enterprise"
    r"|(?:mathematics|maths)[ \t]+(?:and|&)[ \t]+computing)[ \t]+)?(?:College|college))"
    r"|for[ \t]+(?:Girls|Boys|girls|boys|(?:(?:the|The)[ \t]+)?(?:Deaf|Blind|deaf|blind)|Autism|autism))"
    r"(?:(?=['’]s(?![\w]))|(?![\w'’]))"
)
# "Oasis Academy Lister Park", "UTC Kettlewick": a place after the trust's or UTC's name
_AFTER_TYPE = {"academy", "utc"}


def _place_word_after(w: str, first: bool) -> bool:
    """May ``w`` (capitalised, after "Academy"/"UTC") be part of the school's place name?"""
    k = _base_key(w)
    if (not w[:1].isupper() or w.isupper() or len(k) < 3 or _is_stopword(k) or k in _GENERIC
            or k in send_terms() or k in send_term_words() or k in day_names() or k in month_names()
            or k in _SUFFIX_WORDS):
        return False
    if first:
        return not _dictionary_word(k)
    return True


_STREET_WORDS_SET = frozenset("street road lane avenue close drive crescent terrace row way walk hill park green "
                              "grove rise vale view gardens place square court field fields end top".split())


def _street_word(k: str) -> bool:
    """A street or landscape word ("lane", "park", "street")."""
    return k in _STREET_WORDS_SET or k in school_words()["place noun"]


def _without_lead_in(words: list) -> list:
    """``words`` without a sentence's first function word ("After", "The", "At")."""
    return words[1:] if words and _word_key(words[0][0]) in (_LEADIN | {"after", "before", "near", "since"}) else words


_OF_SUBJECT = re.compile(rf"[ \t]+of[ \t]+([{UP}][{LO}]+)(?:(?=['’]s(?![\w]))|(?![\w'’\-]))")
# lower case, only a subject a school is named for ("fenby academy of science")
_OF_SUBJECT_LOWER = re.compile(r"[ \t]+of[ \t]+(?:learning|technology|science|sciences|excellence|arts?|music|sports?"
                               r"|engineering|design|languages|performing[ \t]+arts|mathematics|business)"
                               r"(?:(?=['’]s(?![\w]))|(?![\w'’\-]))")


def _of_end(text: str, end: int, lower: bool = False) -> int:
    """End of "of" and a capitalised subject after a school's type word ("Fenby Academy of
    Learning", "Ashcombe College of Technology"); else ``end``.  The subject is a noun, no
    person's name, month or day; in lower case one of a closed list ("fenby academy of science")."""
    if lower:
        m = _OF_SUBJECT_LOWER.match(text, end)
        return m.end() if m else end
    m = _OF_SUBJECT.match(text, end)
    if not m:
        return end
    k = m.group(1).lower()
    if (not _dictionary_noun(k) or k in first_names() or k in month_names() or k in day_names()
            or k in TITLES or k in ("year", "years", "reception")):
        return end
    return m.end(1)


# what may follow a school's name: its designation ("... School Church of England Controlled",
# "... Primary (Voluntary Aided)"), "(An Academy)", its federation in brackets ("(High Peak Federation)")
_DESIGNATION = rf"(?i:church[ \t]+of[ \t]+england|{_C_OF_E_LOWER}|cofe|ce|roman[ \t]+catholic|catholic|methodist)"
_TRAILER = re.compile(
    rf"[ \t]*,?[ \t]+(?:{_DESIGNATION}[ \t]+(?i:voluntary[ \t]+)?(?i:controlled|aided)"
    r"|(?:Voluntary[ \t]+)?(?:Controlled|Aided)|voluntary[ \t]+(?:controlled|aided))"
    r"(?:(?=['’]s(?![\w]))|(?![\w'’\-]))"
    rf"|[ \t]*\((?:{_DESIGNATION}[ \t]+)?(?i:voluntary[ \t]+)?(?i:controlled|aided)\)"
    r"|(?i:[ \t]*\(an?[ \t]+academy\))"
    rf"|[ \t]*\((?i:the[ \t]+)?(?:(?!(?i:the|and|or|a|an|our|their|its|this|that|same|new|local|whole)[ \t])"
    rf"[{UP}{LO}][{LO}'’\-]*[ \t]+){{1,4}}(?i:federation|partnership)\)"
)


def _continue_end(text: str, end: int) -> int:
    m = _CONTINUATION.match(text, end)
    end = m.end() if m else end
    m = _TRAILER.match(text, end)
    return m.end() if m else end


# "Queen Elizabeth's Grammar School, Horncastle": the town after a comma belongs to the name
_TOWN_AFTER = re.compile(rf",[ \t]+((?:[{UP}][{LO}]+[ \t]+)?[{UP}][{LO}]+(?:-[{LO}]+-[{UP}][{LO}]+)?)"
                         rf"(?:(?=['’]s(?![\w]))|(?![\w'’\-]|[ \t]+[{UP}]|[ \t]*&))")


_TOWN_AFTER_LOWER = re.compile(rf",[ \t]+([{LO}]{{3,}})(?:(?=['’]s(?![\w]))|(?![\w'’\-]))")


def _town_end(text: str, end: int, lower: bool = False) -> int:
    """End of a town name after a comma right after a school's name (else ``end``): a word
    no dictionary knows, or a lead word before one ("Long Eaton"); never a person's given
    name, a title or a SEND word ("..., Sarah said", "..., Ofsted said")."""
    m = (_TOWN_AFTER_LOWER if lower else _TOWN_AFTER).match(text, end)
    if not m:
        return end
    ws = [w.lower() for w in m.group(1).split()]
    if len(ws) == 2 and ws[0] not in school_words()["lead"]:
        return end
    k = ws[-1]
    if (len(k) < 3 or _dictionary_word(k) or k in first_names() or k in TITLES or _is_stopword(k)
            or k in send_terms() or k in send_term_words() or k in _GENERIC or k in _SUFFIX_WORDS
            or k in day_names() or k in month_names() or (lower and not _distinct(k))):
        return end
    return m.end(1)


def _capitalised_school_spans(text: str):
    sw = school_words()
    segments = []
    for m in _RUN.finditer(text):
        pos = m.start()
        for part in _RUN_SPLIT.split(m.group()):
            idx = text.find(part, pos)
            segments.append((idx, part))
            pos = idx + len(part)
    for seg_start, run in segments:
        words = [(w.group(), seg_start + w.start(), seg_start + w.end())
                 for w in _WORD_SPLIT.finditer(run)]
        keys = [_base_key(w) for w, _, _ in words]
        # the last setting word in the run (and "School"/"Academy" right after "Primary");
        # a soft type word ("High", "Grammar", "First") only as the run's last word
        last, soft = -1, False
        for i, k in enumerate(keys):
            if k in ("controlled", "aided") and i and keys[i - 1] in ("england", "e", "cofe", "ce", "voluntary"):
                last, soft = i, False  # "Kettlewick Church of England Controlled"
            elif k in _SUFFIX_WORDS:
                if k in ("centre", "center"):
                    if i == 0 or _word_key(words[i - 1][0]) not in _CENTRE_OK:
                        continue
                if k == "unit" and (i == 0 or keys[i - 1] != "referral"):
                    continue
                last, soft = i, False
            elif k in sw["soft"] and i > last and (i == len(words) - 1 or _possessive_len(words[i][0])
                                                   or words[i + 1][0].islower()):  # "... High in May"
                last, soft = i, True
        fed = next((i for i, k in enumerate(keys) if k in ("federation", "partnership")), -1)
        if 0 <= fed < len(words) - 2 and words[fed + 1][0] == "of":
            # "The Federation of Ashcombe and Fenby Schools": to the end of the run
            s0 = fed - 1 if fed and words[fed - 1][0] == "The" else fed
            rest = [k for k in keys[fed + 2:] if k not in _GENERIC]
            if rest and not all(k in common_nouns() or k in send_term_words() for k in rest):
                yield words[s0][1], words[-1][2] - _possessive_len(words[-1][0]), 0.7
            continue
        if last == 0 and keys[0] == "utc" and len(words) > 1 and _place_word_after(words[1][0], True):
            # "UTC Kettlewick"
            end = words[1][2]
            for w, _, e in words[2:4]:
                if not _place_word_after(w, False):
                    break
                end = e
            yield words[0][1], end, 0.7
            continue
        if last < 1:
            continue
        # start: after a lower-case "at"/"by" ("Mrs Popescu at St Peter's RC High School"), then
        # drop sentence-initial function words and generic lead-ins
        first = 0
        for i in range(last):
            # "Stanton by Dale", "Elmton with Creswell" are places: cut at "by"/"with" after a title
            # "Sutton at Hone" too, but "SENCO at", "Mrs Popescu at", "Jack at", "Fenby Primary at" end a run
            if (words[i][0] == "at" and (i == first or any(
                    _word_key(w) in TITLES or _word_key(w) in send_terms() or _word_key(w) in send_term_words()
                    or _word_key(w) in first_names() or _word_key(w) in _SUFFIX_WORDS or _word_key(w) in _GENERIC
                    or (w.isupper() and len(w) > 1) or not _own_place_word(_base_key(w))
                    for w, _, _ in _without_lead_in(words[first:i])))) or (words[i][0] in ("by", "with") and any(
                    _word_key(w) in TITLES or _word_key(w) in send_terms() for w, _, _ in words[first:i])):
                first = i + 1
        while first < last:
            w0 = words[first][0]
            k = _word_key(w0)
            if k in _SAINTS or _INITIALS.fullmatch(w0):
                break  # "St Anne's", "Ss Peter and Paul", "The J. H. Ashdown School"
            if k == "our" and first + 1 < last and keys[first + 1] in ("lady", "saviour", "saviour's"):
                break
            if ((k in sw["lead"] or k in sw["capital lead"]) and w0[:1].isupper() and not w0.isupper()
                    and first + 1 < last
                    and keys[first + 1] not in _GENERIC and k not in _LEADIN):
                break  # "Four Dwellings Academy", "All Saints Primary"
            if k in _GENERIC and first + 2 < last and words[first + 1][0] in ("and", "&"):
                first += 2  # "(for) Girls and Fenby School"
                continue
            if (k in send_term_words() or k in send_terms()) and first + 1 < last and w0[:1].isupper() \
                    and not w0.isupper() and _street_word(keys[first + 1]):
                break  # a street or landscape name: "School Lane Primary", "Head Lane Junior", "Easter Park"
            if (w0.isupper() and len(k) >= 3 and not is_english(k) and not _is_stopword(k) and k not in _GENERIC
                    and k not in send_terms() and k not in send_term_words() and not words[first + 1][0].isupper()):
                break  # an acronym that is the name, before a type word in ordinary capitals: "The JCB Academy"
            if (w0 in ("-", "–", "/") or k in _LEADIN or k in send_term_words()
                    or k in send_terms() or (_is_stopword(k) and k not in _GENERIC)
                    or (w0.isupper() and len(k) > 1 and k not in ("rc", "ce", "va", "vc"))):
                first += 1
            else:
                break
        # no name runs across "School Meals", "School Transport"
        for i in range(first, last):
            if keys[i] in _SUFFIX_WORDS and keys[i + 1] in sw["attribute"]:
                first = i + 2
        if last >= 1 and keys[last] == "school" and keys[last - 1] in ("after", "before", "out"):
            continue  # "Breakfast Club and After School Club", "Out of School"
        if first >= last:
            if keys[last] == "utc" and last + 1 < len(words) and _place_word_after(words[last + 1][0], True):
                yield words[last][1], words[last + 1][2] - _possessive_len(words[last + 1][0]), 0.7
            continue
        body = [_word_key(w) for w, _, _ in words[first:last]]
        distinctive = [w for w in body if w not in _GENERIC and w not in ("-", "–", "/")]
        if not distinctive:
            continue
        if all(w in send_term_words() or w in common_nouns() for w in distinctive):
            continue
        described = any(w in sw["descriptor"] for w in body)
        if (len(body) == 1 and not described
                and (body[0] in sw["activity"] or body[0].rstrip("'’s") in sw["activity"])):
            continue  # "Forest School", "Sunday School", "Virtual School"
        if soft:
            k = keys[last]
            # the name's own words, without lead words ("Kirk Hallam", "West Gorsley")
            own = [w for w in distinctive if w not in sw["lead"] and w not in sw["capital lead"]]
            if k in ("first", "middle"):  # "Ashcombe Middle", not "Safety First", "Children First"
                ok = described or (bool(own) and any((not _dictionary_word(w) and w not in first_names())
                                                     or _place_noun(w, sw) for w in own))
            elif k in ("special", "specialist"):  # "Tolworth Special", not "Christmas Special"
                ok = described or len(distinctive) >= 2 or not _dictionary_word(distinctive[0]) \
                    or _place_noun(distinctive[0], sw)  # "Riverside Special"
            elif k == "community":  # "Buxton Community", not "Roma Community", "Deaf Community"
                ok = bool(own) and all((not _dictionary_word(w) and not _pos(w, "adj") and w not in first_names()
                                        and w not in uk_place_words()) or _place_noun(w, sw) for w in own)
            else:  # high, grammar, secondary
                ok = described or len(distinctive) >= 2 or not _dictionary_word(distinctive[0]) \
                    or _place_noun(distinctive[0], sw)  # "Hillside Secondary"
            if not ok:
                continue
        start = words[first][1]
        # a capitalised "The" right before the name is part of it ("The Ridge Academy")
        if text[max(0, start - 4):start] == "The " and (start < 5 or not text[start - 5].isalnum()):
            start -= 4
        end = words[last][2] - _possessive_len(words[last][0])
        if not _possessive_len(words[last][0]):
            if keys[last] in _AFTER_TYPE and last + 1 < len(words) and _place_word_after(words[last + 1][0], True):
                # "Oasis Academy Lister Park"
                end = words[last + 1][2]
                for w, _, e in words[last + 2:last + 4]:
                    if not _place_word_after(w, False):
                        break
                    end = e
                end -= _possessive_len(text[:end])
            else:
                end = _continue_end(text, end)
                if keys[last] in ("academy", "college", "school") and end == words[last][2]:
                    end = _of_end(text, end)
            if _possessive_len(text[start:end]) == 0:
                end = _town_end(text, end)
        yield start, end, 0.75


_PREPOSITIONS = frozenset("to at from of for into attends attend attended attending joined joining "
                          "visited visiting after near about".split())
# lower-case church names that are a whole school name ("all saints", "holy family")
_FAITH_PAIRS = frozenset({("all", "saints"), ("all", "souls"), ("all", "hallows"), ("good", "shepherd"),
                          ("english", "martyrs"), ("our", "lady"), ("our", "saviour"),
                          ("christ", "church"), ("christ", "king")})
_FAITH_FIRST = frozenset({"st", "st.", "saint", "holy", "sacred", "blessed", "corpus"})
_MODIFIERS = frozenset("north south east west upper lower great little long old new nether high "
                       "good all our".split())
_DESCRIBED = re.compile(rf"(?:cofe|{_C_OF_E_LOWER}|ce|rc|catholic|methodist|church of england|voluntary"
                        r"|\((?:a|c|va|vc|aided|controlled)\))(?![\w])")
# type words strong enough for a name of ordinary words ("oak tree primary", "hope primary school")
_STRONG_TYPE = re.compile(r"(?:school (?:and|&) (?:sixth form|college|nursery)|secondary school|specialist school|middle school|first school|primary|infants?|juniors?|high|grammar|community|academy|nursery school"
                          rf"|special school|sixth form college|learning centre|cofe|{_C_OF_E_LOWER}|rc|catholic|methodist"
                          r"|church of england|\((?:a|c|va|vc|aided|controlled)\))(?![\w])")

# type words that make a name of an activity word ("music primary"; not "police academy",
# "dance school and college")
_ACTIVITY_TYPE = re.compile(r"(?:primary|infants?|juniors?|high|grammar|community|nursery school|special school"
                            rf"|cofe|{_C_OF_E_LOWER}|rc|catholic|methodist|church of england"
                            r"|\((?:a|c|va|vc|aided|controlled)\))(?![\w])")


def _lower_school_spans(text: str):
    sw = school_words()
    lead = sw["lead"]
    for m in _LOWER_SUFFIX.finditer(text):
        typ = m.group()
        if _PLURAL_SETTING.match(text, m.end()):
            continue  # "visit primary schools", "infant and junior schools"
        cont = _continue_end(text, m.end())
        if typ.endswith("school") and cont > m.end():
            typ += " " + " ".join(text[m.end():cont].split())  # "columbus school and college"
        described = bool(_DESCRIBED.search(typ))
        if typ.split()[-1] == "first" and not described:
            continue  # "first" ends a name only with a designation ("kettlewick ce (vc) first")
        soft_type = typ.split()[-1] in _SOFT_LOWER and not described  # "buxton infant", "ashcombe middle"
        if soft_type and typ.split()[-1] in _SOFT_PLACE:
            nxt = _FOLLOWING_WORD.match(text, m.end())
            if nxt and (nxt.group(1) in common_nouns() or nxt.group(1) in send_term_words()
                        or nxt.group(1) in _HEAD_NOUNS):
                continue  # an adjective before a noun: "park special events", "wood community centre"
        place_end = _place_after_type(text, m.end()) if typ.split()[-1] in ("academy", "utc") else None
        # the name is the subject of a verb right after it ("belmont primary refused ...")
        subject = _finite_verb_after(text, place_end or cont)
        # walk back over up to five lower-case words before the setting word
        before = text[max(0, m.start() - 120):m.start()]
        words = list(_LOWER_WORD.finditer(before))
        taken: list[tuple[re.Match, str]] = []
        expected_end = len(before)
        prev_word = ""
        stop_at = -1  # index in ``words`` of the word that ended the walk
        i = len(words) - 1
        while i >= 0:
            w = words[i]
            gap = before[w.end():expected_end].strip(" \t")
            if gap != "":
                # a sentence's punctuation before the name ("." = a boundary); else what is there
                prev_word = "." if _SENTENCE_GAP.fullmatch(gap.replace(" ", "")) else gap
                break
            lw = w.group().strip(".")
            left = words[i - 1].group().strip(".") if i > 0 else ""
            if len(taken) >= 8:  # "our lady of good counsel and st michael's"
                prev_word = lw
                break
            if lw in ("and", "&") and taken and (taken[-1][1] == "D" or (
                    taken[-1][1] == "L" and taken[-1][0].group().strip(".") in ("st", "saint")) or (
                    described and _dictionary_noun(taken[-1][0].group().strip(".")))):
                kind = "C"  # "carsington and hopton", "sale and davys church of england primary"
            elif (lw == "the" and taken and i > 0 and _distinct(left) and not _is_stopword(left)
                  and not before[words[i - 1].end():w.start()].strip(" \t")):
                kind = "C"  # a place before a name with "the": "duffield the meadows primary"
            elif lw == "the" and taken and (left, taken[-1][0].group()) in _FAITH_THE:
                kind = "C"  # "christ the king", "st john the baptist"
            elif (lw in _NOUN_STOPS and i > 0 and not _is_stopword(left) and left not in _GENERIC
                  and left not in send_term_words() and len(left) >= 3
                  and not before[words[i - 1].end():w.start()].strip(" \t")):
                kind = "E"  # "wyre side", "carr head", "hill top": a stop word that is a noun here
            elif (_is_stopword(lw) and i >= 2 and words[i - 2].group().strip(".") in ("st", "saint")
                  and not before[words[i - 2].end():w.start()].strip(" \t").replace(" ", "").replace(
                      words[i - 1].group(), "") and _distinct(left)):
                kind = "D"  # "st thomas more"
            elif lw == "of" and taken and (taken[-1][1] in "DL" or left in lead or (
                    i >= 2 and words[i - 2].group().strip(".") in ("st", "saint"))):
                kind = "C"  # "our lady of lourdes", "duke of norfolk", "st bede of canterbury"
            elif lw in _ROMAN or (lw[-2:] in ("'s", "’s") and lw[:-2] in _ROMAN):
                kind = "L"  # "king edward vi high"
            elif (len(lw) == 1 and lw.isalpha() and w.group() == lw + "." and taken and (
                    _INITIAL_LOWER.fullmatch(taken[-1][0].group()) or (
                        taken[-1][1] == "D" and i > 0 and _INITIAL_LOWER.fullmatch(words[i - 1].group())))):
                kind = "L"  # two initials before a surname: "the r. g. ashdown academy"
            elif taken and taken[-1][1] == "L" and taken[-1][0].group().strip(".") in ("st", "saint") \
                    and not _distinct(lw):
                prev_word = lw  # "st cuthbert's": only a place name goes before it ("whitfield st james'")
                break
            elif (lw in ("st", "saint") or lw in lead) and not (
                    i > 0 and (left, lw) in _FAITH_PAIRS and not before[words[i - 1].end():w.start()].strip(" \t")):
                kind = "L"
            elif (i > 0 and (left in _FAITH_FIRST or (left, lw.rstrip("'’")) in _FAITH_PAIRS)
                  and before[words[i - 1].end():w.start()].strip(" \t") == ""):
                # "holy family", "holy cross", "all saints": two words of a church name
                taken.extend([(w, "L"), (words[i - 1], "L")])
                expected_end = words[i - 1].start()
                i -= 2
                if i >= 0 and before[words[i].end():expected_end].strip(" \t") == "" \
                        and (_distinct(words[i].group().strip(".")) or words[i].group() in ("and", "&")):
                    continue  # "whitfield st james", "our lady and st joseph"
                prev_word = words[i].group().strip(".") if i >= 0 else "."
                break
            elif (taken and taken[-1][1] == "E" and len(taken) == 1 and _street_word(taken[-1][0].group())
                  and (lw in send_term_words() or lw in ("school", "church", "chapel", "station"))
                  and not _is_stopword(lw) and _dictionary_noun(lw)):
                kind = "E"  # a street named after an ordinary word: "head lane", "school street"
            elif (lw in _INNER_GENERIC and all(t.group() in _INNER_GENERIC for t, _ in taken) and i > 0
                  and not before[words[i - 1].end():w.start()].strip(" \t") and (
                      (_distinct(left) and not _is_stopword(left)) or (
                          left in _INNER_GENERIC and not taken and i > 1 and _distinct(words[i - 2].group())))):
                kind = "E"  # a generic word between a place and the type: "fenby (model) village primary"
            elif (len(lw) < 3 or _is_stopword(lw) or lw in _GENERIC or lw in send_terms()
                  or lw in send_term_words() or lw.endswith(("s'", "s’"))):  # "the twins' school"
                prev_word, stop_at = lw, i
                break
            elif _distinct(lw) or (lw.endswith(("'s", "’s")) and _distinct(lw[:-2])):
                kind = "D"  # "archbishop tenison's high"
            elif lw.endswith(("'s", "’s")) and not taken and (_given_name(left) or left in _TITLE_LEADS):
                kind = "D"  # a person's surname before the type: "lady jane cavendish's cofe primary"
            else:
                kind = "E"
            taken.append((w, kind))
            expected_end = w.start()
            i -= 1
        else:
            prev_word = "." if not before[:expected_end].strip() and m.start() - len(before) == 0 else ""
            cap = _CAP_PREPOSITION.search(before, 0, expected_end)
            if cap and cap.group(1).lower() in _PREPOSITIONS:
                prev_word = cap.group(1).lower()  # "After beacon academy closed ...", "At grange school"
        if not taken:
            if typ == "utc" and place_end:
                yield m.start(), place_end, 0.6  # "utc kelvedon"
            continue
        taken.reverse()  # left to right
        kinds = [k for _, k in taken]
        names = [w.group().strip(".") for w, _ in taken]
        # the name is a block of name words ending at the setting word: place and person words
        # (D), lead words (L), nouns (E: "cherry tree"), connectors between them (C); a verb
        # ("attend", "loves") ends it
        j = len(taken)
        while j > 0:
            k, n = kinds[j - 1], names[j - 1]
            if k in "DL" or (k == "E" and (_dictionary_noun(n) or _pos(n, "adj") or (
                    _given_name(n) and j >= 2 and names[j - 2] in _TITLE_LEADS))):  # "sir mary cowlishaw"
                j -= 1
            elif (k == "C" and j < len(taken) and j >= 2 and kinds[j - 2] in "DLE"
                  and (n != "of" or kinds[j - 2] == "L" or (j >= 3 and names[j - 3] in ("st", "saint")))):
                j -= 1
            else:
                break
        # a connector needs a name word on both sides; an inflected verb ("loves", "attended")
        # does not begin a name
        while j < len(taken) and (kinds[j] == "C" or (
                j < len(taken) - 1 and kinds[j] == "E" and _verb_base(names[j]) != names[j])):
            j += 1
        if j >= len(taken):
            continue
        prev = prev_word if j == 0 else names[j - 1]
        kinds, names = kinds[j:], names[j:]
        start_i = None
        if len(names) >= 3 and ((names[0], names[1]) in _FAITH_PAIRS or (
                names[0] in ("st", "saint") and kinds[1] == "D")) and kinds[1] != "C":
            start_i = 0  # "our lady of good counsel and st michael's", "st bede of canterbury"
        elif len(names) >= 2 and names[0] in _TITLE_LEADS and _given_name(names[1]) and kinds[1] in "DE":
            start_i = 0  # "lady jane cavendish's", "sir john leman", "queen elizabeth's"
        elif "D" in kinds:
            start_i = kinds.index("D")
            # extend left over lead words and connectors between name words
            # ("south darley", "bishop pursglove", "carsington and hopton", "duke of norfolk")
            while start_i > 0:
                k = kinds[start_i - 1]
                if k == "L":
                    start_i -= 1
                elif (k == "E" and start_i >= 2 and kinds[start_i - 2] == "L" and _given_name(names[start_i - 1])
                      and names[start_i - 2] in _TITLE_LEADS):
                    start_i -= 2  # "sir mary cowlishaw"
                elif k == "C" and start_i >= 2 and kinds[start_i - 2] in "DL" and (
                        names[start_i - 1] != "of" or kinds[start_i - 2] == "L"):
                    start_i -= 2
                else:
                    break
            # ordinary words before it after a preposition: "from peak dale", "to sale and davys"
            if start_i > 0 and _left_words_ok(names[:start_i], kinds[:start_i], prev,
                                              _to_ok(words, stop_at, before, prev, subject)):
                start_i = 0
            elif (start_i > 0 and j == 0 and prev == "the" and stop_at >= 0 and len(names[:start_i]) <= 2
                  and all(k == "E" and _place_noun(n, sw) for n, k in zip(names[:start_i], kinds[:start_i]))
                  and _the_after_preposition(words, stop_at, before)):
                start_i = 0  # "from the grange ashdown academy": "the" is added below
        elif len(names) >= 2 and (names[0] in _FAITH_FIRST or (names[0], names[1].rstrip("'’")) in _FAITH_PAIRS or (
                len(names) >= 3 and names[1] == "the" and (names[0], names[2]) in _FAITH_THE)):
            start_i = 0  # "all saints ce primary", "holy family catholic voluntary academy"
        elif not soft_type and _ordinary_name(names, kinds, prev, typ, sw,
                                              _to_ok(words, stop_at, before, prev, subject), subject):
            start_i = 0  # "to oak tree primary", "at grange primary school", "belmont primary school said"
        elif (typ.split()[-1] == "infant" and (len(names) >= 2 or _place_noun(names[0], sw)) and "C" not in kinds
              and (prev in _PREPOSITIONS or (prev == "." and subject))
              and _ordinary_name(names, kinds, prev, "infant", sw, _to_ok(words, stop_at, before, prev, subject),
                                 subject)):
            start_i = 0  # "to field house infant", "field house infant refused"
        elif (typ.split()[-1] in _SOFT_PLACE and not described and "C" not in kinds and len(names) <= 3
              and _place_noun(names[-1], sw) and all(k == "L" or _dictionary_noun(n) for n, k in zip(names, kinds))):
            start_i = 0  # "at hillside secondary", "beacon middle refused", "mill hill community"
        if (start_i is not None and typ.split()[-1] in _SOFT_PLACE and not described
                and not (prev in _PREPOSITIONS or (prev == "." and subject)) and start_i + j == 0):
            start_i = None  # "the roma community", "a netflix special"
        if (start_i is not None and typ.split()[-1] in _SOFT_PLACE and not described
                and any(k == "D" and _pos(n, "adj") for n, k in zip(names, kinds))):
            start_i = None  # "the somali community"
        the = None  # a name that begins with "the" ("the brigg infant school", "at the ridge academy")
        if j == 0 and prev_word == "the" and stop_at >= 0:
            if start_i == 0 and (kinds[0] in "DL" or _place_noun(names[0], sw)):
                the = words[stop_at]
            elif start_i is None and (" " in typ.strip() or typ == "academy" or described or (
                    typ == "school" and kinds == ["E", "E"] and (_landscape(names[1]) or _street_word(names[1]))
                    and names[0] not in _GENERIC and not _is_stopword(names[0]))):  # "at the spring wood school"
                # the word before "the" ("at the ridge academy"); "." at the start of a sentence
                if stop_at > 0 and not before[words[stop_at - 1].end():words[stop_at].start()].strip():
                    pre, to_ok = words[stop_at - 1].group(), _to_ok(words, stop_at - 1, before, "to", subject)
                else:
                    gap = before[:words[stop_at].start()].rstrip(" \t")
                    gap = gap[-1:] if gap else ""
                    at_start = (gap == "" and m.start() - len(before) == 0) or (
                        gap != "" and bool(_SENTENCE_GAP.fullmatch(gap)))
                    pre, to_ok = ("." if at_start else "?"), False
                    cap = _CAP_PREPOSITION.search(before, 0, words[stop_at].start())
                    if cap and cap.group(1).lower() in _PREPOSITIONS:
                        pre = cap.group(1).lower()  # "After the ridge academy closed"
                if _ordinary_name(names, kinds, pre, typ, sw, to_ok, subject):
                    the, start_i = words[stop_at], 0
        if start_i is None:
            continue
        start = m.start() - len(before) + (the.start() if the is not None else taken[j + start_i][0].start())
        end = place_end or m.end()
        if text[end - 2:end] not in ("'s", "’s") and not place_end:
            end = _continue_end(text, end)
            if typ.split()[-1] in ("academy", "college", "school"):
                end = _of_end(text, end, lower=True)
            end = _town_end(text, end, lower=True)
        yield start, end, 0.6


# titles before a person's given name in a school's name ("sir john leman", "lady jane cavendish's")
_TITLE_LEADS = frozenset("sir dame lady lord bishop archbishop cardinal king queen prince princess duke earl "
                         "duchess countess".split())


def _given_name(n: str) -> bool:
    """A given name on our list or the published lists ("mary", "jane")."""
    return n in first_names() or (n in gazetteer_first_names() and len(n) >= 3 and not _is_stopword(n)
                                  and not is_english(n))


def _the_after_preposition(words: list, the_i: int, before: str) -> bool:
    """Is the "the" at ``words[the_i]`` right after a preposition or a sentence's start?"""
    if the_i == 0:
        cap = _CAP_PREPOSITION.search(before, 0, words[0].start())  # "After the grange ashdown academy"
        return not before[:words[0].start()].strip() or bool(cap and cap.group(1).lower() in _PREPOSITIONS)
    if before[words[the_i - 1].end():words[the_i].start()].strip(" \t"):
        return bool(_SENTENCE_GAP.fullmatch(before[words[the_i - 1].end():words[the_i].start()].strip()))
    return words[the_i - 1].group().strip(".") in _PREPOSITIONS


def _left_words_ok(names: list[str], kinds: list[str], prev: str, to_ok: bool = False) -> bool:
    """Ordinary words (and a connector) before a name's place word, after a preposition:
    "from peak dale", "at sale and davys"; after "to" no verb ("to visit oakfield") unless
    ``to_ok`` ("goes to peak dale", "peak dale primary refused")."""
    if not (prev in _PREPOSITIONS or prev == ".") or len(names) > 3:
        return False
    for i, (n, k) in enumerate(zip(names, kinds)):
        if k == "C":
            if n != "and" and n != "&":
                return False
        elif k == "E":
            if not _dictionary_noun(n):
                return False
            if i == 0 and (prev == "to" or prev == ".") and not to_ok and _verb_like(n):
                return False
    return True


# words after which "to" is a preposition before a place, not an infinitive ("goes to hope
# primary", "transport to peak dale primary"; not "ready to start primary school", "going to")
_MOTION = frozenset("go goes went gone move moves moved transport transfer transferred transfers travel "
                    "travels travelled traveled return returned returns come comes came walk walks walked "
                    "drive drives drove taxi bus journey commute switched sent referred admitted back "
                    "transition transitioned moving".split())
# time words before a setting word make no name ("after half term school", "summer term primary")
_TIME_NOUNS = frozenset("term terms week weeks year years day days month months time holiday holidays "
                        "break lockdown weekend weekends morning mornings afternoon evening night".split())
# lower-case type words that end a name only after a place word ("ashcombe middle"), after a
# preposition or as a verb's subject ("not the roma community", "a netflix special")
_SOFT_PLACE = frozenset("community special secondary middle".split())
# nouns after an adjective "community", "special", "secondary" ("community centre", "special events")
_HEAD_NOUNS = frozenset("events event centre center centres group groups club clubs garden gardens worker "
                        "workers officer officers leader leaders project projects hall space spaces nurse "
                        "nurses police education educational interest interests offer arrangements".split())
_SOFT_LOWER = _SOFT_PLACE | {"infant", "high", "grammar"}
# verbs of purpose after "to" ("went to visit primary schools", "moved to start primary")
_PURPOSE_VERBS = frozenset("start begin visit see attend join look find meet collect pick help learn study get "
                           "try apply take check watch view tour speak talk ask".split())
_AUXILIARIES = frozenset("is was were has had have did does do said says will would could can cannot can't "
                         "won't wouldn't couldn't didn't doesn't isn't wasn't hasn't haven't hadn't weren't "
                         "should shouldn't might must told took gave put kept let made".split())
_PLURAL_SETTING = re.compile(r"[ \t]+(?:schools|academies|colleges|settings|nurseries)(?![\w])")
_FOLLOWING_WORD = re.compile(r"[ \t]+([a-z'’]+)(?![\w])")


def _place_after_type(text: str, end: int) -> Optional[int]:
    """End of a place word after "academy"/"utc" ("oasis academy aldwick", "utc kelvedon's")."""
    nxt = _FOLLOWING_WORD.match(text, end)
    if not nxt:
        return None
    w = nxt.group(1)
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if (len(w) >= 3 and _distinct(w) and w not in first_names() and not _is_stopword(w) and w not in _GENERIC
            and w not in send_term_words() and w not in send_terms()):
        return nxt.start(1) + len(w)
    return None


def _place_noun(n: str, sw) -> bool:
    """A landscape noun ("grange", "harbour") or a one-word place name ending in one
    ("hillside", "springfield", "woodlands")."""
    if n in sw["place noun"]:
        return True
    return any(n.endswith(e) and len(n) - len(e) >= 3 and not n.endswith("less" + e)
               for e in sw["place ending"])


def _finite_verb_after(text: str, end: int) -> bool:
    """Is the word after ``end`` a finite verb ("refused", "has", "said", "gets") or a
    possessive ("hope primary's senco")?"""
    if text[end:end + 2] in ("'s", "’s") and not text[end + 2:end + 3].isalnum():
        return True
    m = _FOLLOWING_WORD.match(text, end)
    if not m:
        return False
    w = m.group(1).replace("’", "'")
    if w in _AUXILIARIES:
        return True
    if w.endswith("ed"):
        return _verb_base(w) != w
    if w.endswith("s") and not w.endswith("ss"):
        b = _verb_base(w)
        return b != w and not _dictionary_noun(b)
    return False


def _to_ok(words: list, to_i: int, before: str, prev: str, subject: bool) -> bool:
    """May the name's first word be a verb-like noun ("hope", "peak", "beacon")?  Yes after
    a "to" that follows a word of movement ("goes to", "transport to") and at the start of a
    sentence when a verb follows the name."""
    if prev == ".":
        return subject
    if prev != "to" or to_i < 0:
        return False
    w = re.search(r"([A-Za-z]+)[ \t]+$", before[:words[to_i].start()])
    first = words[to_i + 1].group().strip(".") if to_i + 1 < len(words) else ""
    return bool(w) and w.group(1).lower() in _MOTION and first not in _PURPOSE_VERBS


def _verb_base(w: str) -> str:
    """A verb's base form for the common inflections ("loves" -> "love", "attended" -> "attend")."""
    for suf, rep in (("ies", "y"), ("es", "e"), ("es", ""), ("s", ""), ("ed", "e"), ("ed", ""),
                     ("ing", "e"), ("ing", "")):
        if w.endswith(suf) and _pos(w[: -len(suf)] + rep, "verb"):
            return w[: -len(suf)] + rep
    return w


def _verb_like(n: str) -> bool:
    """A verb ("start", "hope") or another English word that is no noun ("goes", "really")."""
    return _pos(n, "verb") or (is_english(n) and not _dictionary_noun(n))


def _ordinary_name(names: list[str], kinds: list[str], prev_word: str, typ: str, sw,
                   to_ok: bool = False, subject: bool = False) -> bool:
    """Are ``names`` (lower-case ordinary words before the setting words ``typ``) a school's name?

    Only nouns ("oak tree", "hope", "peak dale"), the last one no adjective, and no activity
    ("forest school"), right after a preposition ("to", "at", "from"...) or at the start of the
    text with a clear type ("primary school", "rc primary").
    """
    and_ok = bool(_DESCRIBED.search(typ))  # "sale and davys church of england primary"
    if (any(k == "C" and not (n == "of" and i and kinds[i - 1] == "L") and not (and_ok and n in ("and", "&"))
            for i, (n, k) in enumerate(zip(names, kinds)))
            or len(names) > 3 or all(n in _MODIFIERS for n in names)
            or (names[-1] in sw["activity"] and not _ACTIVITY_TYPE.search(typ)
                and not (len(names) >= 2 and _STRONG_TYPE.search(typ)))):  # "new forest academy"
        return False
    # nouns; before the last one also adjectives ("sandy lane", "green lane")
    if not all(k in "LDC" or _dictionary_noun(n) or (i < len(names) - 1 and _pos(n, "adj"))
               for i, (n, k) in enumerate(zip(names, kinds))):
        return False
    if kinds[-1] != "D" and not (_dictionary_noun(names[-1]) and (len(names) >= 2 or not _pos(names[-1], "adj"))):
        return False
    if kinds[0] == "E" and names[0].endswith(("ing", "ed")) and _verb_base(names[0]) != names[0]:
        return False  # "after leaving primary school", "since joined academy"
    if names[-1] in _TIME_NOUNS:
        return False  # "after half term school got worse"
    strong = bool(_STRONG_TYPE.search(typ))
    # one landscape noun names a school like a place ("at grange school", "orchard pru")
    place = len(names) == 1 and kinds[0] == "E" and _place_noun(names[0], sw)
    if prev_word == "to" and not to_ok and kinds[0] == "E" and _verb_like(names[0]):
        return False  # "ready to start primary school", "to hope primary school gets easier"
    if prev_word in _PREPOSITIONS:
        return strong or len(names) >= 2 or place
    if prev_word and prev_word != "." and _pos(_verb_base(prev_word), "verb") and not _is_stopword(prev_word):
        return strong and len(names) >= 2  # "loves cherry tree academy", "left oak tree primary"
    if prev_word == ".":
        no_adj = not any(k == "E" and _pos(n, "adj") for n, k in zip(names, kinds))
        # "belmont primary refused", "new mills school said": a name that is a verb's subject
        return bool(_DESCRIBED.search(typ)) or (strong and " " in typ and no_adj) or (
            subject and ((strong and no_adj) or len(names) >= 2 or place)
            and not any(_is_stopword(n) and n not in _NOUN_STOPS and n not in sw["lead"] or n == "our"
                        for n in names))  # not "near our home primary is full"; "five acres college"
    return False


def _pos(n: str, pos: str) -> bool:
    return n in wordnet_words(pos)


# "christ the king", "st john the baptist", "st mary the virgin"
_FAITH_THE = frozenset({("christ", "king"), ("christ", "redeemer"), ("christ", "saviour"), ("john", "baptist"),
                        ("john", "evangelist"), ("mary", "virgin"), ("john", "divine")})
# stop words that are nouns in a place name ("Wyre Side", "Carr Head", "Hill Top")
_NOUN_STOPS = frozenset({"side", "top", "bottom", "head", "end", "well", "front", "back"})
_CAP_PREPOSITION = re.compile(r"(?:^|(?<=[\s(\"“]))([A-Z][a-z]+)[ \t]+$")
_SENTENCE_GAP = re.compile(r"[.!?;:()\[\]\"“”\n\r|*•\-–—]+")
_ROMAN = frozenset("ii iii iv vi vii viii".split())
_INITIAL_LOWER = re.compile(r"[a-z]\.")
# generic words that sit between a place and the type word ("fenby village primary",
# "tolworth hospital school", "sawley learning community")
_INNER_GENERIC = frozenset("village hospital learning education model".split())
_LOWER_WORD = re.compile(rf"(?<![\w'’.&\-])(?:[{LO}'’.]+(?:-[{LO}'’.]+)*|&)(?![\w\-])")


def _dictionary_noun(n: str) -> bool:
    nouns = wordnet_words("noun")
    # plural nouns, and plural gerunds as place nouns ("riddings", "hollings")
    return n in nouns or (n.endswith("s") and n[:-1] in nouns) or (
        n.endswith("ings") and len(n) > 6 and is_english(n[:-1]))


def _distinct(n: str) -> bool:
    """A lower-case word that is no ordinary English word: a place or person's name (also one
    the dictionary lists only as a proper noun: "melbourne", "stanhope")."""
    return ((not is_english(n) and n not in common_nouns() and n.rstrip("s'’") not in common_nouns()
             and n not in dictionary_nouns() and n not in ("outside", "inside", "local", "nearby")
             and not n.endswith(("ed", "'s", "’s")) and not _superlative(n) and _distinct_hyphenated(n))
            or _proper_noun(n))


def _proper_noun(n: str) -> bool:
    """A dictionary noun written with a capital in nine of ten uses (a place or a famous
    surname: "melbourne", "stanhope"), no adjective or verb ("english"), no month or day."""
    return ((capitalised_share(n) or 0.0) >= 0.9 and n in dictionary_nouns() and not _pos(n, "adj")
            and not _pos(n, "verb") and n not in month_names() and n not in day_names()
            and n not in common_nouns() and n not in _GENERIC and n not in send_term_words())


def _superlative(n: str) -> bool:
    """"biggest", "latest", "saddest" (not "hillcrest")."""
    if not n.endswith("est") or len(n) < 6:
        return False
    stem = n[:-3]
    return any(is_english(x) for x in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem))


_PREFIXES = frozenset("non pre post semi anti self multi co re ex sub over under out well full part "
                      "short long high low one in after".split())


def _distinct_hyphenated(n: str) -> bool:
    """"chapel-en-le-frith" is a place; "non-public", "full-time", "out-of-county" are not."""
    if "-" not in n:
        return True
    parts = n.split("-")
    if parts[0] in _PREFIXES:
        return False
    if len(parts) >= 3 and any(p in _PLACE_LINKS for p in parts[1:-1]):
        # "ashcombe-upon-the-hill", "stoke-on-trent": a place on either side of the link
        return not (is_english(parts[0]) and is_english(parts[-1]))
    return not is_english(parts[-1]) and not _is_stopword(parts[-1])


_PLACE_LINKS = frozenset("on upon by under le la en in sub next super juxta cum".split())


_LOWER_SUFFIX = re.compile(
    rf"(?<![\w])(?:(?:rc|ce|cofe|{_C_OF_E_LOWER}|c\.?e\.?|catholic|church of england|methodist|community|special|specialist|"
    r"infant|infants|junior|nursery|primary|high|secondary|grammar|controlled|aided|voluntary|endowed|"
    r"foundation|trust|va|vc|\((?:a|c|va|vc|aided|controlled)\))[ \t]+)*"
    r"(?:(?:infant|nursery|junior|primary)[ \t]+(?:and|&)[ \t]+)?"
    r"(?:primary school|primary academy|primary|infant school|infants school|infants['’] school|junior school|"
    r"high school|infants|juniors|junior|infant|high|grammar|first school|middle school|upper school|"
    r"secondary school|grammar school|academy|nursery school|nursery|community school|special school|"
    r"specialist school|free school|studio school|(?:j ?& ?i|jmi) school|sixth form college|college|school|"
    r"pre-school|preschool|learning centre|utc|university technical college|pupil referral unit|pru|"
    r"federation|community|special|secondary|middle|first|j ?& ?i|jmi)(?![\w])"
)


# --------------------------------------------------------------------------- names without a type word
# A school named without "School" ("my son goes to Top Valley", "the staff of Taddington and
# Priestcliffe", "transport to new mills"): place-like words where a school is expected.
_ROLE_OF = frozenset("staff senco sendco head headteacher teacher teachers governors pupils principal "
                     "teaching".split())
_ATTEND = frozenset("attends attend attended attending joined joining joins".split())
_STREET_NOUNS = frozenset("way lane green gate edge end top house tree view garden heights spring".split())
_WORD_BEFORE = re.compile(r"([A-Za-z'’]+)[ \t]+(?:([A-Za-z'’]+)[ \t]+)?$")
_ROLE_AFTER = re.compile(r"['’]s[ \t]+(?:senco|sendco|head|headteacher|head teacher|staff|teachers?|ta|governors|"
                         r"principal|send|sen|inclusion|pastoral|attendance|admissions?|unit|class|classes|pupils|"
                         r"year|reception|nursery)(?![\w])", re.IGNORECASE)


# what a school does as a sentence's subject ("Top Valley refused to assess", "new mills closed its unit")
_SCHOOL_VERB_AFTER = re.compile(
    r"[ \t]+(?:refused|refuses|refuse|excluded|excludes|exclude|closed|closes|agreed|named|offered|offers|"
    r"failed|fails|said|says|told|won['’]t|wouldn['’]t|couldn['’]t|can['’]t|cannot|didn['’]t|did[ \t]+not|"
    r"would[ \t]+not|"
    r"will[ \t]+not|has[ \t]+(?:been|not|never|refused|excluded|said|told|offered|agreed|failed)|"
    r"have[ \t]+(?:been|not|never|refused|excluded|said|told|offered|agreed|failed)|"
    r"applied|assessed|suspended|expelled|admitted|accepted|rejected|declined|ignored)(?![\w])", re.IGNORECASE)


def _school_cue_before(text: str, start: int) -> bool:
    """Is a school expected right before ``start``?  "goes to", "transport to" (a word of
    movement and "to"), "at", "from", "attends", "joined", "the staff of", "the SENCO at"."""
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if not m:
        return False
    if m.group(2):
        w0, w1 = m.group(1).lower(), m.group(2).lower()
    else:
        w0, w1 = "", m.group(1).lower()
    if w1 == "to":
        return w0 in _MOTION
    if w1 in ("at", "from") or w1 in _ATTEND:
        return True
    return w1 == "of" and w0 in _ROLE_OF


def _plural_base(k: str) -> str:
    return k[:-1] if k.endswith("s") and len(k) > 4 and not k.endswith("ss") else k


@lru_cache(maxsize=65536)
def _landscape(k: str) -> bool:
    """A landscape, settlement or street noun ("valley", "mills", "wood", "way")."""
    sw = school_words()
    b = _plural_base(k)
    return k in sw["place noun"] or b in sw["place noun"] or b in _STREET_NOUNS or _place_noun(b, sw)


_MAYBE_CUE = frozenset({"to", "at", "from", "of"} | set("attends attend attended attending joined joining joins "
                                                          "after before since near until".split()))
_LAST_WORD = re.compile(r"([A-Za-z'’]+)[ \t]+$")


def _maybe_cue(text: str, start: int) -> bool:
    """A cheap first look: is the word before ``start`` one that may announce a school, or
    does a sentence start there?"""
    m = _LAST_WORD.search(text, max(0, start - 25), start)
    return (m is not None and m.group(1).lower() in _MAYBE_CUE) or _sentence_start(text, start)


def _nameable(k: str) -> bool:
    """May ``k`` be a word of a school's name without a type word?  Not a generic word, stop
    word, SEND term, month or day."""
    return (k not in _GENERIC and not _is_stopword(k) and k not in send_term_words() and k not in send_terms()
            and k not in month_names() and k not in day_names())


def _own_place_word(k: str) -> bool:
    """A word no dictionary knows (a place's or person's own name: "Stubbin", "Priestcliffe")."""
    return len(k) >= 3 and not _dictionary_word(k) and k not in common_nouns() and _nameable(k)


def _typeless_name_ok(keys: list[str], sw, lower: bool) -> bool:
    """Are ``keys`` (the words of a name without a type word) place-like?  Lead words
    ("north", "new", "top"), landscape and street nouns, and words no dictionary knows,
    joined by "and"/"of"/"the"/"on"...; the last one no lead word and not all lead words."""
    if not keys or len(keys) > 5 or keys[0] in _LINKS or keys[-1] in _LINKS:
        return False
    lead = sw["lead"] | (frozenset() if lower else sw["capital lead"])
    kinds: list[str] = []
    for i, k in enumerate(keys):
        last = i == len(keys) - 1
        if k in _LINKS:
            kinds.append("C")
        elif (_landscape(k) or k in _TREES) and (last or k not in lead):
            kinds.append("N")  # "New Mills", "Aldwick Park", "Little Oaks"
        elif k in lead and not (lower and k in ("our", "all", "good", "one", "two")):
            kinds.append("L")
        elif _own_place_word(k) and not (lower and (k in first_names() or not _distinct(k))):
            kinds.append("P")
        elif not lower and last and len(keys) == 2 and kinds == ["L"] and keys[0] in _TITLE_LEADS and _nameable(k):
            kinds.append("N")  # a title and a name: "Lady Manners", "Bishop Lonsdale"
        elif not lower and not last and (_dictionary_noun(k) or _pos(k, "adj")) and _nameable(k):
            kinds.append("E")  # a noun or adjective before a landscape noun: "Spring Grove", "Bluebell Dale"
        elif (last and not lower and kinds in (["P"], ["N"]) and _dictionary_noun(k) and _nameable(k)
              and any(k.startswith(x) or k.endswith(x) for x in sw["place noun"] if len(x) >= 4)):
            kinds.append("N")  # a compound landscape noun after a place's own name: "Ashcombe Hilltop"
        else:
            return False
    content = [x for x in kinds if x != "C"]
    if " ".join(keys) in _foreign_places():
        return False  # "New Zealand", "North Carolina"
    if not lower and "L" not in kinds and "N" not in kinds and not (
            "C" in kinds and all(k in ("and", "&") or (x == "P" and (not _given_name(k) or k.endswith(_TOWN_ENDINGS)))
                                 for k, x in zip(keys, kinds))):
        # own names alone are a person's or a firm's ("Alice Goldberg"): the name recognizers
        # decide; places joined by "and" are a school's ("Taddington and Fenby")
        return False
    if len(content) == 1:
        # one word: a place name that ends in a landscape word and no dictionary knows
        # ("Glossopdale", "Highfields"); never a town ("goes to Chesterfield")
        k = keys[0]
        return (kinds[0] == "N" and _own_place_word(k) and k not in uk_town_words() and not _given_name(k)
                and (not lower or _distinct(k)))
    if kinds[-1] == "L":
        return False  # "North", "Upper"
    if all(k in uk_place_words() or x in "LC" for k, x in zip(keys, kinds)):
        return False  # a council, county or region ("North Wales", "East Riding")
    if lower:  # two words: a lead word or own name, then a landscape noun ("new mills", "stubbin wood")
        if len(keys) == 3:  # "taddington and priestcliffe": two own names
            return kinds[1] == "C" and all(_own_place_word(k) and _distinct(k) and not _given_name(k)
                                           for k in (keys[0], keys[2]))
        return len(keys) == 2 and (kinds in (["L", "N"], ["P", "N"], ["L", "P"]) or (
            kinds == ["N", "N"] and _own_place_word(keys[0]) and _distinct(keys[0])))  # "dunsford brook"
    return True


@lru_cache(maxsize=1)
def _foreign_places() -> frozenset[str]:
    """Lower-case names of countries and US states (Faker's English address lists), which
    begin with lead words ("New Zealand", "North Carolina") but are no school."""
    out: set[str] = set()
    try:
        from faker.providers.address.en import Provider as En
        from faker.providers.address.en_US import Provider as EnUS
    except ImportError:  # pragma: no cover - Faker is a dependency of the name lists
        return frozenset()
    for name in (*En.countries, *EnUS.states):
        out.add(" ".join(name.lower().split()))
    return frozenset(out | {"new york", "new england", "new delhi", "new orleans", "new south wales"})


# endings of English place names ("Hartwell", "Youlgreave", "Priestcliffe"): such a word is a place
# even when a name list also holds it
_TOWN_ENDINGS = ("ton", "ham", "by", "ley", "well", "worth", "ford", "field", "bury", "borough", "wick", "thorpe",
                 "stead", "combe", "cliffe", "hurst", "dale", "holme", "greave", "grave", "wich", "mouth", "minster",
                 "chester", "caster", "cester", "bridge", "stow", "stoke", "burn", "low", "ington")
_CAP_CUES = frozenset("after at from to near before since until".split())
_TREES = frozenset("oaks elms willows limes beeches pines firs hollies laurels cedars chestnuts maples rowans "
                    "birches hazels poplars yews".split())
_LINKS = frozenset("and & of the on upon in le la en de by under cum sub next".split())


def _typeless_school_spans(text: str):
    """Names without a type word in school context: a run of capitalised place-like words
    after "goes to", "at", "from", "attends", "the staff of", or at a sentence's start before
    a school verb or "'s SENCO"; in lower case one to three words ("glossopdale", "new mills",
    "taddington and priestcliffe") after the same words ("transport to new mills")."""
    sw = school_words()
    for m in _RUN.finditer(text):
        if " at " not in m.group() and not _maybe_cue(text, m.start()):
            continue  # no school expected here (checked fully below)
        words = [(w.group(), m.start() + w.start(), m.start() + w.end()) for w in _WORD_SPLIT.finditer(m.group())]
        words = [w for w in words if w[0] not in ("-", "–", "/")]
        cue = False
        if any(_base_key(w) in _SUFFIX_WORDS for w, _, _ in words):
            continue  # a type word in the run ("Queen Elizabeth's Grammar School"): the other patterns decide
        poss = next((i for i, (w, _, _) in enumerate(words) if _possessive_len(w)), None)
        if poss is not None:
            words = words[:poss + 1]  # "Top Valley's SENCO": the name ends at the possessive
        ats = [i for i, (w, _, _) in enumerate(words) if w == "at"]
        if ats:
            words, cue = words[ats[-1] + 1:], True  # "SENCO at Top Meadows"
        if not words or _base_key(words[-1][0]) in sw["soft"]:
            continue  # a type word: the other patterns decide
        start = words[0][1]
        at_start = not cue and _sentence_start(text, start)
        if at_start and len(words) > 1 and _base_key(words[0][0]) in _CAP_CUES:
            words, at_start, cue = words[1:], False, True  # "After Top Valley closed ..."
        if at_start:
            if words[0][0] in ("The", "A", "An", "My", "Our", "His", "Her", "Their"):
                continue
        elif words[0][0] == "The":
            words = words[1:]  # "goes to The Brigg"
        if not words:
            continue
        end = words[-1][2] - _possessive_len(words[-1][0])
        keys = [_base_key(w) for w, _, _ in words]
        if any(w.isupper() and len(w) > 1 or _INITIALS.fullmatch(w) for w, _, _ in words):
            continue  # acronyms and initials: a firm's or a person's name ("Drake PLC", "Faina D. Yefremova")
        if not _typeless_name_ok(keys, sw, lower=False):
            continue
        nxt = _FOLLOWING_WORD.match(text, end)
        if nxt and not _possessive_len(words[-1][0]) and _noun_only(nxt.group(1)):
            continue  # "New Street station", "Stubbin Wood car park"
        if at_start:
            if not (_ROLE_AFTER.match(text, end) or (len(keys) >= 2 and _SCHOOL_VERB_AFTER.match(text, end))):
                continue  # "Top Valley refused ...", "Glossopdale's SENCO ..."; not "Green Park is lovely"
        elif not cue and not _school_cue_before(text, m.start()):
            continue
        the = not at_start and text[words[0][1] - 4:words[0][1]] == "The "  # "goes to The Brigg"
        yield words[0][1] - (4 if the else 0), end, 0.5
    starts = {m.end() for m in _LOWER_CUE.finditer(text)}
    if not starts:
        return
    lw = list(_LOWER_NAME_WORD.finditer(text))
    i = 0
    while i < len(lw):
        found = None
        if lw[i].start() not in starts:
            i += 1
            continue
        for n in (3, 2, 1):  # "taddington and priestcliffe", "new mills", "glossopdale"
            group = lw[i:i + n]
            if len(group) < n or any(text[a.end():b.start()] != " " for a, b in zip(group, group[1:])):
                continue
            if any(g.group().endswith(("'s", "’s")) for g in group[:-1]):
                continue  # a possessive only ends a name ("old acres's SENCO")
            start, end = group[0].start(), group[-1].end() - _possessive_len(group[-1].group())
            keys = [_base_key(g.group()) for g in group]
            if (n == 3 and keys[1] not in ("and", "&")) or not _typeless_name_ok(keys, sw, lower=True):
                continue
            if _lower_typeless_cue(text, start, end):
                found = (start, end, n)
                break
        if found:
            yield found[0], found[1], 0.45
            i += found[2]
        else:
            i += 1


# where a lower-case school name may begin: after a cue word or at a sentence's start
_LOWER_CUE = re.compile(r"(?:(?<![\w'’])(?:to|at|from|of|attends|attend|attended|attending|joined|joining|joins|"
                        r"after|before|since|near|until|After|Before|Since|At|From)[ \t]+"
                        r"|^[ \t\"'“‘(]*|[.!?\n:;][ \t\"'“‘(]*)(?=[a-zß-öø-ÿ])")
_LOWER_NAME_WORD = re.compile(rf"(?<![\w'’\-])(?:[{LO}]+(?:['’]s)?|&)(?![\w'’\-])")


def _lower_typeless_cue(text: str, start: int, end: int) -> bool:
    """Is a school expected at ``text[start:end]`` (lower-case words)?  After "goes to", "at",
    "from", "attends", "the staff of"; or at a sentence's start (or after "after") before a
    school verb or "'s SENCO"; and no noun after it ("at new mills station")."""
    if not _school_cue_before(text, start):
        # at a sentence's start or after "after", before a verb or "'s SENCO" ("old acres's
        # SENCO", "after new mills closed its unit")
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        starts = _sentence_start(text, start) or (
            before is not None and (before.group(2) or before.group(1)).lower() in _CAP_CUES
            and _sentence_start(text, before.start(2) if before.group(2) else before.start(1)))
        if not (starts and (_ROLE_AFTER.match(text, end) or _SCHOOL_VERB_AFTER.match(text, end))):
            return False
    nxt = _FOLLOWING_WORD.match(text, end)
    return not (nxt and _noun_only(nxt.group(1)))  # "at new mills primary" is the other patterns'


def _noun_only(w: str) -> bool:
    """A noun that is no verb form and no function word ("station", not "takes", "and")."""
    return (_dictionary_noun(w) and not _is_stopword(w) and w not in _LINKS and not _pos(w, "verb")
            and not _pos(w, "adj") and not _pos(w, "adv") and _verb_base(w) == w)


def _sentence_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\"'“‘(":
        j -= 1
    return j < 0 or text[j] in ".!?\n:;"


def _compile_gazetteer(names: Iterable[str]) -> Optional[re.Pattern]:
    variants: set[str] = set()
    for n in names:
        n = " ".join(str(n).split())
        if len(n) < 6:
            continue
        variants.add(n)
        for suffix in (" School", " Academy"):
            if n.endswith(suffix) and len(n[: -len(suffix)].split()) >= 2:
                variants.add(n[: -len(suffix)])
        if " and " in n:
            variants.add(n.replace(" and ", " & "))
        if "Church of England" in n:
            variants.add(n.replace("Church of England", "C of E"))
            variants.add(n.replace("Church of England", "CE"))
    if not variants:
        return None
    alt = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(variants, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alt})(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=4)
def load_school_gazetteer(path: Optional[str] = None) -> tuple[str, ...]:
    """School names from a CSV with a ``name`` column; () when the file is absent."""
    p = Path(path) if path else DEFAULT_SCHOOLS_CSV
    if not p.is_file():
        return ()
    try:
        with p.open(newline="", encoding="utf-8") as fh:
            return tuple(row["name"] for row in csv.DictReader(fh) if row.get("name"))
    except (OSError, KeyError, UnicodeDecodeError, csv.Error):
        return ()


# --------------------------------------------------------------------------- addresses
_STREET_TYPES = (
    r"Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Cres|Court|Ct|Place|"
    r"Pl|Grove|Gardens|Gdns|Terrace|Tce|Square|Sq|Hill|Walk|Mews|Row|Park|Rise|View|Parade|"
    r"Green|Vale|Boulevard|Blvd|Mount|Meadow|Meadows|Fields|Croft|Wharf|Yard|Heights|Chase|"
    r"Grange|Gate|Bank|End|Circus|Broadway|Embankment|Promenade|Wynd|Hollow|Brow|Approach|"
    r"Path|Passage|Glen|Dale|Orchard|Paddock|Copse|Spinney|Fold|Garth|Loke|Ridge|Wood|Lea|"
    r"Leys|Nook|Boulevard|Highway|Hwy|Circle|Cir|Trail|Pike|Plaza|Loop|Alley|Pkwy|Parkway"
)
_ADDRESS = re.compile(
    r"(?<![\w])(?:(?:Flat|Apartment|Apt|Unit|Room|Suite)\.?\s*\d+[A-Za-z]?,?\s+)?"
    rf"(?:[{UP}][{LO}]+\s+(?:House|Court|Cottage|Lodge|Farm|Mansions|Buildings),?\s+)?"
    r"(?P<num>\d{1,5}[A-Za-z]?(?:\s?[-–]\s?\d{1,5})?),?\s+"
    rf"(?P<words>(?:[{UP}{LO}][{LO}'’]+\.?\s+){{1,3}}?)"
    rf"(?P<type>{_STREET_TYPES})\b\.?"
    rf"(?:,?\s+(?:Apt\.?|Suite|Flat|Unit)\s*\d+[A-Za-z]?)?"
    rf"(?P<town>(?-i:,\s*[{UP}][{LO}]+(?:[ \-][{UP}][{LO}]+)?))?",
    re.IGNORECASE,
)


_LOWER_TOWN = re.compile(rf",[ \t]*([{LO}]{{3,}})(?![\w'’])")


# Continental formats ("Via Roma 131", "Augsburger Strasse 36", "rue La Boétie 56") and
# flat/suite numbers on their own ("Apt. 425", "Suite 960").
_EURO_ADDRESS = re.compile(
    rf"(?<![\w])(?:(?:rue|viale|calle|avenida|rua|piazza|piazzetta|ul\.|ulica|chaussée|strada|rúa|"
    rf"carrer|praça|largo|plaza|paseo|camino|allée|quai|(?-i:Via))[ \t]+(?:[{UP}{LO}][\w'’\-]*\.?[ \t]+){{0,4}}"
    rf"\d{{1,5}}[A-Za-z]?"
    rf"|[{UP}][{LO}]*(?:strasse|straße|str\.|straat|katu|vej|gatan|gade|vägen|väg|weg|gasse|platz|laan|"
    rf"plein|utca|tie|polku|kuja|stræde|veien|vegen|gata)[ \t]+\d{{1,5}}[A-Za-z]?)"
    rf"|(?<![\w])(?:Apt\.?|Apartment|Suite)[ \t]*#?\d{{1,5}}[A-Za-z]?(?![\w])",
    re.IGNORECASE,
)


class AddressRecognizer(EntityRecognizer):
    """Street addresses: "12 Acacia Avenue", "Flat 3, 27 High Street, Leeds", "4b Mill Lane"."""

    def __init__(self, supported_language: str = "en"):
        super().__init__(supported_entities=[ADDRESS], name="AddressRecognizer",
                         supported_language=supported_language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:
        if entities and ADDRESS not in entities:
            return []
        out = []
        if not any(c.isdigit() for c in text):
            if "orner" not in text and not _ON_STREET.search(text):
                return out
            return [RecognizerResult(ADDRESS, s, e, sc) for s, e, sc in address_extra_spans(text)]
        for m in _ADDRESS.finditer(text):
            words = m.group("words").split()
            lw = [w.strip(".").lower() for w in words]
            caps = all(w[0].isupper() for w in words) and m.group("type")[0].isupper()
            if any(is_english(w) or w in common_nouns() for w in lw) and not caps:
                continue
            if not caps and any(w in ("the", "a", "an", "my", "our", "to", "in", "of") for w in lw):
                continue
            if caps and any(w in ("the", "a", "an", "my", "our", "to", "in", "of", "for", "and")
                            for w in lw):
                continue
            num = m.group("num")
            if re.fullmatch(r"\d+", num) and len(num) == 4 and 1900 <= int(num) <= 2100 and not caps:
                continue
            end = m.end("type")
            town = m.group("town")
            if town and not is_english(town.strip(", ").split()[0]):
                end = m.end("town")
            elif town is None:
                end = m.end()
                low = _LOWER_TOWN.match(text, end)
                if not caps and low and not is_english(low.group(1)) and low.group(1) not in common_nouns() \
                        and not _is_stopword(low.group(1)):
                    end = low.end()
            out.append(RecognizerResult(ADDRESS, m.start(), end, 0.7 if caps else 0.5))
        for m in _EURO_ADDRESS.finditer(text):
            out.append(RecognizerResult(ADDRESS, m.start(), m.end(), 0.6))
        for s, e, sc in address_extra_spans(text):
            out.append(RecognizerResult(ADDRESS, s, e, sc))
        return [RecognizerResult(ADDRESS, *extend_address(text, r.start, r.end), r.score) for r in out]


# House number, street name, house number in any script ("6750 Koskikatu 25",
# "10252 Μεγάλη Άμμος 184", "846 31 Rue Al Imam Al Bakri" is caught by the street words);
# military and post-office boxes ("PSC 0413, Box 8144", "Unit 4719 Box 7394", "P.O. Box 287",
# "FPO AE 12382"); Hungarian/Polish abbreviations ("Király u. 15.").
_NUM_NAME_NUM = re.compile(
    r"(?<![\w.,:/\-])(?P<n1>\d{1,6})[ \t]+(?P<words>(?:[^\W\d_][\w'’\-]*\.?[ \t]+){1,4})"
    r"(?P<n2>\d{1,5}[A-Za-z]?)(?![\w/:%]|[.,]\d)"
)
_BOX = re.compile(
    r"(?<![\w])(?:(?:PSC|CMR|Unit)[ \t]+\d{3,5},?[ \t]+Box[ \t]+\d{2,5}"
    r"|P\.?[ \t]?O\.?[ \t]*Box[ \t]+\d{1,6}|Post[ \t]?box[ \t]+\d{1,6}"
    r"|(?:USNS|USNV|USS|USCGC)[ \t]+[A-Z][\w'’\-]+"
    r"|(?:APO|FPO|DPO)[ \t]+(?:AA|AE|AP)[ \t]+\d{5})(?![\w])",
    re.IGNORECASE,
)
_ABBR_STREET = re.compile(
    rf"(?<![\w])(?:[{UP}][\w'’\-]+[ \t]+){{1,3}}(?:u\.|utca|út|útja|rkp\.|tér|krt\.|al\.|pl\.|os\.)"
    r"[ \t]*\d{1,5}\.?(?![\w])"
)


def address_extra_spans(text: str):
    """(start, end, score) of addresses in continental, Greek and military/box formats."""
    for m in _NUM_NAME_NUM.finditer(text):
        words = [w.strip(".") for w in m.group("words").split()]
        lw = [w.lower() for w in words]
        if any(w in _MONTH_WORDS or w in ("year", "years", "yr", "yrs", "age", "aged", "page", "pages",
                                           "chapter", "section", "week", "weeks", "day", "days", "to",
                                           "and", "or", "of", "out", "x", "by", "minus", "plus", "in")
               for w in lw):
            continue
        if not any(len(w) >= 3 and not is_english(w) and w not in common_nouns() and w not in send_terms()
                   and w not in send_term_words() and not _is_stopword(w) for w in lw):
            continue
        if sum(1 for w in words if w[:1].isupper() or not w[:1].isascii()) == 0 and any(
                w in dictionary_nouns() or is_english(w) or _is_stopword(w) for w in lw):
            continue  # lower-case words between numbers: "3 children 2", prose
        yield m.start(), m.end(), 0.55
    for m in _NUM_STREET_FIRST.finditer(text):
        yield m.start(), _street_name_end(text, m.end()), 0.55
    for m in _BOX.finditer(text):
        yield m.start(), m.end(), 0.6
    for m in _CORNER.finditer(text):
        parts = [m.group("a"), m.group("b")]
        if all(_street_part_ok(p) for p in parts):
            yield m.start(), m.end() - (text[m.end() - 1] == "."), 0.55
    for m in _ON_STREET.finditer(text):
        if _street_part_ok(m.group("name"), need_caps=True):
            yield m.start("name"), m.end(), 0.5
    for m in _ABBR_STREET.finditer(text):
        yield m.start(), m.end(), 0.55


# "36 rue de Pologne", "106 rúa Olmos 44", "C/ Señores Curas 88": street type before the name
_NUM_STREET_FIRST = re.compile(
    r"(?:(?<![\w.,:/\-])\d{1,5}[A-Za-z]?,?[ \t]+)?(?<![\w])(?:rue|rua|rúa|via|viale|calle|avenida|avenue|av\.|"
    r"boulevard|bd\.?|chemin|allée|quai|strada|carrer|paseo|camino|travessa|praça|largo|piazza|c/|trg|ulica|ul\.)"
    r"(?=[ \t]+[^\W\d_])",
    re.IGNORECASE,
)
_NAME_PARTICLES = frozenset("de des du la le les del do da dos das di e y al el van von der den ten "
                            "d' l' z na".split())


def _street_name_end(text: str, pos: int) -> int:
    """End of the street name after a street type: up to five words, a house number."""
    end = pos
    for k, w in enumerate(re.finditer(r"[ \t]+([^\W_][\w'’\-]*\.?)", text[pos:pos + 80])):
        if w.start() != end - pos:
            break
        tok = w.group(1).rstrip(".")
        lt = tok.lower()
        if tok.isdigit():
            end = pos + w.end(1) - (1 if w.group(1).endswith(".") else 0)
            break
        if k >= 5 or (lt not in _NAME_PARTICLES and (_is_stopword(lt) or (tok.islower() and is_english(lt)))):
            break
        if lt in ("st", "street", "apt", "suite", "unit"):
            break
        end = pos + w.start(1) + len(tok)
    return end


# an intersection ("the corner of 12 Elm Road and Dock Lane") and a named street without a
# number after a preposition ("we live on Marlowe Crescent")
_STREET_PART = r"(?:[^\W_][\w'’.\-]*(?:[ \t]+[^\W_][\w'’.\-]*){0,5}?)"
_CORNER = re.compile(
    rf"(?<![\w])(?:the[ \t]+)?corner[ \t]+of[ \t]+(?P<a>{_STREET_PART})[ \t]+(?:and|&)[ \t]+(?P<b>{_STREET_PART})"
    r"(?=[ \t]*(?:[.,;:!?|)\n]|$))",
    re.IGNORECASE,
)
_STREET_WORDS = ("Street|Road|Avenue|Lane|Drive|Way|Boulevard|Crescent|Close|Court|Place|Terrace|Gardens|"
                 "Square|Grove|Mews|Parade|Rise|Walk|Row|Hill|Park|Vale|View")
_ON_STREET = re.compile(
    rf"(?<![\w])(?:on|at|along|off|near|down|up|in|from|to|into)[ \t]+"
    rf"(?P<name>(?:[{UP}][\w'’\-]+[ \t]+){{1,3}})(?:{_STREET_WORDS}|St\.|Rd\.?|street|road|avenue|lane)(?![\w])"
)


def _street_part_ok(part: str, need_caps: bool = False) -> bool:
    """A street name, not prose: no stop words or ordinary nouns (particles and numbers allowed)."""
    ws = [w.strip(".,") for w in part.split()]
    if not ws or (ws[0].lower() in _NAME_PARTICLES) or _is_stopword(ws[0].lower()):
        return False
    named = False
    for w in ws:
        lw = w.lower()
        if w.isdigit() or lw in _NAME_PARTICLES or lw in ("st", "rd", "ave"):
            continue
        if _is_stopword(lw) or lw in send_terms() or lw in send_term_words():
            return False
        if not w[:1].isupper() and (need_caps or is_english(lw) or lw in common_nouns()):
            return False
        if lw not in common_nouns() and not is_english(lw):
            named = True  # a distinctive word: not "Early Help Way", "Main Street"
    return named


_MONTH_WORDS = frozenset("january february march april may june july august september october "
                         "november december jan feb mar apr jun jul aug sep sept oct nov dec".split())
# what may follow a street address on the same or the next line: flat/suite, town, state, country,
# postal code ("Apt. 864 | Artilleros | , CO |  Uruguay 64677")
_ADDR_SEP = re.compile(r"[ \t]*(?:[,|>;]|\n|\?{2,})[ \t,|>;\n?]*|[ \t]+")
_UNIT_END = re.compile(r"(?:Apt|Apartment|Suite|Ste|Unit|Flat)\.?[ \t]*#?\d{1,5}[A-Za-z]?$", re.IGNORECASE)
_ADDR_DIRECTION = re.compile(r"(?:North|South|East|West|NE|NW|SE|SW)(?![\w])")
_ADDR_UNIT = re.compile(r"(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Room|Box)\.?[ \t]*#?\d{1,5}[A-Za-z]?(?![\w])",
                        re.IGNORECASE)
_ADDR_CODE = re.compile(r"(?:\d{3,6}(?:-\d{4})?|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d|\d{2}[ \t]\d{3})(?![\w])")
_ADDR_STATE = re.compile(r"[A-Z]{2}(?![\w])")
_PLACE_WORD = r"(?:[^\W\d_a-zß-ÿ][\w'’\-]*|\([^\W\d_][\w ]{0,20}\))"
_ADDR_PLACE = re.compile(
    rf"{_PLACE_WORD}(?:[ \t]+(?:(?:de|do|da|dos|das|del|de la|la|le|les|sur|am|an|der|im|on|upon|of)[ \t]+)?"
    rf"{_PLACE_WORD}){{0,3}}(?![\w'’])"
)


def extend_address(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend an address over a house number before it and flat/town/state/country/code after it."""
    b = re.search(r"(?<![\w.,:/\-])\d{1,6}[ \t]+$", text[max(0, start - 8):start])
    if b:
        start = start - len(b.group())
    after_unit = bool(_UNIT_END.search(text, max(0, end - 16), end))
    for k in range(6):
        sep = _ADDR_SEP.match(text, end)
        if not sep:
            break
        pos = sep.end()
        strong_sep = any(c in sep.group() for c in ",|>;\n?")
        m = _ADDR_UNIT.match(text, pos) or _ADDR_CODE.match(text, pos)
        if m is None and not strong_sep and k == 0:
            m = _ADDR_DIRECTION.match(text, pos)
        if m is None and strong_sep and "," in sep.group():
            m = _ADDR_STATE.match(text, pos)
        if m is None:
            p = _ADDR_PLACE.match(text, pos)
            if p and (strong_sep or after_unit or p.group().split()[0].isupper()):
                ws = [w.strip("().").lower() for w in p.group().split() if not w.isupper()]
                if not any(_is_stopword(w) or w in common_nouns() or w in send_terms()
                           or w in ("mobile", "phone", "tel", "desk", "fax", "email", "website", "address")
                           for w in ws) and not text[p.end():p.end() + 1] == ":":
                    m = p
        if m is None:
            break
        after_unit = m.re is _ADDR_UNIT
        end = m.end()
    return start, end


# --------------------------------------------------------------------------- dates of birth
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})"
    r"|\d{4}-\d{2}-\d{2}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|{_MONTH},?\s+\d{{4}})"
)
_DOB = re.compile(
    r"(?:\bborn\b|\bd\.?\s?o\.?\s?b\b\.?|\bdate\s+of\s+birth\b|\bbirth\s?date\b|\bbirthday\b|\bb\.(?=\s*\d))"
    rf"[^\d.!?\n]{{0,30}}?(?<![\w])(?P<date>{_DATE})(?![\w])",
    re.IGNORECASE,
)


class DateOfBirthRecognizer(EntityRecognizer):
    """A date near "born", "DOB", "d.o.b", "date of birth" or "birthday" (only the date)."""

    def __init__(self, supported_language: str = "en"):
        super().__init__(supported_entities=[DATE_OF_BIRTH], name="DateOfBirthRecognizer",
                         supported_language=supported_language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:
        if entities and DATE_OF_BIRTH not in entities:
            return []
        return [RecognizerResult(DATE_OF_BIRTH, m.start("date"), m.end("date"), 0.8)
                for m in _DOB.finditer(text)]
