"""People's names in SEND feedback: children, parents/others and staff.

One Presidio recognizer combining:

* context rules (regex over the raw text, so they also run without spaCy):
  titles ("Mrs Patel", "mr o'brien") and roles ("SENCO Mr O'Brien", "caseworker Dave") -> STAFF;
  kinship ("my son Jack", "my daughter aisha", "my twins Amy and Leo", "mum to Aisha",
  "Jack (8)") -> CHILD; "called/named/my name is/kind regards, X" -> PERSON;
* a given-name list (several thousand names, many backgrounds): capitalised names anywhere,
  lower-case names when they are not also ordinary words, extended to a following surname;
* spaCy NER PERSON entities (when NLP artifacts are given), with SEND vocabulary, roles and
  titles trimmed or rejected (spaCy often tags "Tourette's", "SENCO" or "Autism" as PERSON).

Roles themselves are never part of a name span: "SENCO [STAFF 1]".
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import List

from presidio_analyzer import EntityRecognizer, RecognizerResult

from .lexicon import (
    AMBIGUOUS_CAPITALISED,
    AMBIGUOUS_NAMES,
    CHILD_KIN,
    LO,
    NAMED,
    PARENT_OF,
    ROLES,
    TITLES,
    UP,
    capitalisation_data_available,
    capitalised_share,
    census_first_names,
    census_surnames,
    common_nouns,
    day_names,
    dictionary_nouns,
    english_words,
    is_english,
    first_names,
    fold_accents,
    gazetteer_first_names,
    gazetteer_surnames,
    month_names,
    seen_in_corpus,
    uk_place_words,
    uk_town_words,
    wordnet_words,
    send_term_words,
    send_terms,
)

CHILD = "CHILD"
STAFF = "STAFF"
PERSON = "PERSON"
NAME_TYPES = (CHILD, STAFF, PERSON)

_PARTICLE = (r"(?:de|da|van|von|der|den|ben|bin|binti|bint|al|el|ul|ur|ibn|abu|le|la|di|del|della|dos|das|du|ter|ten"
             r"|ap|ab|ferch|verch|ní|nic|ó|uí)")
_CAP = (rf"(?:[{UP}][{LO}]?['’][{UP}][{LO}]+|(?:Ma?c|L[ae]|D[aeiu]|Van|Von)[{UP}][{LO}]+|[{UP}][{LO}]+(?:-[{UP}][{LO}]+)*)")
_ANY = rf"(?:[{UP}{LO}][{LO}]?['’][{UP}{LO}][{LO}]+|[{UP}{LO}][{LO}]+(?:-[{UP}{LO}][{LO}]+)*)"
_SURNAME = rf"(?-i:[ \t]+(?:{_PARTICLE}[ \t]+)?{_CAP})"


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in sorted(set(words), key=len, reverse=True))


_TITLE_RE = re.compile(
    rf"(?<![\w])(?P<title>{_alt(TITLES)})\.?[ \t]+"
    rf"(?P<name>{_CAP}(?:{_SURNAME}){{0,2}}|{_ANY})",
    re.IGNORECASE,
)
_ROLE_RE = re.compile(
    rf"(?<![\w])(?:{_alt(ROLES)})(?:['’]s)?(?:[ \t]*[,:(–\-][ \t]*|[ \t]+)(?:(?:is|was|called|named)[ \t]+)?"
    rf"(?P<name>{_ANY}(?:{_SURNAME})?)",
    re.IGNORECASE,
)
_KIN_RE = re.compile(
    rf"(?<![\w])(?:my|our|her|his|their|your|the|a|an)[ \t]+(?:[\w\-]+[ \t]+){{0,3}}?"
    rf"(?:{_alt(CHILD_KIN)})(?P<kposs>['’]s)?(?:[ \t]*[,(:–\-][ \t]*|[ \t]+)(?:(?:is|was|called|named)[ \t]+)?"
    rf"(?P<name>{_ANY}(?:{_SURNAME})?)"
    rf"(?P<more>(?:[ \t]*(?:,|and|&)[ \t]*{_ANY}(?:{_SURNAME})?){{0,4}})",
    re.IGNORECASE,
)
_PARENT_RE = re.compile(
    rf"(?<![\w])(?:{_alt(PARENT_OF)})[ \t]+(?P<name>{_ANY}(?:{_SURNAME})?)"
    rf"(?P<more>(?:[ \t]*(?:,|and|&)[ \t]*{_ANY}(?:{_SURNAME})?){{0,4}})",
    re.IGNORECASE,
)
_AGE_RE = re.compile(
    rf"(?<![\w])(?P<name>{_CAP})[ \t]*(?:\([ \t]*(?:aged?[ \t]*)?\d{{1,2}}[ \t]*(?:yrs?|years?(?:[ \t]+old)?)?[ \t]*\)"
    rf"|,[ \t]*(?:aged?[ \t]+)?\d{{1,2}}[ \t]*(?:,|;|\.|\)|$|years?[ \t]+old|yrs)|[ \t]+aged?[ \t]+\d{{1,2}}(?![\w])"
    rf"|[ \t]+(?:is|was)[ \t]+(?:now[ \t]+)?\d{{1,2}}[ \t]*(?:years?[ \t]+old|yrs|and|,|\.|$))",
)
_NAMED_RE = re.compile(
    rf"(?<![\w])(?P<trig>{_alt(NAMED + ('surname', 'last name', 'first name', 'family name', 'forename'))})"
    rf"[ \t]*[,:\-–?]?[ \t]*(?:(?:him|her|them|is|was|it's|its)[ \t]+)?(?P<name>{_ANY}(?:{_SURNAME}){{0,2}})",
    re.IGNORECASE,
)
_PERSON_VERBS = ("has been", "has got", "has", "had", "is", "was", "says", "said", "loves", "hates",
                 "needs", "needed", "goes", "went", "attends", "attended", "can't", "cannot",
                 "won't", "doesn't", "didn't", "isn't", "wasn't", "struggles", "struggled",
                 "refuses", "refused", "started", "starts", "finds", "found", "gets", "got",
                 "likes", "wants", "wanted", "cries", "cried", "screams", "thrives", "enjoys",
                 "moved", "moves", "joined", "left", "stopped", "began", "missed", "misses", "lives",
                 "lived", "uses", "used", "will", "would", "could", "should", "can", "loved",
                 "hated", "became", "feels", "felt", "told", "tells", "asked", "says", "said",
                 "thinks", "thought", "believes", "believed", "agrees", "agreed", "argues", "argued",
                 "insists", "insisted", "admits", "admitted", "claims", "claimed", "knows", "knew",
                 "suggests", "suggested", "wrote", "writes", "replied", "complained", "complains",
                 "shouted", "shouts", "yelled", "yells", "whispered", "whispers", "screamed",
                 "laughed", "laughs", "smiled", "smiles", "sighed", "nodded", "explained",
                 "explains", "apologised", "apologized", "promised", "promises")
# verbs said of a person only: "Chuck shouted at Rose", "Don began writing", "Joy lives on ..."
_PERSON_ONLY_VERB_RE = re.compile(
    r"[ \t]+(?:shouted|shouts|yelled|whispered|screamed|laughed|smiled|nodded|sighed|replied|"
    r"apologised|apologized|began[ \t]+writing|lives[ \t]+(?:on|at|in)|lived[ \t]+(?:on|at|in)|"
    r"listed[ \t]+(?:his|her|their)|married|was[ \t]+born|is[ \t]+from|was[ \t]+from)(?![\w])")
_PERSONLIKE_RE = re.compile(
    rf"(?<![\w'’])(?P<name>{_CAP}|[{LO}]{{3,}})(?:(?P<poss>['’]s(?![\w]))|(?:[ \t]+(?:just|still|also|really|always|"
    rf"never|now|often|already|even|only|usually|sometimes|then))?[ \t]+(?-i:{_alt(_PERSON_VERBS)})(?![\w]))"
)
_NAME_PARENT_RE = re.compile(
    rf"(?<![\w'’])(?P<name>{_ANY})(?:['’]s)?[ \t]+(?:mum|mam|mom|mummy|dad|daddy|nan|gran|grandma|grandad|nana)(?![\w])",
    re.IGNORECASE,
)
_OBJECT_NAME_RE = re.compile(
    rf"(?<![\w])(?:for|with|told|tell|asked|ask|help|helped|helps|support|supported|love|loves|"
    rf"met|meet|saw|called|named|thank|thanked|likes)[ \t]+(?P<name>{_CAP})(?![\w'’])",
    re.IGNORECASE,
)
_TWO_CAPS_RE = re.compile(rf"(?<![\w'’])(?=(?P<a>{_CAP})[ \t]+(?P<b>{_CAP})(?=['’]s(?![\w])|(?![\w'’])))")
_INITIAL_RE = re.compile(rf"(?<![\w'’])(?P<a>{_CAP})[ \t]+[{UP}]\.?[ \t]+(?P<b>{_CAP})(?![\w])")
_SPEAKER_RE = re.compile(rf"(?<![\w'’])(?P<name>{_CAP})[ \t]*:[ \t]")
_SUBJECT_PAST_RE = re.compile(rf"(?<![\w'’])(?P<name>{_CAP})[ \t]+(?P<verb>[{LO}]{{3,}}ed)(?![\w])")
_LIST_RE = re.compile(
    rf"(?<![\w'’])(?:{_CAP}(?:[ \t]+{_CAP})?)(?:[ \t]*,[ \t]*(?:{_CAP}(?:[ \t]+{_CAP})?))*"
    rf"[ \t]*(?:,[ \t]*)?(?:and|&)[ \t]+(?:{_CAP}(?:[ \t]+{_CAP})?)(?![\w])"
)
_LIST_ITEM_RE = re.compile(rf"{_CAP}(?:[ \t]+{_CAP})?")
_CAPWORD_RE = re.compile(rf"(?<![\w'’]){_CAP}(?![\w])")
_LOWWORD_RE = re.compile(rf"(?<![\w'’])[{LO}]{{3,}}(?:-[{LO}]+)?(?![\w'’])")
_MORE_SPLIT = re.compile(r"[ \t]*(?:,|\band\b|&)[ \t]*", re.IGNORECASE)

# given names that are also ordinary lower-case nouns (not taken alone in lower case)
_LOWER_NOUN_NAMES = frozenset("cliff pearl ginger earl homer lance chad troy marty randy sherry "
                              "misty rosa norma wanda regina sabrina opal fern coral mercy harmony "
                              "liberty melody nova trinity saffron sorrel honey pearl bonnie "
                              "dolores gail iris ivy jasmine olive poppy ruby violet heather "
                              "holly hazel daisy amber crystal sandy penny carol angel precious "
                              "major ray rex roman sonny rocky tyson brandy candy".split())


# street words (also surnames after a title: "Mrs Lane", "Miss Grove") and their abbreviations
_STREET_WORDS = frozenset("road street avenue lane close drive way crescent court place grove gardens terrace "
                          "square mews row rise view parade walk".split())
# contractions typed without their apostrophe, some of which the name lists hold ("Arent")
_BARE_CONTRACTIONS = frozenset("arent isnt wasnt werent dont doesnt didnt cant couldnt wont wouldnt "
                               "shouldnt hasnt havent hadnt mustnt neednt aint im ive id youre youve "
                               "theyre theyve weve whos thats theres lets".split())
_STREET_ABBREVIATIONS = frozenset("rd st ave ln cres ct pl gdns tce sq".split())


@lru_cache(maxsize=1)
def _not_surname() -> frozenset[str]:
    from .places import _SUFFIX_WORDS

    words = set(_SUFFIX_WORDS) | _STREET_WORDS | _STREET_ABBREVIATIONS
    words |= send_term_words() | month_names() | {t for t in TITLES}
    words |= day_names()
    words |= {
              "i", "i'm", "i've", "and", "the", "but", "or", "so", "he", "she", "they", "we",
              "it", "his", "her", "their", "our", "my", "is", "was", "has", "had", "who",
              "when", "then", "if", "in", "on", "at", "to", "from", "with", "for", "as",
              "hospital", "trust", "services", "service", "team", "council", "centre",
              "england", "english", "britain", "british", "uk", "nhs"}
    return frozenset(words)


def _plain_word(lw: str) -> bool:
    """An ordinary word (any inflection, plural of a SEND term or common noun)?"""
    if is_english(lw) or lw in common_nouns() or lw in send_terms() or lw in send_term_words():
        return True
    if lw.endswith("s") and len(lw) >= 3:
        b = lw[:-1]
        return b in send_terms() or b in send_term_words() or b in common_nouns() or b in dictionary_nouns()
    return False


def _unknown_word(w: str) -> bool:
    """A capitalised word that is in no dictionary we have: likely a name (or a place)."""
    lw = w.lower()
    return (w[:1].isupper() and not (len(w) > 1 and w.isupper()) and len(lw) >= 3
            and lw not in first_names() and not _plain_word(lw) and not _noun(w)
            and lw not in _not_surname() and not _is_stop(lw) and lw not in month_names()
            and lw not in _BARE_CONTRACTIONS)  # "Ive never had", "Dont"


def _is_stop(w: str) -> bool:
    from spacy.lang.en.stop_words import STOP_WORDS

    return w.lower() in STOP_WORDS


def accept_name_word(word: str, *, context: bool) -> bool:
    """Is ``word`` a plausible given name?  ``context``: a kinship/role/title word precedes it."""
    lw = word.lower()
    if len(lw) < 2 or _is_stop(lw) or lw in send_terms() or lw in month_names() and not context:
        return False
    if lw in send_term_words() or lw in common_nouns():
        return False
    cap = word[0].isupper()
    if len(word) > 1 and word.isupper():
        return False
    if "-" in lw and lw not in first_names():
        parts = [p for p in lw.split("-") if p]
        if parts and all(p in first_names() for p in parts) and \
                all(p not in AMBIGUOUS_CAPITALISED for p in parts[:1]):
            return True
    if lw in first_names():
        if cap:
            return context or (lw not in AMBIGUOUS_CAPITALISED and len(lw) >= 3)
        if context:
            return lw not in AMBIGUOUS_CAPITALISED
        return lw not in AMBIGUOUS_NAMES and not is_english(lw)
    if context and cap:
        return lw in AMBIGUOUS_NAMES or (not is_english(lw) and not lw.endswith(("ing", "ed", "ly")))
    if context:  # lower case after "my son": a name unless it is an ordinary word
        return (len(lw) >= 3 and not _plain_word(lw) and not _is_stop(lw)
                and not lw.endswith(("ing", "ed", "ly", "ment", "ion", "ness", "ity", "ance", "ence")))
    return False


def _surname_ok(word: str) -> bool:
    lw = word.lower()
    return (word[0].isupper() and lw not in _not_surname() and not _is_stop(lw)
            and lw not in common_nouns())


_FOLLOW_LOWER_RE = re.compile(
    rf"[ \t]+((?:(?:de|da|van|von|van der|bin|al|el|di|del|dos|le|la)[ \t]+)?(?:o['’])?[{LO}]+(?:-[{LO}]+)?)(?![\w'’])")
_SURNAME_WORDS = frozenset("smith jones taylor brown williams wilson johnson davies robinson wright "
                           "thompson evans walker white roberts green hall wood jackson clarke "
                           "campbell hughes price lloyd kelly murphy byrne ward turner cooper "
                           "hill moore king baker harris lewis young allen scott mitchell "
                           "carter phillips parker collins edwards stewart morris rogers reed cook "
                           "morgan bell murray bailey rivera cooper richardson cox howard ward "
                           "torres peterson gray grey ramirez james watson brooks sanders bennett "
                           "wood barnes ross henderson coleman jenkins perry powell long patterson "
                           "hughes flores washington butler simmons foster gonzales bryant "
                           "alexander russell griffin diaz hayes myers ford hamilton graham "
                           "sullivan wallace woods cole west jordan owens reynolds fisher ellis "
                           "harrison gibson mcdonald cruz marshall ortiz gomez murray freeman "
                           "wells webb simpson stevens tucker porter hunter hicks crawford henry "
                           "boyd mason warren dixon burns gordon shaw holmes rice robertson hunt "
                           "black daniels palmer mills nichols grant knight ferguson rose stone "
                           "hawkins dunn perkins hudson spencer gardner stephens payne pierce "
                           "berry matthews arnold wagner willis ray watkins olson carroll duncan "
                           "snyder hart cunningham bradley lane andrews ruiz harper fox riley "
                           "armstrong carpenter weaver greene lawrence elliott chavez sims austin "
                           "peters kelley franklin lawson fields ryan chapman chambers lambert "
                           "marsh pearson barker fletcher walsh kennedy dawson lloyd turner "
                           "newton page brooks hussain begum khan ali ahmed".split())
_FOLLOW_RE = re.compile(rf"[ \t]+(?:[{UP}]\.?[ \t]+)?(?:(?:{_PARTICLE})[ \t]+){{0,2}}({_CAP})")


def _split_name(text: str, start: int, end: int, *, context: bool) -> tuple[int, int] | None:
    """Validate a matched name (its first word) and extend it over following surnames."""
    m = re.match(r"\S+", text[start:end])
    if not m:
        return None
    first = m.group()
    if not accept_name_word(first, context=context):
        return None
    stop = start + m.end()
    for _ in range(3):
        f = _FOLLOW_RE.match(text, stop)
        if f and _surname_ok(f.group(1)) and (first[0].isupper() or context):
            stop = f.end()
            continue
        if context and not first[0].isupper():
            f = _FOLLOW_LOWER_RE.match(text, stop)
            if f:
                w = f.group(1).lower()
                if w in _SURNAME_WORDS or w.startswith(("o'", "o’")) or (
                        len(w) >= 2 and not _plain_word(w) and not _is_stop(w)
                        and w not in dictionary_nouns()):
                    stop = f.end()
                    continue
        break
    return start, stop


class PersonNameRecognizer(EntityRecognizer):
    """Names of children (CHILD), staff (STAFF) and other people (PERSON)."""

    def __init__(self, use_ner: bool = True, supported_language: str = "en"):
        self.use_ner = use_ner
        super().__init__(supported_entities=list(NAME_TYPES), name="PersonNameRecognizer",
                         supported_language=supported_language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:
        out: list[RecognizerResult] = []
        for s, e, typ, score in name_spans(text, nlp_artifacts if self.use_ner else None):
            if not entities or typ in entities:
                out.append(RecognizerResult(typ, s, e, score))
        return out


def name_spans(text: str, nlp_artifacts=None) -> list[tuple[int, int, str, float]]:
    """(start, end, type, score) of every name found in ``text``."""
    spans: list[tuple[int, int, str, float]] = []
    if not text or not any(c.isalpha() for c in text):
        return spans

    # titles: Mrs Patel, mr o'brien, Dr Anna Khan
    for m in _TITLE_RE.finditer(text):
        name = m.group("name")
        title = m.group("title").lower()
        first = name.split()[0]
        lw = first.lower()
        if not name[0].isupper():
            if title in ("miss", "sister", "sir", "dame", "fr", "sr", "rev", "mister") or \
                    is_english(lw) or lw in common_nouns() or _is_stop(lw) or lw in send_terms():
                continue
        elif (lw in _not_surname() and lw not in month_names() and lw not in _STREET_WORDS) \
                or lw in send_terms() or (_is_stop(lw) and lw not in first_names() and lw not in month_names()):
            continue  # (after a title a month or street word is a surname: "Mrs May", "Miss Grove")
        if not m.group("title")[0].isupper() and title in ("miss", "sister", "sir", "dame", "fr", "sr"):
            continue
        end = m.start("name") + len(first)
        for p in re.finditer(r"\S+", name[len(first):]):
            w = p.group()
            if _surname_ok(w) or w.lower() in ("de", "van", "von", "bin", "al", "el", "ul", "da"):
                end = m.start("name") + len(first) + p.end()
            else:
                break
        spans.append((m.start(), end, STAFF, 0.9))

    # roles: SENCO Mr O'Brien (title rule covers the title), caseworker Dave
    for m in _ROLE_RE.finditer(text):
        s, e = m.start("name"), m.end("name")
        if m.group("name").split()[0].lower().rstrip(".") in TITLES:
            continue
        r = _split_name(text, s, e, context=True)
        if r and (text[s].isupper() or text[s:r[1]].lower() in first_names()):
            spans.append((r[0], r[1], STAFF, 0.85))

    # kinship: my son Jack, my daughter aisha, our twins Amy and Leo, mum to Aisha
    for rx in (_KIN_RE, _PARENT_RE):
        for m in rx.finditer(text):
            if m.groupdict().get("kposs") and not m.group("name")[0].isupper():
                continue  # "my son's development": a thing, not a name
            r = _split_name(text, m.start("name"), m.end("name"), context=True)
            if not r:
                continue
            spans.append((r[0], r[1], CHILD, 0.9))
            more = m.group("more")
            if more:
                base = m.start("more")
                pos = 0
                for part in _MORE_SPLIT.split(more):
                    idx = more.find(part, pos) if part else -1
                    if part and idx >= 0:
                        pos = idx + len(part)
                        r2 = _split_name(text, base + idx, base + idx + len(part), context=True)
                        if r2:
                            spans.append((r2[0], r2[1], CHILD, 0.85))
                        else:
                            break

    for m in _AGE_RE.finditer(text):
        w = m.group("name")
        if accept_name_word(w, context=False) or _unknown_word(w) or (
                w.lower() in first_names() and w.lower() not in month_names()
                and not _is_stop(w.lower()) and w.lower() not in AMBIGUOUS_CAPITALISED):
            spans.append((m.start("name"), m.end("name"), CHILD, 0.8))

    for m in _NAMED_RE.finditer(text):
        trig = m.group("trig").lower()
        first = m.group("name").split()[0]
        strong = trig not in ("i am", "i'm", "this is", "from", "love", "best", "cheers")
        if m.group("name")[:1].islower() and trig in ("surname", "last name", "first name",
                                                       "family name", "forename"):
            continue
        if first.lower() in first_names() and (first[0].isupper() or first.lower() not in AMBIGUOUS_NAMES):
            ok = True
        elif trig in ("i am", "i'm", "this is") and first[0].isupper() and _gaz_first(first.lower()):
            ok = True  # "I'm Dmitri", "this is Ingrid" (a listed given name, not an ordinary word)
        else:
            ok = strong and first[0].isupper() and accept_name_word(first, context=True)
        if ok:
            r = _split_name(text, m.start("name"), m.end("name"), context=True)
            if r:
                spans.append((r[0], r[1], PERSON, 0.8))

    # dictionary names: capitalised anywhere, lower case when unambiguous
    for m in _CAPWORD_RE.finditer(text):
        w = m.group()
        lw = w.lower()
        if lw in first_names() and len(lw) >= 3 and lw not in AMBIGUOUS_CAPITALISED \
                and lw not in send_terms():
            r = _split_name(text, m.start(), m.end(), context=False)
            if r:
                spans.append((r[0], r[1], PERSON, 0.7))
        elif "-" in w and all(p.lower() in first_names() for p in w.split("-")):
            spans.append((m.start(), m.end(), PERSON, 0.7))
    for m in _LOWWORD_RE.finditer(text):
        lw = m.group()
        if (lw in first_names() and lw not in AMBIGUOUS_NAMES and not is_english(lw)
                and lw not in common_nouns() and lw not in send_terms() and not _is_stop(lw)
                and len(lw) >= 4 and lw not in _LOWER_NOUN_NAMES):
            spans.append((m.start(), m.end(), PERSON, 0.55))

    # a text written without capitals gives no case to go by: a listed given name that is no
    # ordinary word is a name there as it would be capitalised ("follow up with ingrid
    # haugen in may"), with a middle initial and up to two surnames after it; so it is in a
    # text with capitals when it has four letters or more and is no plural ("why is jenel so
    # upset", "said livio to"; not "valves", nor a label: "nino: PR 123612C")
    caps = any(c.isupper() for c in text)
    for m in _LOWWORD_RE.finditer(text):
        lw = m.group()
        if _gaz_first_word(lw) and lw not in dictionary_nouns() and lw not in _LOWER_NOUN_NAMES \
                and lw not in _BARE_CONTRACTIONS \
                and not _in_phrase(text, m.start(), m.end()) and not (caps and (
                    len(lw) < 4 or _plain_noun(lw) or (m.start() > 0 and text[m.start() - 1] in "-/@.#")
                    or text[m.end():m.end() + 1] == ":")):  # a field label: "nino: PR 123612C"
            spans.append((m.start(), _extend_surnames(text, m.end(), lower=True), PERSON, 0.5))

    # a word used like a person: "Rafferty's annual review", "dmytro's reviews",
    # "Kelsey has been excluded", "Jun is doing well"
    for m in _PERSONLIKE_RE.finditer(text):
        w = m.group("name")
        lw = w.lower()
        if lw in _not_surname() or _is_stop(lw) or lw in send_terms() or lw in send_term_words() \
                or lw in _BARE_CONTRACTIONS:
            continue  # (and not "Ive never had", "Im still waiting")
        if lw in first_names():
            if lw in month_names() or lw in ("will", "may", "can", "mark", "bill", "grant", "chase",
                                              "long", "young", "park", "song", "page", "india", "asia"):
                continue
        elif lw in _SURNAME_WORDS and w[0].isupper():
            pass
        elif w[0].isupper() and census_given(lw) and not _after_capitalised(text, m.start("name")) and (
                _seldom_a_word(lw)
                or (not m.group("poss") and _PERSON_ONLY_VERB_RE.match(text, m.end("name")))):
            pass  # "Brad is from ...", "Earnest's killers", "Chuck shouted at ..."
        elif w[0].isupper() and _gaz_surname(lw) and not m.group("poss") \
                and not _after_capitalised(text, m.start("name")) and _PERSON_ONLY_VERB_RE.match(text, m.end("name")):
            pass  # a listed surname that is also a noun: "Hooper lives on ...", "Fountain began writing"
        elif _plain_word(lw) or (_noun(w) and (
                m.group("poss") or _sentence_start(text, m.start("name")) or not w[0].isupper()
                or _after_capitalised(text, m.start("name"))
                or not _human_predicate(text, m.end("name")))):
            continue
        if not w[0].isupper() and not m.group("poss") and (
                lw in dictionary_nouns() or lw in AMBIGUOUS_NAMES or not _sentence_start(text, m.start("name"))):
            continue
        spans.append((m.start("name"), m.end("name"), PERSON, 0.6))

    # an unknown capitalised word after "for", "with", "told", ...: "a 1:1 for Xanthe"
    for m in _OBJECT_NAME_RE.finditer(text):
        w = m.group("name")
        lw = w.lower()
        known = (lw in first_names() and lw not in month_names() and lw not in _not_surname()
                 and lw not in ("will", "may", "can", "mark", "bill", "grant", "chase", "long", "young",
                                "park", "song", "page", "india", "asia", "hope", "faith", "joy", "grace"))
        if (_unknown_word(w) or known) and not _sentence_start(text, m.start("name")):
            r = _split_name(text, m.start("name"), m.end("name"), context=True)
            if r:
                spans.append((r[0], r[1], PERSON, 0.5))

    # two unknown capitalised words: "Sibusiso Rahman", "Cosmo Mensah"
    for m in _TWO_CAPS_RE.finditer(text):
        a, b = m.group("a"), m.group("b")
        if (_unknown_word(a) or (a.lower() in first_names() and a.lower() not in AMBIGUOUS_CAPITALISED)) \
                and (_unknown_word(b) or b.lower() in _SURNAME_WORDS):
            spans.append((m.start("a"), m.end("b"), PERSON, 0.55))

    # "łucja mum", "Kacper's dad" (a parent signing as their child's parent)
    for m in _NAME_PARENT_RE.finditer(text):
        w = m.group("name")
        lw = w.lower()
        if (lw in first_names() and lw not in AMBIGUOUS_CAPITALISED) or (
                not is_english(lw) and lw not in common_nouns() and lw not in send_terms()
                and lw not in send_term_words() and lw not in dictionary_nouns()
                and not _is_stop(lw) and lw not in _not_surname() and len(lw) >= 3):
            spans.append((m.start("name"), m.end("name"), CHILD, 0.6))

    # first name + middle initial + surname: "Sari J. Paavolainen", "Elita B Desaulniers"
    for m in _INITIAL_RE.finditer(text):
        a, b = m.group("a"), m.group("b")
        if (_unknown_word(a) or a.lower() in first_names()) and not _plain_word(b.lower()):
            spans.append((m.start(), m.end(), PERSON, 0.6))

    # "Ubul: What a wife." - a speaker's name before a colon at the start of a line/sentence
    for m in _SPEAKER_RE.finditer(text):
        w = m.group("name")
        if (_unknown_word(w) or (w.lower() in first_names() and w.lower() not in AMBIGUOUS_CAPITALISED)) \
                and _sentence_start(text, m.start("name")):
            spans.append((m.start("name"), m.end("name"), PERSON, 0.6))

    # a sentence-initial unknown word before a past-tense verb: "Enrico shouted at ..."
    for m in _SUBJECT_PAST_RE.finditer(text):
        w = m.group("name")
        if (_unknown_word(w) or w.lower() in _SURNAME_WORDS) and _sentence_start(text, m.start("name")) \
                and is_english(m.group("verb").lower()):
            spans.append((m.start("name"), m.end("name"), PERSON, 0.55))

    spans.extend(_isolated_unknown_spans(text))
    spans.extend(_isolated_surname_spans(text))
    spans.extend(_particle_name_spans(text))
    spans.extend(_word_name_spans(text))
    spans.extend(_lower_unknown_spans(text))
    spans.extend(_caps_name_spans(text))
    spans.extend(_gazetteer_spans(text))
    spans.extend(_cue_spans(text))
    if nlp_artifacts is not None:
        spans.extend(_ner_spans(text, nlp_artifacts))
    # lists of people: "Kónya, Becker and Vasquez", "Marrero and Murphy were ..."
    spans.extend(_list_names(text, spans))
    # a UK council or county named on its own is a place, not a person ("Wokingham said no"),
    # unless a title, role or kinship word introduced it (score >= 0.8: "my son Preston")
    spans = [sp for sp in spans if sp[3] >= 0.8 or not _council_word(text[sp[0]:sp[1]])]
    return _with_postnominals(text, spans)


def _isolated_unknown_spans(text: str) -> list[tuple[int, int, str, float]]:
    """A capitalised word mid-sentence that no dictionary, name list, UK town list or SEND
    list knows, standing alone (no capitalised neighbour, no determiner or place preposition
    before it, no place word after it): most such words are names ("then Kleist phoned").
    Privacy first: an unknown brand or a misspelling here is redacted too."""
    out = []
    for m in _CAPWORD_RE.finditer(text):
        w = m.group()
        lw = w.lower()
        if not _unknown_word(w) or _plain_noun(w) \
                or lw in uk_town_words() or lw in send_terms() or lw in send_term_words() \
                or any(p in month_names() for p in lw.split("-")):
            continue
        if _alone_mid_sentence(text, m.start(), m.end()) is not None:
            out.append((m.start(), m.end(), PERSON, 0.45))
    return out


def _alone_mid_sentence(text: str, start: int, end: int) -> str | None:
    """The word after the capitalised word at ``start``-``end`` if that word stands alone
    mid-sentence (not opening it, nothing before tying it into a phrase: ``_opens_alone``; no
    capitalised word or place word after it), else None."""
    if _sentence_start(text, start) or not _opens_alone(text, start, initial_stop_ok=True):
        return None
    nxt = _next_word(text, end)
    if nxt[:1].isupper() or nxt.lower().rstrip(".") in _PLACE_HEADS:
        return None
    return nxt


def _isolated_surname_spans(text: str) -> list[tuple[int, int, str, float]]:
    """A listed surname that is also a noun, capitalised mid-sentence and standing alone as
    ``_isolated_unknown_spans`` asks ("Why is Bowers so impulsive?", "said Morales to her",
    "the true gender of Ley").  A noun capitalised for emphasis or as a heading is kept: no
    adjective or verb ("Friendly staff", "Vote", "Park"), no word mostly written with a capital
    that is no famous surname ("Congress", "Jews"), no office ("President"), no word before a
    noun or adjective it modifies ("Blood sugar", "Redwood 1"), and nothing in a list or title
    ("Creek, Stream", "Arts & Entertainment", "Law of Peace", "Lover's Lane")."""
    out = []
    for m in _CAPWORD_RE.finditer(text):
        w = m.group()
        lw = w.lower()
        if w.isupper() or len(lw) < 3 or "-" in lw or _unknown_word(w) \
                or not (_gaz_surname(lw) or lw in proper_name_nouns()):
            continue
        nxt = _alone_mid_sentence(text, m.start(), m.end())
        if nxt is None:
            continue
        nl, prev = nxt.lower(), _prev_word(text, m.start()).lower()
        spaced = text[m.end():m.end() + 1] == " "
        if not _surname_noun_alone(lw) and not (
                _surname_word_ok(lw) and spaced and nl in _SUBJECT_VERBS and prev not in _COPULAS):
            continue  # an adjective or verb only as a verb's subject ("Key has", not "were Brilliant")
        if (prev in _ACTIVITY_VERBS or text[m.start() - 1:m.start()] == "("
                or _LISTED_AFTER_RE.match(text, m.end()) or _TITLE_BEFORE_RE.search(text, 0, m.start())
                or (spaced and nl not in _SUBJECT_VERBS and nl != "so"
                    and (nl in dictionary_nouns() or nl in wordnet_words("adj")))):
            continue
        out.append((m.start(), m.end(), PERSON, 0.45))
    return out


# after a word: "/", "&", a number, "'s" + a capitalised word, ", " + a capitalised word
_LISTED_AFTER_RE = re.compile(r"[ \t]*[/&\d]|['’]s[ \t]+[A-Z]|,[ \t]*[A-Z]")
# a capitalised word and "of"/"and" before it: a title or a name of a thing ("Law of Peace")
_TITLE_BEFORE_RE = re.compile(r"[A-Z][a-z]+[ \t]+(?:of|and|&)[ \t]+$")
_OFFICES = frozenset("president governor mayor senator judge king queen prince princess pope bishop chancellor "
                     "minister secretary director chairman chair principal dean captain general officer sergeant "
                     "coach doctor nurse sheriff marshal major".split())


# what follows a name that is a verb's subject, and the words before an adjective that are
# no subject's ("were Brilliant", "very Bad")
_SUBJECT_VERBS = frozenset("is was has had said says just always never will would can could did does told asked "
                           "wants wanted thinks thought feels felt seems seemed gets got went".split())
# verbs whose object is an activity or a thing ("have Tea", "do Yoga", "loves Art")
_ACTIVITY_VERBS = frozenset("have has had having do does did doing play plays played playing love loves loved "
                            "like likes liked enjoy enjoys enjoyed need needs needed want wants wanted get gets got "
                            "make makes made take takes took eat eats ate drink drinks drank learn learns learnt "
                            "learned study studies studied teach teaches taught hate hates hated try tries tried "
                            "join joins joined attend attends attended".split())
_COPULAS = frozenset("is are was were be been being am very so too really quite more most".split())


def _other_kind_of_word(lw: str) -> bool:
    """A place, day, month, role, kin, title, unit or office word: never a surname alone."""
    return (lw in uk_town_words() or lw in _country_words() or lw in day_names() or lw in month_names()
            or lw in _PLACE_HEADS or lw in _ROLE_WORDS or lw in CHILD_KIN or lw in TITLES or lw in _UNIT_HEADS
            or lw in _OFFICES)


@lru_cache(maxsize=8192)
def _surname_word_ok(lw: str) -> bool:
    """A listed surname that is an adjective or verb but no other kind of word and not mostly
    written with a capital ("Brown", "Key", "Park")."""
    return not (_other_kind_of_word(lw) or (capitalised_share(lw) or 0.0) >= 0.6)


@lru_cache(maxsize=8192)
def _surname_noun_alone(lw: str) -> bool:
    """May the listed surname ``lw`` be taken alone when capitalised mid-sentence?  Not an
    adjective or verb, an inflected verb, another kind of word, or a word mostly capitalised
    that is no famous surname (plurals judged by their singular: "Jews")."""
    base = lw[:-1] if lw.endswith("s") and lw[:-1] in dictionary_nouns() else lw
    return not (lw in wordnet_words("adj") or lw in wordnet_words("verb")
                or (is_english(lw) and lw not in english_words() and base == lw)
                or ((capitalised_share(base) or 0.0) >= 0.6 and lw not in proper_name_nouns())
                or _other_kind_of_word(lw))


# a given name, one or two particles and a surname: "Tashova bin Duster", "Nollo de la Dung"
_PARTICLE_NAME_RE = re.compile(
    rf"(?<![\w'’\-])(?P<first>{_CAP})(?:[ \t]+{_PARTICLE}){{1,2}}[ \t]+(?P<last>{_CAP})(?![\w\-])")
# the same in lower case, with the particles that are no English words ("ithwyn de la pew")
_LOWER_PARTICLE_NAME_RE = re.compile(
    rf"(?<![\w'’\-])(?P<first>[{LO}]{{3,}})[ \t]+(?:de(?:[ \t]+la)?|van[ \t]+de[nr]?|da|von|der|di|del|della|dos|das"
    rf"|du|binti|bint|ibn|abu|ter|al|bin)[ \t]+(?P<last>[{LO}]+)(?![\w\-])")


# French, Spanish and Italian nouns that open the names of places and things ("Eau de Cologne",
# "Tierra del Fuego", "Musee du Louvre")
_FOREIGN_HEADS = frozenset("eau creme musee chateau bois tierra casa rue place porte pont hotel cafe maison palais "
                           "jardin mont cap baie costa playa puerto santa san los las port isla rio lago monte sierra "
                           "cote champs fleur pain vin coq pate tarte mousse tour pas cirque notre plaza calle via "
                           "villa ville gare ile lac col fort".split())


def _particle_name_spans(text: str) -> list[tuple[int, int, str, float]]:
    """A capitalised word no dictionary or list knows, a name particle and a capitalised word:
    a person's name wherever it stands, even opening a sentence ("Dorwyn bin Duster listed his
    songs").  The first word must be unknown (not "Tour de France", "Transit van Driver"), no
    UK town or country and no French or Spanish head noun ("Eau de Cologne").  In lower case
    the first word must be unknown or a listed given name and no French or Spanish word's
    neighbour ("des nouvelles de la semaine"), the particle no English word but "al" and "bin",
    the last word no country."""
    out = []
    for m in _PARTICLE_NAME_RE.finditer(text):
        first = m.group("first")
        lf = first.lower()
        if (not _unknown_word(first) or lf in uk_town_words() or lf in _country_words()
                or lf in send_terms() or lf in send_term_words() or fold_accents(lf) in _FOREIGN_HEADS):
            continue
        out.append((m.start(), m.end(), PERSON, 0.6))
    for m in _LOWER_PARTICLE_NAME_RE.finditer(text):
        lf, ll = m.group("first"), m.group("last")
        if (not (_unknown_lower(lf, typo_ok=True) or _gaz_first(lf)) or fold_accents(lf) in _FOREIGN_HEADS or _is_stop(ll)
                or ll in _country_words() or len(ll) < 2 or _prev_word(text, m.start()).lower() in _FOREIGN_STOP):
            continue
        out.append((m.start(), m.end(), PERSON, 0.5))
    return out



def _opens_alone(text: str, start: int, *, initial_stop_ok: bool = False) -> bool:
    """Does nothing before the capitalised word at ``start`` tie it into another phrase: no
    "-", "/", "@", "#" or "&" just before, no capitalised word before (``initial_stop_ok``: but
    a capitalised stop word that opens the sentence: "Then Brad phoned"), no determiner or
    place preposition ("the Mall", "in Columbus")?"""
    if start > 0 and text[start - 1] in "-/@#&":
        return False
    prev = _prev_word(text, start)
    if prev[:1].isupper() and not (initial_stop_ok and _is_stop(prev.lower())
                                   and _sentence_start(text, text.rfind(prev, 0, start))):
        return False
    return prev.lower() not in _PLACE_PREPS and prev.lower() not in _DETERMINERS


# a hospital's or school's part named after a word: "Cherry Ward", "Oak Class"
_UNIT_HEADS = frozenset("ward wing unit class classes team room suite block base".split())


def _seldom_a_word(lw: str) -> bool:
    """A census given name that is seldom an ordinary word when capitalised: not a verb
    ("Chase", "Love", "Pat") and not one of AMBIGUOUS_CAPITALISED ("Grace", "Amber")."""
    return lw not in AMBIGUOUS_CAPITALISED and lw not in wordnet_words("verb")


def _surname_noun_ok(given: str, sur: str) -> bool:
    """May a surname that WordNet also lists as a noun follow this given name?  WordNet's nouns
    hold famous people's surnames ("Sousa", "McKinley", "Kraft") as well as things ("Oak"):
    after a census given name that is no ordinary capitalised word, a census surname that is
    no common noun counts ("Brad Kraft"); after "Major", "Grace", "Hope" it does not ("Major Oak")."""
    return sur in census_surnames() and sur not in common_nouns() and given not in AMBIGUOUS_CAPITALISED


@lru_cache(maxsize=65536)
def census_given(lw: str) -> bool:
    """A given name of the US Census list or ours, even one that is an ordinary word
    ("Frank", "Brad", "Josh"), but not a stop word, month, day, SEND word or UK place."""
    return ((lw in census_first_names() or lw in first_names()) and len(lw) >= 3 and not _is_stop(lw)
            and lw not in send_terms() and lw not in _not_surname() and lw not in _HOLIDAYS  # (months, days)
            and lw not in _GAZ_EXCLUDE and lw not in uk_town_words() and lw not in uk_place_words())


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _near_a_word(lw: str) -> bool:
    """Is ``lw`` one slip (a letter left out, added, changed or swapped) from an English word,
    noun, SEND term or listed given name: "recieve", "paitent", "definatly" are typos, not names."""
    if _undoubled(lw) in _undoubled_words():
        return True  # a doubled letter too many or too few: "tommorow", "acommodation"
    known = (english_words(), dictionary_nouns(), common_nouns(), send_term_words(), first_names())
    splits = [(lw[:i], lw[i:]) for i in range(len(lw) + 1)]
    cands = {a + b[1:] for a, b in splits if b}
    cands |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    cands |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    cands |= {a + c + b for a, b in splits for c in _LETTERS}
    cands.discard(lw)
    return any(c in k for c in cands for k in known) or any(
        is_english(c) for c in cands if len(c) >= 4 and c.endswith(("s", "ed", "ing")))  # "recieved"


@lru_cache(maxsize=65536)
def _compound(lw: str) -> bool:
    """Two known words run together: "timezone", "roundtrip", "wasexcellent", "thankyou"."""
    def known(w: str) -> bool:
        return is_english(w) or _plain_noun(w) or _is_stop(w) or w in common_nouns()
    return any(known(lw[:i]) and known(lw[i:]) for i in range(3, len(lw) - 2))


def _undoubled(w: str) -> str:
    return re.sub(r"(.)\1+", r"\1", w)


@lru_cache(maxsize=1)
def _undoubled_words() -> frozenset[str]:
    return frozenset(_undoubled(w) for k in (english_words(), dictionary_nouns(), common_nouns()) for w in k
                     if len(w) >= 5)


@lru_cache(maxsize=65536)
def _unknown_lower(lw: str, typo_ok: bool = False) -> bool:
    """A lower-case word of a text written without capitals that no dictionary, name list,
    SEND list or town list knows and that is no typo of a known word: "tashova", "velithith"."""
    vowels = sum(c in "aeiouy" for c in lw)
    return (4 <= len(lw) <= 20 and lw.isalpha() and vowels >= max(1 if len(lw) < 5 else 2, len(lw) // 4)
            # (not "sdfgsdfg", "accnt")
            and not _plain_word(lw) and not _plain_noun(lw) and not _compound(lw)
            and not _listed_first(lw) and not _listed_surname(lw)
            and not _is_stop(lw) and lw not in _not_surname() and lw not in month_names()
            and lw not in uk_town_words() and lw not in _BARE_CONTRACTIONS and lw not in _FOREIGN_STOP
            and not _mashed(lw) and (typo_ok or not _near_a_word(lw)))


def _mashed(lw: str) -> bool:
    """Keyboard mashing: a long word with a run of three letters in it twice ("asdfsadfasdf")."""
    if len(lw) < 8:
        return False
    tri = [lw[i:i + 3] for i in range(len(lw) - 2)]
    return len(set(tri)) < len(tri) - 1


def _lower_unknown_spans(text: str) -> list[tuple[int, int, str, float]]:
    """In a text written without capitals, words no list knows where a person is spoken of:
    before a verb said of a person or a possessive ("tashova has been", "lomi velithith's"),
    after "with", "given", "told", "leave me", "hi" ("follow up with dorith mijel"), or two
    such words together; listed names and other unknown words beside it ride along."""
    out: list[tuple[int, int, str, float]] = []
    if any(c.isupper() for c in text):
        return out
    words = list(_LOWER_WORD_RE.finditer(text))

    def namey(i: int) -> bool:  # a neighbour may be one slip from a word ("lomi velithith's")
        lw = words[i].group()
        return _unknown_lower(lw, typo_ok=True) or _gaz_first(lw) or (
            _gaz_surname(lw) and not is_english(lw) and lw not in dictionary_nouns())

    for i, m in enumerate(words):
        if not _unknown_lower(m.group()):
            continue
        j, k = i, i  # the run of name-like words around it, up to three
        while j > 0 and i - j < 2 and namey(j - 1) and text[words[j - 1].end():words[j].start()].strip(" \t") == "":
            j -= 1
        while k + 1 < len(words) and k - j < 2 and namey(k + 1) \
                and text[words[k].end():words[k + 1].start()].strip(" \t") == "":
            k += 1
        start, end = words[j].start(), words[k].end()
        prev = _prev_word(text, start).lower()
        after = _LOWER_PERSONLIKE_TAIL_RE.match(text, end)
        if k > j or after or prev in _LOWER_OBJECT_CUES:
            out.append((start, end, PERSON, 0.45))
    return out


_LOWER_WORD_RE = re.compile(rf"(?<![\w'’@./\-])[{LO}]+(?![\w@/])")
_LOWER_OBJECT_CUES = frozenset("with given gave told tell asked ask called named me met meet thank thanks "
                               "hi hello dear".split())


def _word_name_spans(text: str) -> list[tuple[int, int, str, float]]:
    """Listed given names that are also ordinary words, where only a name fits.

    A capitalised word mid-sentence is a proper noun; when it is a census given name
    ("then Brad phoned", "I want to add Josh as ..."), standing alone (no capitalised
    neighbour, no determiner or place preposition before it, no noun after it that it
    would qualify: "Christian values"; and not a word as often ordinary as a name: "rated
    Amber") it is taken as a name; and so is such a given name before a listed surname
    ("add Brad Kraft as", "Pat Askew"), the surname being no common noun or ward ("Rose
    Garden", "Cherry Ward"), nor a noun after "Major", "Grace" ("Major Oak")."""
    out = []
    for m in _CAPWORD_RE.finditer(text):
        w = m.group()
        lw = w.lower()
        if len(w) > 1 and w.isupper() or not census_given(lw) or _sentence_start(text, m.start()):
            continue
        prev = _prev_word(text, m.start()).lower()
        if not _opens_alone(text, m.start(), initial_stop_ok=True) or prev in _LIGHT_VERBS or prev == "of":
            continue
        nxt = _next_word(text, m.end())
        if nxt.lower().rstrip(".") in _PLACE_HEADS:
            continue
        if nxt[:1].isupper():
            f = _FOLLOW_RE.match(text, m.end())
            if not f:
                continue
            sur = f.group(1)
            ls = sur.lower()
            if not (ls in census_surnames() or _gaz_surname(ls) or _unknown_word(sur)) \
                    or not (lw_not_noun(ls) or _surname_noun_ok(lw, ls)) or not _not_ordinary_surname(ls) \
                    or ls in _PLACE_HEADS or ls in _UNIT_HEADS:
                continue  # not "Cherry Ward", "Rose Unit"
            after = _next_word(text, f.end())
            if after[:1].isupper() or after.lower().rstrip(".") in _PLACE_HEADS:
                continue
            out.append((m.start(), f.end(), PERSON, 0.5))
            continue
        if _plain_noun(nxt) or re.match(r"[ \t]*\d", text[m.end():]) or lw in AMBIGUOUS_CAPITALISED:
            continue  # alone, "Amber", "Grace", "Frank" may be ordinary words ("rated Amber")
        out.append((m.start(), m.end(), PERSON, 0.45))
    return out


_CAPS_WORD = rf"[{UP}]{{2,}}(?:['’\-][{UP}]+)*"
# a name with its surname (or all of it) in capitals: "John SMITH", "AISHA KHAN", "Mary Ann O'NEILL's"
_CAPS_NAME_RE = re.compile(
    rf"(?<![\w'’])(?P<giv>{_CAP}|{_CAPS_WORD})(?P<mid>(?:[ \t]+{_CAP}){{0,2}})(?:[ \t]+[{UP}]\.?)?"
    rf"(?P<surs>(?:[ \t]+{_CAPS_WORD}){{1,2}})(?=['’]s(?![\w])|(?![\w'’]))"
)


def _caps_given(w: str) -> bool:
    """A given name as it may stand before a surname in capitals: a listed one that is no
    ordinary word, or a census one that is an ordinary word only sometimes ("Brad", not "Will")."""
    lw = w.lower()
    return len(lw) >= 2 and not _is_stop(lw) and lw not in send_terms() and lw not in send_term_words() and (
        _gaz_first_word(lw) or (lw in first_names() and lw not in AMBIGUOUS_NAMES)
        or (census_given(lw) and lw not in AMBIGUOUS_CAPITALISED))


def _caps_surname(w: str, *, unknown_ok: bool = True) -> bool:
    """A word in capitals, three letters or more ("NI", "LA", "TA" are acronyms), that may be a
    surname: a listed one (a noun only if the Census lists
    it and it is no common noun: "KHAN", not "OAK") or, four letters or more with a vowel, a
    word no dictionary knows ("KOVALENKO"); never an English word or a SEND term ("EHCP")."""
    lw = w.lower()
    if len(lw) < 3 or is_english(lw) or not _not_ordinary_surname(lw) or lw in _PLACE_HEADS:
        return False
    if _gaz_surname(lw) or lw in census_surnames():
        return lw_not_noun(lw) or (unknown_ok and lw in census_surnames())
    return (unknown_ok and len(lw) >= 4 and any(c in "aeiouy" for c in fold_accents(lw))
            and lw not in dictionary_nouns() and lw not in first_names() and not _listed_first(lw))


def _caps_name_spans(text: str) -> list[tuple[int, int, str, float]]:
    """Names written with the surname in capitals, as forms and lists often do ("John SMITH",
    "AISHA KHAN"): a listed given name (in either case; middle names may follow) before one or
    two surnames in capitals (see ``_caps_surname``; when the given name is in capitals too, as
    in a shouted text, listed surnames only).  Acronyms are no surnames ("Jack ADHD", "Sam EHCP")."""
    if not any(c.isupper() for c in text):
        return []
    out = []
    for m in _CAPS_NAME_RE.finditer(text):
        giv, surs = m.group("giv"), m.group("surs").split()
        unknown_ok = not (len(giv) > 1 and giv.isupper())
        if not _caps_given(giv) or not _caps_surname(surs[0], unknown_ok=unknown_ok) or not all(
                _namey(w) and not is_english(w.lower()) for w in m.group("mid").split()):
            continue  # middle names: "Neema Northcross CÚLACHÁIN"
        end = m.start("surs") + m.group("surs").index(surs[0]) + len(surs[0])
        if len(surs) > 1 and _caps_surname(surs[1], unknown_ok=unknown_ok):
            end = m.end()
        out.append((m.start(), end, PERSON, 0.6))
    return out


def _council_word(value: str) -> bool:
    """One word of our UK council/county list that no given-name list holds ("Wigan", not
    "Chelsea" or "Kingston", which stay names)."""
    words = value.split()
    if len(words) != 1:
        return False
    lw = words[0].strip(".,'’").lower()
    return lw in uk_place_words() and lw not in first_names() and not _listed_first(lw)


_LIST_VERBS = frozenset("said told say tell says founded helped help helps asked wrote phoned "
                        "rang emailed visited were are have had met married co-founded co-wrote "
                        "both together".split())


def _list_names(text: str, spans) -> list[tuple[int, int, str, float]]:
    """Every item of a list of names when one item is a known name or two look like names."""
    out = []
    for m in _LIST_RE.finditer(text):
        items = [(m.start() + i.start(), m.start() + i.end()) for i in _LIST_ITEM_RE.finditer(m.group())
                 if i.group().lower() not in ("and",)]
        if len(items) < 2:
            continue

        def namelike(a: int, b: int) -> bool:
            ws = text[a:b].split()
            return all(not _plain_word(w.lower()) and not _is_stop(w.lower()) and w.lower() not in _not_surname()
                       and not (len(w) > 1 and w.isupper()) for w in ws)
        known = sum(1 for a, b in items if any(s <= a < e or a <= s < b for s, e, _, _ in spans))
        def listed(w: str) -> bool:
            lw = w.lower()
            return (_unknown_word(w) or lw in _SURNAME_WORDS or lw in first_names() or _gaz_first(lw)
                    or _gaz_surname(lw))
        strong_items = [all(listed(w) for w in text[a:b].split()) for a, b in items]
        strong = sum(strong_items)
        after = text[m.end():m.end() + 20].split()
        verb_next = bool(after) and after[0].lower().strip(".,;:!?") in _LIST_VERBS
        if (known >= 1 and strong + known >= 2) or (strong >= 2 and verb_next):
            # every item listed as a name, followed by a verb: "Dale and White were"
            all_listed = verb_next and all(strong_items)
            for (a, b), st in zip(items, strong_items):
                if namelike(a, b) or (all_listed and st):
                    out.append((a, b, PERSON, 0.55))
    return out


_HUMAN_VERBS = frozenset("loves hates cries cried screams says said told tells asked struggles struggled "
                         "refuses refused attends attended enjoys feels felt thrives likes wants wanted "
                         "needs needed".split())
_HUMAN_PARTICIPLES = frozenset("excluded restrained diagnosed assessed bullied suspended refused born "
                               "admitted referred sent hurt injured told given offered seen "
                               "discharged expelled isolated sectioned hospitalised hospitalized "
                               "autistic happy unhappy anxious upset scared settled thriving "
                               "struggling".split())
_HUMAN_ADJ = frozenset("fantastic brilliant amazing great helpful lovely kind rude awful wonderful "
                       "supportive unhelpful patient excellent dismissive caring".split())


_PREDICATE_RE = re.compile(r"[ \t]+([A-Za-z']+)(?:[ \t]+([A-Za-z']+))?(?:[ \t]+([A-Za-z']+))?")


def _human_predicate(text: str, end: int) -> bool:
    """Does what follows a noun read like something said of a person ("... was fantastic")?"""
    m = _PREDICATE_RE.match(text, end)
    if not m:
        return False
    ws = [g.lower() for g in m.groups() if g]
    if ws[0] in _HUMAN_VERBS:
        return True
    rest = [w for w in ws[1:] if w not in ("so", "very", "really", "always", "been", "being", "not", "never")]
    return ws[0] in ("was", "is", "has", "had", "gets", "got") and bool(rest) and (
        rest[0] in _HUMAN_ADJ or rest[0] in _HUMAN_PARTICIPLES)


def _after_capitalised(text: str, i: int) -> bool:
    """Is the word before position ``i`` capitalised (so ``i`` is inside a longer proper noun)?"""
    m = re.search(r"(\S+)[ \t]+$", text[max(0, i - 40):i])
    return bool(m) and m.group(1)[:1].isupper() and m.group(1)[-1:].isalpha()


def _sentence_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\"'“‘(":
        j -= 1
    return j < 0 or text[j] in ".!?\n:;"


def _ner_spans(text: str, nlp_artifacts) -> list[tuple[int, int, str, float]]:
    out = []
    for ent in getattr(nlp_artifacts, "entities", []) or []:
        if ent.label_ not in ("PERSON", "PER"):
            continue
        toks = [t for t in ent if not t.is_punct or t.text in ("-", "'")]
        # trim roles, titles, SEND words and possessives from both ends
        def drop(t):
            lw = t.text.lower().rstrip(".")
            return (lw in send_terms() or lw in send_term_words() or lw in TITLES or lw in ("'s", "’s")
                    or t.is_stop or lw in month_names() or (t.text.isupper() and len(t.text) > 1)
                    or _plain_word(lw) and lw not in first_names()
                    and not (t.text[:1].isupper() and census_given(lw)))  # keep "Brad", "Grace"
        # "Will Kane", "May Horner": a stop word or month that is a census given name, capitalised,
        # before a listed surname inside the entity, is the given name
        keep_first = (len(toks) > 1 and toks[0].text[:1].isupper() and toks[1].text[:1].isupper()
                      and len(toks[0].text) >= 3 and toks[0].text.lower() in census_first_names()
                      and _gaz_surname(toks[1].text.lower())
                      and not is_english(toks[1].text.lower()))
        while toks and drop(toks[0]) and not keep_first:
            toks = toks[1:]
        while toks and drop(toks[-1]):
            toks = toks[:-1]
        if not toks:
            continue
        words = [t.text for t in toks]
        if len([w for w in words if w.isalpha()]) > 5 or toks[-1].idx + len(toks[-1].text) - toks[0].idx > 60:
            continue
        if any(any(c.isdigit() for c in w) for w in words):
            continue
        if not any(w[0].isupper() for w in words if w[0].isalpha()):
            continue
        lws = [w.lower() for w in words]
        # a listed given name, or (capitalised) a census given name that is also a word: "Brad
        # Kraft", "Frank is very reliable" (spaCy's call); alone, not after a determiner
        known = any(w in first_names() for w in lws) or any(
            o[:1].isupper() and census_given(w) and (
                (len(words) == 1 and _prev_word(text, toks[0].idx).lower() not in _DETERMINERS)
                or (len(words) > 1 and all(lw_not_noun(x) or _surname_noun_ok(w, x) for x in lws if x != w)))
            for w, o in zip(lws, words))  # not "from the Freeman (Hospital)", "Major Oak"
        if not known and all((is_english(w) or w in common_nouns() or w in send_term_words())
                             for w in lws if w.isalpha()):
            continue
        if not known and any(w in send_terms() for w in lws):
            continue
        if not known and lws[0] in AMBIGUOUS_CAPITALISED and all(
                w in dictionary_nouns() or is_english(w) for w in lws[1:]):
            continue  # "Major Oak", "Hope Garden": a word that is a name only sometimes, and nouns
        if len(words) == 1 and (len(words[0]) < 3 or (not known and (
                _plain_word(lws[0]) or lws[0] in dictionary_nouns() or lws[0] in _not_surname()
                or words[0].isupper() or _council_word(words[0])))):
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        # Presidio's tokens are a spaCy Doc over the same text
        if text[start:end] != ent.doc.text[start:end]:
            continue
        out.append((start, end, PERSON, 0.85))
    return out


# --------------------------------------------------------------------------- gazetteers and cues
# Rules added for names the first rules missed (designed on the DEV half of presidio-synthetic,
# see benchmarks/synth_split.py): given names from the published gazetteers (gender-guesser,
# US Census), lower-case full names, cue phrases ("my name is X", "Hi X,", "said X",
# "directed by X", "the X novel"), coordination with a name, and post-nominals ("II", "MD").

# function words of other languages that the given-name lists hold ("des", "que", "sur")
_FOREIGN_STOP = frozenset("des que sur les los las del der die das und von van le la el di da du et en "
                          "con por para une est pas qui con una uno dos tres".split())
# verbs whose object is an activity or a thing ("do Yoga", "have Tea", "play Chess")
_LIGHT_VERBS = frozenset("do does did doing done have has had having take takes took taking play plays "
                         "played playing make makes made making".split())
_DETERMINERS = frozenset("the a an this that these those my our your his her their its some any every "
                         "each no another which what whose".split())
# prepositions that usually introduce a place ("in Columbus", "from Israel")
_PLACE_PREPS = frozenset("in into from near across around within throughout outside inside towards toward "
                         "via through across".split())
# words after which a capitalised word is part of a place's or organisation's name
_PLACE_HEADS = frozenset("county co island islands isle city town village street st road rd avenue ave "
                         "lane way drive close church churches chapel cathedral bar pub inn hotel mall "
                         "park centre center university college school academy hospital station airport "
                         "river lake bay valley hill hills mountain mountains beach council district "
                         "borough state province region estate house hall court square bridge "
                         "institute foundation trust group ltd inc llc plc corp company".split())


@lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    from .places import _foreign_places

    return frozenset(w for p in _foreign_places() for w in p.split())


@lru_cache(maxsize=1)
def proper_name_nouns() -> frozenset[str]:
    """WordNet nouns that are listed surnames and mostly written with a capital: famous people's
    surnames ("sanchez", "friedman", "hayes", "pitts": capitalised in 70% or more of their uses,
    see ``lexicon.capitalised_share``); no English verb or adjective in its base form ("Mayer"
    and "Keyes" count though "may" and "key" are verbs), no given name, no place of the UK, no
    country or US state, no contraction written without its apostrophe ("Ive").  Capitalised,
    the name rules take them as names, not as ordinary nouns."""
    places = uk_town_words() | uk_place_words() | _country_words()
    return frozenset(
        w for w in dictionary_nouns()
        if (capitalised_share(w) or 0.0) >= 0.7 and w not in english_words() and w not in places
        and _gaz_surname(w) and w not in gazetteer_first_names() and w not in _BARE_CONTRACTIONS)


def _noun(w: str) -> bool:
    """Is the capitalised word ``w`` an ordinary noun (a WordNet noun that is no famous surname)?"""
    lw = w.lower()
    return lw in dictionary_nouns() and (not w[:1].isupper() or not _name_like_noun(lw))


def _name_like_noun(lw: str) -> bool:
    """A WordNet noun that, capitalised, reads as a name: a famous surname, or a noun the web
    corpus never saw at all (a genus or rarity: "Glyceria")."""
    return lw in proper_name_nouns() or (
        lw in dictionary_nouns() and capitalisation_data_available() and not seen_in_corpus(lw)
        and lw not in uk_town_words() and lw not in _country_words())


def _plain_noun(w: str) -> bool:
    lw = w.lower()
    if not lw or _is_stop(lw) or (w[:1].isupper() and _name_like_noun(lw)):
        return False  # (capitalised, a famous surname or a noun no one writes: "Kleist", "Glyceria")
    nouns = (common_nouns(), dictionary_nouns())
    # the word, or its singular: "policies" -> "policy", "boxes" -> "box", "cats" -> "cat"
    # ("-es" only after s, x, z, ch, sh: "James" is not a plural of "jam")
    forms = [lw] + [lw[:-len(suf)] + rep for suf, rep in (("ies", "y"), ("es", ""), ("s", ""))
                    if lw.endswith(suf) and len(lw) > len(suf) + 2
                    and (suf != "es" or lw[:-2].endswith(("s", "x", "z", "ch", "sh")))]
    return any(f in n for f in forms for n in nouns)


_HOLIDAYS = frozenset("christmas easter halloween diwali eid hanukkah ramadan xmas".split())
_GAZ_EXCLUDE = frozenset("god lord jesus christ allah buddha london england wales scotland ireland "
                         "britain europe america africa asia india china france germany spain italy "
                         "june may august april men women".split())


def _listed_first(lw: str) -> bool:
    """Is ``lw`` (or ``lw`` without its accents: "ayşe" -> "ayse") a listed given name?"""
    return lw in gazetteer_first_names() or fold_accents(lw) in gazetteer_first_names()


def _listed_surname(lw: str) -> bool:
    """Is ``lw`` (or ``lw`` without its accents: "yılmaz" -> "yilmaz") a listed surname?"""
    return lw in gazetteer_surnames() or fold_accents(lw) in gazetteer_surnames()


@lru_cache(maxsize=65536)
def _gaz_first(lw: str) -> bool:
    """A given name of the published lists that is not an ordinary word, a SEND term or a month
    (with or without its accents: "rosé" is not taken as "rose" is an ordinary word)."""
    f = fold_accents(lw)
    return _listed_first(lw) and _not_ordinary_first(lw) and (f == lw or _not_ordinary_first(f))


@lru_cache(maxsize=65536)
def _gaz_first_word(lw: str) -> bool:
    """``_gaz_first``, or a double given name whose parts are all listed given names and one
    of them no ordinary word ("mary-jane", "kamí-sófus"; not "rose-gold", "long-term")."""
    if "-" not in lw:
        return _gaz_first(lw)
    parts = lw.split("-")
    if _gaz_first(lw):
        return True
    return (len(parts) == 2 and all(len(p) >= 2 and (_listed_first(p) or p in first_names()) for p in parts)
            and any(_gaz_first(p) for p in parts))


def _not_ordinary_first(lw: str) -> bool:
    return (len(lw) >= 3 and not is_english(lw)
            and lw not in common_nouns() and lw not in send_terms() and lw not in send_term_words()
            and not _is_stop(lw) and lw not in month_names() and lw not in _not_surname()
            and lw not in AMBIGUOUS_CAPITALISED and lw not in _HOLIDAYS and lw not in _GAZ_EXCLUDE)


@lru_cache(maxsize=65536)
def _gaz_surname(lw: str) -> bool:
    """A surname of the published lists (or ours) that is not an ordinary word or SEND term."""
    f = fold_accents(lw)
    return (len(lw) >= 2 and (_listed_surname(lw) or lw in _SURNAME_WORDS)
            and _not_ordinary_surname(lw) and (f == lw or _not_ordinary_surname(f)))


def _not_ordinary_surname(lw: str) -> bool:
    return (lw not in common_nouns() and lw not in send_terms() and lw not in send_term_words()
            and not _is_stop(lw) and lw not in _not_surname() and lw not in _HOLIDAYS
            and lw not in _GAZ_EXCLUDE and lw not in month_names())


def _word_surname_ok(lw: str) -> bool:
    """A listed surname that may follow a given name in a text without capitals even though it
    is an English adjective ("bleak", "randy", "swift"): not a verb or verb form, noun (unless a
    common surname: "baker"), stop word, role, kin or place word ("city", "hills", "colorado")."""
    verb_form = lw in wordnet_words("verb") or (is_english(lw) and lw not in english_words())
    return (_gaz_surname(lw) and not verb_form and lw not in _FOREIGN_STOP and not _is_stop(lw)
            and (not _plain_noun(lw) or lw in _SURNAME_WORDS or lw in proper_name_nouns())
            and lw not in _ROLE_WORDS and lw not in CHILD_KIN and lw not in _PLACE_HEADS
            and lw not in _country_words() and lw not in uk_town_words())


def _namey(w: str) -> bool:
    """A capitalised word that may be (part of) a name: a listed name or in no dictionary."""
    lw = w.lower()
    if not w[:1].isupper() or (len(w) > 1 and w.isupper()) or _is_stop(lw):
        return False
    if lw in common_nouns() or lw in send_terms() or lw in send_term_words() or lw in _not_surname() \
            or lw in _HOLIDAYS or lw in _GAZ_EXCLUDE:
        return False
    return (_unknown_word(w) or lw in first_names() or _gaz_first(lw)
            or (_gaz_surname(lw) and not is_english(lw)))


def _cue_namey(w: str) -> bool:
    """``_namey``, or a census given name that is also an ordinary word ("Frank", "Pat"):
    for words a cue points at ("Hi Pat,", "Frank said", "me and Brad")."""
    return _namey(w) or (w[:1].isupper() and not (len(w) > 1 and w.isupper()) and census_given(w.lower()))


def _extend_surnames(text: str, end: int, *, lower: bool = False, word_surnames: bool = False) -> int:
    """Extend a given name at ``end`` over a middle initial and up to two surnames
    (``lower``: in lower case; listed surnames or given names only, never an ordinary word;
    ``word_surnames``: a listed surname that is an English word too, see ``_word_surname_ok``)."""
    for _ in range(2):
        if lower:
            f = _LOWER_FOLLOW_RE.match(text, end)
            if f and (f.group("p") or f.group("ap")):  # "bin pontarelli", "de la dahlqvist", "o'dethier"
                ok = all(_lower_surname_ok(p, word_surnames) or _unknown_lower(p) for p in f.group("w").split("-"))
            else:  # "blackett-royle": every part a surname
                ok = f and all(_lower_surname_ok(p, word_surnames) for p in f.group("w").split("-"))
        else:
            f = _FOLLOW_RE.match(text, end)
            ok = f and _surname_ok(f.group(1)) and (_namey(f.group(1)) or _gaz_surname(f.group(1).lower()))
        if not ok:
            break
        end = f.end()
    return end


# two-word phrases English borrowed whose words the given-name lists hold ("versa", "facto")
# (spaCy's WordNet tables keep no multi-word entries to read them from)
_FIXED_PHRASES = frozenset({"vice versa", "per se", "et al", "status quo", "ad hoc", "de facto",
                            "bona fide", "ad nauseam", "en route", "carte blanche", "deja vu",
                            "pro rata", "alma mater", "terra firma", "per capita", "au pair"})


def _in_phrase(text: str, start: int, end: int) -> bool:
    """Is the word at ``start:end`` part of a borrowed two-word phrase ("vice versa")?"""
    lw = text[start:end].lower()
    return (f"{_prev_word(text, start).lower()} {lw}" in _FIXED_PHRASES
            or f"{lw} {_next_word(text, end).lower()}" in _FIXED_PHRASES)


# a lower-case middle initial and surname after a given name ("ingeborg k. lindqvist"); unlike
# _FOLLOW_LOWER_RE (used with a cue) it takes the initial and no particles
_LOWER_FOLLOW_RE = re.compile(
    rf"[ \t]+(?:[{LO}]\.?[ \t]+)?(?P<p>(?:(?:de|da|van|von|der|den|bin|binti|ibn|abu|al|el|le|la|di|del|dos|das|"
    rf"du|ter|ten)[ \t]+){{0,2}})(?P<ap>[od]['’])?(?P<w>[{LO}]{{2,}}(?:-[{LO}]+)?)(?![\w@/])")


def _lower_surname_ok(lw: str, word_surnames: bool = False) -> bool:
    """A lower-case word that may follow a given name as its surname: a listed surname (or
    given name) that is no ordinary word ("kleist"; English only by its ending: "gooder",
    "james", "burres"; a base word or a verb's -ing/-ed form never: "good", "nearing"), or with
    ``word_surnames`` one that is an English adjective too (``_word_surname_ok``)."""
    english = lw in english_words() or (is_english(lw) and (lw.endswith(("ing", "ed")) or not _gaz_surname(lw)))
    return ((not (english or _is_stop(lw) or _plain_noun(lw) or lw in send_terms()
                  or lw in send_term_words() or lw in month_names())
             and (_gaz_surname(lw) or _listed_first(lw) or lw in _SURNAME_WORDS))
            or (word_surnames and _word_surname_ok(lw)))


def _prev_word(text: str, i: int) -> str:
    m = re.search(rf"([{UP}{LO}][\w'’\-]*)[ \t]+$", text[max(0, i - 40):i])
    return m.group(1) if m else ""


def _next_word(text: str, i: int) -> str:
    m = re.match(rf"[ \t]+([{UP}{LO}][\w'’\-]*)", text[i:i + 40])
    return m.group(1) if m else ""


_LOWER_FULL_RE = re.compile(
    rf"(?<![\w'’@./\-])(?=(?P<a>[{LO}]{{3,}})(?:[ \t]+(?P<i>[{LO}])\.?)?[ \t]+"
    rf"(?P<b>(?:o['’])?[{LO}]{{2,}}(?:-[{LO}]+)?)(?![\w@/]|\.[{LO}]))"
)


# a name written surname first at the start of a line or field: "Pettersson, Maja - form tutor"
_INVERTED_RE = re.compile(
    rf"(?:^|(?<=[\n|;:]))[ \t\"'“]*(?P<sur>{_CAP})[ \t]*,[ \t]*(?P<giv>{_CAP})(?:[ \t]+[{UP}]\.?(?![\w]))?"
    rf"(?=[ \t]*(?:$|[\n|;(–\-]|,[ \t]|\)))",
    re.MULTILINE,
)
_PERSON_VERB = rf"[ \t]+(?:{_alt(_PERSON_VERBS)})(?![\w])"  # a verb said of a person follows
_PERSON_TAIL = rf"(?:['’]s(?![\w])|{_PERSON_VERB})"  # ... or a possessive
_VERB_AFTER_RE = re.compile(_PERSON_VERB)
_LOWER_PERSONLIKE_TAIL_RE = re.compile(_PERSON_TAIL)
_LOWER_PERSONLIKE_RE = re.compile(rf"(?<![\w'’@./\-])(?P<n>[{LO}]{{3,}}){_PERSON_TAIL}")


def lw_not_noun(lw: str) -> bool:
    """Not an English noun, or a noun that is also a listed surname and no common noun ("Baker"),
    or one that reads as a name when capitalised (``_name_like_noun``: "Friedman")."""
    return (lw not in dictionary_nouns() or _name_like_noun(lw)
            or (lw in _SURNAME_WORDS and lw not in common_nouns()))


def _gazetteer_spans(text: str) -> list[tuple[int, int, str, float]]:
    out: list[tuple[int, int, str, float]] = []
    # capitalised given names of the published lists: "Tünde Hoffmann", "Natasja", "Dori"
    for m in _CAPWORD_RE.finditer(text):
        w = m.group()
        lw = w.lower()
        if lw in first_names() or not _gaz_first_word(lw):
            continue
        if m.start() > 0 and text[m.start() - 1] in "-/":
            continue  # "pro-Israel", "Latino/Latina"
        end = _extend_surnames(text, m.end())
        if lw in dictionary_nouns() and end > m.end() and (
                _prev_word(text, m.start()).lower() in _DETERMINERS | _PLACE_PREPS) and all(
                x.lower() in dictionary_nouns() and x.lower() not in _SURNAME_WORDS
                for x in re.findall(r"[^\W\d_]+", text[m.end():end]) if len(x) > 1):
            end = m.end()  # two ordinary nouns after "the" are a compound, not a name: "the Tea Room"
        nxt = _next_word(text, end)
        if nxt.lower().rstrip(".") in _PLACE_HEADS:
            continue  # part of a place's or organisation's name: "San Juan County", "Warren Co."
        if lw in dictionary_nouns() and end == m.end():
            # "Victor", "Diana", "Belle" are also nouns: a name before a verb said of a person,
            # or alone mid-sentence without a determiner ("given Belle his address")
            prev = _prev_word(text, m.start()).lower()
            if prev in _DETERMINERS or prev in _PLACE_PREPS:
                continue  # "the Mall", "in Columbus"
            verb = _VERB_AFTER_RE.match(text, m.end()) or (
                prev != "of" and re.match(r"['’]s(?![\w])", text[m.end():]))  # not "Nation of Islam's"
            # alone: not sentence-initial, not inside a proper noun, not before a noun ("Afro side")
            # (not a noun that only Faker's lists of other languages hold as a name after a
            # light verb: "we do Yoga", "have Tea"; the US Census list holds "Victor", "Belle")
            isolated = (prev != "of" and not (prev.lower() in _LIGHT_VERBS and lw not in census_first_names())
                        and not _sentence_start(text, m.start())
                        and not _prev_word(text, m.start())[:1].isupper()
                        and not nxt[:1].isupper() and not _plain_noun(nxt))
            if not (verb or isolated):
                continue
        out.append((m.start(), end, PERSON, 0.6))
    # surname first: "Pettersson, Maja", "Oyelaran, Bisi (parent)" - a listed given name after
    # a listed or unknown surname that is no English word or place
    for m in _INVERTED_RE.finditer(text):
        sur, giv = m.group("sur"), m.group("giv")
        ls, lg = sur.lower(), giv.lower()
        given_ok = _gaz_first(lg) or (lg in first_names() and lg not in AMBIGUOUS_CAPITALISED
                                      and not is_english(lg) and lg not in dictionary_nouns())
        sur_ok = (_gaz_surname(ls) or _unknown_word(sur)) and not is_english(ls) \
            and lw_not_noun(ls) and lg not in _PLACE_HEADS and ls not in _PLACE_HEADS
        if given_ok and sur_ok:
            out.append((m.start("sur"), m.end(), PERSON, 0.55))
    # a given name that is also an English word before a surname: "Hope Mensah", "Sunny Adeyemi"
    # (not at the start of a sentence when the first word is an English word: "Will Okonkwo ...?")
    for m in _TWO_CAPS_RE.finditer(text):
        a, b = m.group("a"), m.group("b")
        la, lb = a.lower(), b.lower()
        if not (la in first_names() or _listed_first(la)) or _gaz_first(la) or _is_stop(la) \
                or la in month_names() or la in send_terms() or la in send_term_words() or la in _not_surname():
            continue
        if _sentence_start(text, m.start("a")) and is_english(la) and not (census_given(la) and (
                _seldom_a_word(la) or _gaz_surname(lb))):
            continue  # "Will Okonkwo ...?", "Love Stonecrest Farm"; but "Brad Whitfield's", "Pat Reardon"
        if _prev_word(text, m.start("a")).lower() in _PLACE_PREPS:
            continue  # "in Long Eaton", "from Sandy Hill"
        if not ((_gaz_surname(lb) or _unknown_word(b) or _gaz_first(lb)) and not is_english(lb)
                and (lw_not_noun(lb) or _surname_noun_ok(la, lb))
                and lb not in _PLACE_HEADS):
            continue
        if _next_word(text, m.end("b")).lower().rstrip(".") in _PLACE_HEADS:
            continue  # "Long Eaton Road"
        out.append((m.start("a"), m.end("b"), PERSON, 0.55))
    # lower-case full names: "eva kleist", "benjamin a seiler", "eric g. samoylova"
    if any(c.islower() for c in text):
        nocaps = not any(c.isupper() for c in text)
        for m in _LOWER_FULL_RE.finditer(text):
            a, b = m.group("a"), m.group("b")
            lb = b.lower()
            if nocaps and _gaz_first(a) and _word_surname_ok(lb):
                # a text without capitals gives no case to go by: after a given name no word
                # could be, a listed surname counts even when it is an English word
                # ("rasmus bleak", "kiplangat randy"), but never a verb, stop word or SEND term
                out.append((m.start("a"), _extend_surnames(text, m.end("b"), lower=True, word_surnames=True),
                            PERSON, 0.5))
                continue
            if not (_gaz_first(a) or (  # "frank dupre": a census given name that is a word
                    census_given(a) and a not in AMBIGUOUS_CAPITALISED and _gaz_surname(lb) and not is_english(lb)
                    and lb not in dictionary_nouns() and lb not in uk_town_words())):
                continue
            if _is_stop(lb) or _plain_word(lb) or lb in _not_surname() or lb in month_names() \
                    or a in _FOREIGN_STOP or lb in _FOREIGN_STOP:
                continue
            if a in dictionary_nouns():  # "vice versa", "oak": the surname must be a listed one
                if not (m.group("i") or (_listed_surname(lb) and lb not in dictionary_nouns())):
                    continue
            elif not (m.group("i") or _listed_surname(lb) or lb in _SURNAME_WORDS
                      or lb not in dictionary_nouns()):
                continue
            out.append((m.start("a"), m.end("b"), PERSON, 0.55))
        # a lower-case given name used like a person: "bertram has been", "selma is from"
        for m in _LOWER_PERSONLIKE_RE.finditer(text):
            lw = m.group("n")
            if _gaz_first(lw) and (lw not in dictionary_nouns() or _sentence_start(text, m.start("n"))):
                out.append((m.start("n"), m.end("n"), PERSON, 0.5))
            elif nocaps and len(lw) >= 5 and _gaz_surname(lw) and not is_english(lw) and not _plain_noun(lw) \
                    and lw not in wordnet_words("noun") \
                    and lw not in uk_town_words() and not m.group().endswith(("'s", "’s")):
                out.append((m.start("n"), m.end("n"), PERSON, 0.5))  # "the true gender of lundberg has been"
    return out


_NAME_WORD = rf"(?:{_CAP}|[{LO}][{LO}'’\-]+)"
_CUE_NAME_RE = re.compile(
    rf"(?<![\w])(?:(?:my|his|her|their|your|maiden|last|first|full|real|family|middle|given|nick|pet)[ \t]+)?"
    rf"(?:name|surname|forename|nickname)[ \t]*(?:is|was|=|:|\?|['’]s)[ \t]*[\"'“‘]?[ \t]*"
    rf"(?P<name>{_NAME_WORD}(?:[ \t]+(?:[{UP}]\.?(?![\w])|{_NAME_WORD})){{0,3}})"
    rf"|(?<![\w])(?:call[ \t]+me|goes[ \t]+by|go[ \t]+by|nicknamed|known[ \t]+as)[ \t]+[\"'“‘]?"
    rf"(?P<name2>{_NAME_WORD}(?:[ \t]+{_CAP}){{0,2}})",
    re.IGNORECASE,
)
# an all-capitals name after a form label: "Parent: MARIA OLIVEIRA", "From: KWAME BOATENG"
_LABEL_CAPS_RE = re.compile(
    rf"(?<![\w])(?:parent|carer|child|pupil|student|mother|father|mum|dad|guardian|contact|from|to|cc|"
    rf"signed|applicant|respondent|author|attendees?|staff|teacher|senco|caseworker|"
    rf"social[ \t]+worker|young[ \t]+person)(?:['’]s)?(?:[ \t]+name)?[ \t]*:[ \t]*"
    rf"(?P<name>(?-i:[{UP}]{{2,}}(?:['’\-][{UP}]+)*(?:[ \t]+[{UP}]{{2,}}(?:['’\-][{UP}]+)*){{0,2}}))(?![\w])",
    re.IGNORECASE,
)
_VOCATIVE_RE = re.compile(
    rf"(?:^|(?<=[.!?\n]))[ \t\"'“]*(?:hi|hello|hey|dear|morning|good[ \t]+morning|good[ \t]+afternoon|"
    rf"evening|thanks|thank[ \t]+you|cheers|bye|goodbye)[ \t]+(?P<name>{_CAP}(?:[ \t]+{_CAP})?)[ \t]*[,!.:\n]",
    re.IGNORECASE,
)
_VOCATIVE_START_RE = re.compile(
    rf"(?:^|(?<=[.!?\n]))[ \t\"'“]*(?P<name>{_CAP}),[ \t]*(?:can|could|would|will|please|i|do|did|have|are|"
    rf"is|you|thank|thanks|we|what|where|when|why|how|let|listen|look|stop|come)(?![\w])",
)
_REPORTING_RE = re.compile(
    rf"(?<![\w])(?:said|says|asked|asks|replied|answered|told|wrote|writes|added|explained|shouted|"
    rf"whispered|yelled|cried|laughed|exclaimed)[ \t]+(?P<name>{_CAP}(?:[ \t]+{_CAP})?)"
    rf"(?=[ \t]*(?:[,.;:!?)\"”]|$|[ \t](?:to|and|with|that|at|in|on|as)(?![\w])))",
)
_BY_RE = re.compile(
    rf"(?<![\w])(?:directed|written|produced|composed|created|illustrated|edited|painted|performed|"
    rf"narrated|presented|hosted|sung|founded|designed|photographed|drawn|authored|co-written|"
    rf"(?:book|novel|song|film|poem|album|painting|story|article|essay|biography|photo|picture|quote)s?)"
    rf"[ \t]+by[ \t]*:?[ \t]*(?P<name>{_CAP}(?:[ \t]+(?:[{UP}]\.?(?![\w])|{_CAP})){{0,3}})",
    re.IGNORECASE,
)
# a word before a reporting verb or after an imperative addressed to a person
_SAID_AFTER_RE = re.compile(
    rf"(?<![\w'’])(?P<name>{_CAP})[ \t]+(?:said|says|told|tells|asked|asks|replied|wrote|explained|added)(?![\w])"
    rf"|(?:^|(?<=[.!?\n]))[ \t\"'“]*(?:[Aa]sk|[Tt]ell|[Cc]all|[Ee]mail|[Pp]hone|[Tt]ext|[Cc]ontact|[Tt]hank)[ \t]+"
    rf"(?P<name2>{_CAP})(?![\w'’])"
)
# a name coordinated with the writer: "Haugen and I", "me and Sunniva"
_WITH_ME_RE = re.compile(
    rf"(?<![\w'’])(?P<name>{_CAP}(?:[ \t]+{_CAP})?)[ \t]+(?:and|&)[ \t]+(?:I|me|myself)(?![\w'’])"
    rf"|(?<![\w'’])(?:I|me|[Mm]yself)[ \t]+(?:and|&)[ \t]+(?P<name2>{_CAP}(?:[ \t]+{_CAP})?)(?![\w'’])"
)
# initials and a surname: "J. Okafor", "A.K. Lindqvist"
_INITIALS_SURNAME_RE = re.compile(rf"(?<![\w.])(?:[{UP}]\.[ \t]?){{1,2}}[ \t]*(?P<name>{_CAP})(?![\w'’])")
_WORK_RE = re.compile(
    rf"(?<![\w])(?:the|a|an|that|this|his|her|their)[ \t]+(?P<name>{_CAP}(?:[ \t]+{_CAP})?)[ \t]+"
    rf"(?:novel|novels|book|books|film|films|movie|movies|biography|memoir|memoirs|trilogy|poem|poems|"
    rf"album|albums|song|songs|opera|symphony|painting|paintings|saga|essay|essays|play|plays|"
    rf"short[ \t]+story|novella|sonata|concerto|sitcom|documentary)(?![\w])",
)


def _cue_spans(text: str) -> list[tuple[int, int, str, float]]:
    out: list[tuple[int, int, str, float]] = []

    def words_ok(s: int, e: int, *, lower_ok: bool, caps_ok: bool = False) -> int:
        """End of the name-like words from ``s`` (0 when the first is not name-like)."""
        end = 0
        for k, w in enumerate(re.finditer(r"\S+", text[s:e])):
            t = w.group().rstrip(".,")
            lt = t.lower()
            if len(t) == 1 and t.isupper() and k > 0:  # a middle initial
                end = s + w.start() + len(w.group().rstrip(","))
                continue
            if _is_stop(lt) or lt in send_terms() or lt in send_term_words() or lt in common_nouns() \
                    or lt in month_names() or lt in _HOLIDAYS:
                break
            if len(t) > 1 and t.isupper():  # "Name: INGRID HOLM": a listed or unknown word only
                if not (caps_ok and (lt in first_names() or _gaz_first(lt) or _listed_surname(lt)
                                     or (not is_english(lt) and lt not in dictionary_nouns()))):
                    break
                end = s + w.start() + len(t)
                continue
            if not t[:1].isupper() and lower_ok == "listed":
                if not (_gaz_first(lt) or (lt in first_names() and lt not in AMBIGUOUS_NAMES)):
                    break
                end = s + w.start() + len(t)
                continue
            if t[:1].isupper():
                if k > 0 and not _surname_ok(t):
                    break
            elif not lower_ok or is_english(lt) or (lt in dictionary_nouns() and not (
                    _gaz_first(lt) or _listed_surname(lt))):
                break
            end = s + w.start() + len(t)
        return end

    for m in _LABEL_CAPS_RE.finditer(text):
        ws = [w.lower() for w in m.group("name").split()]
        listed = ws[0] in first_names() or _listed_first(ws[0])
        first_ok = _gaz_first(ws[0]) or (listed and not _is_stop(ws[0]) and ws[0] not in month_names()
                                         and (ws[0] not in AMBIGUOUS_NAMES or len(ws) > 1))
        rest_ok = all((_gaz_surname(w) or _gaz_first(w)) and not is_english(w) and lw_not_noun(w)
                      for w in ws[1:])
        if first_ok and rest_ok:
            out.append((m.start("name"), m.end("name"), PERSON, 0.7))
    for m in _CUE_NAME_RE.finditer(text):
        g = "name" if m.group("name") else "name2"
        end = words_ok(m.start(g), m.end(g), lower_ok=True, caps_ok=True)
        if end:
            out.append((m.start(g), end, PERSON, 0.8))
    for rx, lower_ok, score in ((_VOCATIVE_RE, "listed", 0.7), (_REPORTING_RE, False, 0.6),
                                (_BY_RE, False, 0.7)):
        for m in rx.finditer(text):
            lw = m.group("name").split()[0].lower()
            if lw in TITLES or lw in ("sir", "madam", "all", "everyone", "team", "folks", "guys"):
                continue
            if is_english(lw) and not (lw in first_names() or _gaz_first(lw) or census_given(lw)):
                continue
            end = words_ok(m.start("name"), m.end("name"), lower_ok=lower_ok)
            if end:
                out.append((m.start("name"), end, PERSON, score))
    for m in _VOCATIVE_START_RE.finditer(text):
        w = m.group("name")
        if _cue_namey(w) and (w.lower() not in dictionary_nouns() or _gaz_first(w.lower())
                              or census_given(w.lower())):
            out.append((m.start("name"), m.end("name"), PERSON, 0.6))
    for m in _SAID_AFTER_RE.finditer(text):  # "Lund said no", "Ask Lund"
        g = "name" if m.group("name") else "name2"
        if _cue_namey(m.group(g)):
            out.append((m.start(g), m.end(g), PERSON, 0.55))
    for m in _WITH_ME_RE.finditer(text):  # "Haugen and I met", "me and Sunniva"
        g = "name" if m.group("name") else "name2"
        ws = m.group(g).split()
        if all(_cue_namey(w) for w in ws) and not (len(ws) == 1 and ws[0].lower() in dictionary_nouns()
                                                    and not _gaz_first(ws[0].lower())
                                                    and not census_given(ws[0].lower())):
            out.append((m.start(g), m.end(g), PERSON, 0.6))
    for m in _INITIALS_SURNAME_RE.finditer(text):
        w = m.group("name")
        lw = w.lower()
        if _namey(w) and (lw not in dictionary_nouns() or lw in _SURNAME_WORDS) and lw not in _PLACE_HEADS:
            out.append((m.start(), m.end(), PERSON, 0.55))  # not "U.S. Army"
    for m in _WORK_RE.finditer(text):
        ws = m.group("name").split()
        if all(_cue_namey(w) for w in ws):
            out.append((m.start("name"), m.end("name"), PERSON, 0.55))
    # "shouted at Forte:", "named him Kenter", "said Goins to Mayer", "Don't go to town, Mayer!"
    # (hailed at the end: no ordinary noun, town or English word other than a listed surname)
    for m in _AIMED_AT_RE.finditer(text):
        g = next(k for k in ("name", "name2", "name3", "name4") if m.group(k))
        w = m.group(g)
        if _cue_name_word(w, surname_ok=True) and not _no_name_word(w) and not (g == "name4" and (
                _noun(w) or w.lower() in uk_town_words() or (is_english(w.lower()) and not _gaz_surname(w.lower())))):
            out.append((m.start(g), m.end(g), PERSON, 0.6))
    # "had given Rusty his address", "told Curt her plans": the one who is given something;
    # "Blossom is a very sympathetic person": a listed name (even an English word) said to be
    # a person; "bai hornberg lives at 255 ...": a person at an address
    for rx in (_GIVEN_TO_RE, _IS_A_PERSON_RE, _LIVES_AT_RE):
        for m in rx.finditer(text):
            ws = m.group("name").split()
            if _cue_name_word(ws[0], surname_ok=True) and not any(_no_name_word(w) for w in ws):
                out.append((m.start("name"), m.end("name"), PERSON, 0.6))
    return out


def _cue_name_word(w: str, *, surname_ok: bool = False) -> bool:
    """May ``w`` (any case) be the first word of a name that a cue points at?  A listed given
    name (or, with ``surname_ok``, surname) or a word no dictionary knows; not an acronym."""
    lw = w.lower()
    return not (len(w) > 1 and w.isupper()) and (
        _listed_first(lw) or lw in first_names() or (surname_ok and _gaz_surname(lw))
        or _unknown_word(w[:1].upper() + w[1:]))


def _no_name_word(w: str) -> bool:
    """A stop word, kin word, role, title, SEND term or ordinary noun: never part of a name."""
    lw = w.lower()
    return (_is_stop(lw) or lw in common_nouns() or lw in send_terms() or lw in send_term_words()
            or lw in _not_surname() or lw in _ROLE_WORDS or lw in CHILD_KIN)


_ROLE_WORDS = frozenset(w for r in ROLES for w in r.split())
# a person at an address: "Barb Kunova Payan lives at 92597 ...", "bai hornberg lives on Via ..."
_LIVES_AT_RE = re.compile(
    rf"(?:^|(?<=[.!?\n|>;:]))[ \t\"'“]*(?P<name>[{UP}{LO}][{LO}'’\-]+(?:[ \t]+[{UP}{LO}][{LO}'’\-]+){{0,3}})"
    rf"[ \t]+(?:lives|lived|resides|resided)[ \t]+(?:at|on)[ \t]+(?=\d|[{UP}])"
)
_GIVEN_TO_RE = re.compile(
    rf"(?<![\w])(?:give|gives|gave|given|giving|send|sends|sent|show|shows|showed|shown|tell|tells|"
    rf"told|ask|asks|asked|offer|offers|offered|pay|pays|paid|owe|owes|owed|hand|handed|lend|lent|"
    rf"email|emailed|text|texted|bring|brought|buy|bought|teach|taught)[ \t]+"
    rf"(?P<name>{_CAP})[ \t]+(?:his|her|their|my|your|our)(?![\w])"
)
# one a person-only action is aimed at ("shouted at Forte:"), one named so ("named him West"),
# the one spoken to ("said Goins to Mayer"), one hailed at the end ("Don't go to town, Mayer!")
_AIMED_AT_RE = re.compile(
    rf"(?<![\w])(?:shouted|shouting|shouts|yelled|yelling|yells|screamed|screaming|screams|smiled|"
    rf"smiling|smiles|winked|winks|waved|waves|glared|glares|stared|stares|swore|laughed|laughs|"
    rf"snapped|snaps|sneered|grinned)[ \t]+at[ \t]+(?P<name>{_CAP})(?![\w'’])"
    rf"|(?<![\w])(?:named|called|christened|nicknamed)[ \t]+(?:him|her|them|it|me|us)[ \t]+(?P<name2>{_CAP})(?![\w'’])"
    rf"|(?<![\w])(?:said|says|asked|asks|whispered|replied)[ \t]+{_CAP}(?:[ \t]+{_CAP})?[ \t]+to[ \t]+"
    rf"(?P<name3>{_CAP})(?=[ \t]*(?:[,.;:!?)\"”]|$))"
    rf"|,[ \t]*(?P<name4>{_CAP})[ \t]*!"
)
_IS_A_PERSON_RE = re.compile(
    rf"(?<![\w'’])(?P<name>{_CAP})[ \t]+(?:is|was|seems|seemed)[ \t]+(?:such[ \t]+)?(?:a|an)[ \t]+"
    rf"(?:[{LO}]+[ \t]+){{0,3}}(?:person|man|woman|girl|boy|lady|gentleman|guy|child|kid|teenager|"
    rf"individual|soul)(?![\w])"
)


_POSTNOMINAL_RE = re.compile(r",?[ \t]+(?:Jr|Sr|II|III|IV|MD|DDS|PhD|DPhil|DVM|Esq|MBE|OBE|CBE|QC|KC|RN)\.?(?![\w])")


def _with_postnominals(text: str, spans):
    """Extend each name over a following generational suffix or post-nominal ("II", "MD")."""
    out = []
    for s, e, t, sc in spans:
        m = _POSTNOMINAL_RE.match(text, e)
        out.append((s, m.end() if m else e, t, sc))
    return out
