"""Word lists the recognizers share: given names, ambiguous names, SEND terms, roles, titles.

All lists are small, self-written and shipped in ``pipeline/resources``; they are loaded
once per process (``functools.lru_cache``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[1] / "resources"

# Upper/lower-case letter classes including Latin-1/Latin Extended-A accents.
UP = "A-ZÀ-ÖØ-ÞĀ-Žƀ-ɏḀ-ỿ"
LO = "a-zß-öø-ÿā-žƀ-ɏḀ-ỿ"

TITLES = ("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame",
          "mister", "cllr", "councillor", "rev", "reverend", "fr", "sr", "sister")

# Roles / job titles: kept in the text (they carry meaning), but a name right after one
# is a member of staff ("SENCO Mr O'Brien", "caseworker Dave").
ROLES = (
    "senco", "sendco", "senco's", "teacher", "class teacher", "form tutor", "tutor", "headteacher",
    "head teacher", "head", "deputy head", "assistant head", "principal", "caseworker",
    "case worker", "case officer", "social worker", "paediatrician", "pediatrician",
    "consultant", "nurse", "school nurse", "health visitor", "therapist", "speech therapist",
    "speech and language therapist", "salt", "occupational therapist", "ot", "physio",
    "physiotherapist", "educational psychologist", "ed psych", "ep", "psychologist",
    "psychiatrist", "ta", "teaching assistant", "lsa", "hlta", "key worker", "keyworker",
    "support worker", "family support worker", "gp", "doctor", "manager", "officer",
    "coordinator", "co-ordinator", "advisor", "adviser", "worker", "practitioner",
    "mentor", "inclusion lead", "inclusion manager", "camhs worker", "elsa", "counsellor",
    "councillor", "cllr", "mp", "director", "lead", "sendiass officer", "advocate",
    "solicitor", "judge", "chair", "senior", "officer", "nursery nurse", "childminder",
    "inspector", "clinician", "dietitian", "audiologist", "optometrist", "specialist",
)

# Kinship words after which a name is a child of the writer.
CHILD_KIN = (
    "son", "daughter", "child", "boy", "girl", "grandson", "granddaughter", "nephew", "niece",
    "stepson", "stepdaughter", "step-son", "step-daughter", "foster son", "foster daughter",
    "foster child", "twins", "twin", "kids", "children", "little one", "youngest", "eldest",
    "oldest", "middle child", "toddler", "baby", "teenager", "brother", "sister", "sibling",
    "siblings", "grandchild", "grandchildren", "ward", "young person", "pupil", "student",
    "sons", "daughters", "boys", "girls", "lad", "stepchild", "kid",
)
# Parent phrases before a child's name: "mum to Aisha", "parent of Jack".
PARENT_OF = (
    "mum to", "mum of", "mother to", "mother of", "dad to", "dad of", "father to", "father of",
    "parent to", "parent of", "parents of", "parents to", "carer for", "carer of", "carer to",
    "mummy to", "mummy of", "daddy to", "daddy of", "guardian of", "grandparent of",
    "grandmother of", "grandfather of", "nan to", "nan of",
)
# Phrases after which a name follows (no particular role).
NAMED = ("called", "named", "name is", "name's", "known as", "i am", "i'm", "this is",
         "regards", "kind regards", "best wishes", "many thanks", "thanks", "thank you",
         "sincerely", "yours faithfully", "yours sincerely", "from", "signed", "love",
         "best", "cheers", "warm regards")

# Given names that are often capitalised without being a name (months, terms, sentence
# starters, places, Chinese syllables that are English words): names only in context.
AMBIGUOUS_CAPITALISED = frozenset("""
will may june april august summer autumn winter spring grace hope faith joy mark bill frank
rich guy don art sky star storm river king prince princess duke royal sunny honey blue long
young park song fan pan tan ding can min lin jun jin yan yun hong hung bai cao duc bo cem
ege mo an he ma na su wu xu yi ye yu li lu du fu hu chase grant miles major dean bishop page
lane wade drew gene india asia eve bay rain chance more nana nan precious blessing favour
victory miracle destiny marvellous sage crystal misty amber honor dot
""".split())
# Given names that are also ordinary lower-case words: in lower case only in context.
AMBIGUOUS_NAMES = AMBIGUOUS_CAPITALISED | frozenset("""
jack harry tom ted ben sam dan joe nick pete phil matt nat max kit sandy rusty lane chase drew
wade page brook brooke rose lily ruby jade dawn hazel heather holly ivy daisy poppy violet
iris olive willow skye rowan hunter mason carter parker archer fletcher taylor cooper baker
miller porter ray pat sue rob bob jean penny carol kay lou luke teddy finn cole reggie sonny
abdul marina joyce faye hilary lee kim wren beau zion eden rocky sunny tia nia viola
valentine cherry rusty misty sandy jay robin dale glen glenn ash bud buddy
""".split())

_INLINE_COMMENT = re.compile(r"#.*$")


def _read_words(name: str) -> list[str]:
    out: list[str] = []
    for line in (RESOURCES / name).read_text(encoding="utf-8").splitlines():
        line = _INLINE_COMMENT.sub("", line).strip()
        if line:
            out.append(line)
    return out


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Lower-case given names (several thousand, many backgrounds)."""
    names: set[str] = set()
    for line in _read_words("first_names.txt"):
        names.update(w.lower() for w in line.split())
    return frozenset(names)


@lru_cache(maxsize=1)
def send_terms() -> frozenset[str]:
    """Lower-case SEND vocabulary, roles and service names that are never redacted."""
    terms = {t.lower() for t in _read_words("send_terms.txt")}
    terms.update(r for r in ROLES)
    return frozenset(terms)


@lru_cache(maxsize=1)
def send_term_words() -> frozenset[str]:
    """Single lower-case words of the SEND terms (for trimming NER spans)."""
    words: set[str] = set()
    for t in send_terms():
        if " " not in t:
            words.add(t)
    words.update({"syndrome", "disorder", "condition", "plan", "school", "team", "service",
                  "services", "council", "nhs", "trust", "clinic", "hospital", "unit",
                  "panel", "forum", "review", "tribunal", "offer", "strategy", "assessment",
                  "diagnosis", "support", "provision", "needs", "disability", "disabilities",
                  "year", "reception", "nursery", "college", "academy", "mum", "dad", "mummy",
                  "daddy", "parent", "parents", "carer", "carers", "child", "children",
                  "son", "daughter", "teacher", "teachers", "staff", "head"})
    return frozenset(words)


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case English verbs, adjectives and adverbs (WordNet, via spaCy's lemmatizer tables).

    Used to decide whether a lower-case or capitalised word after a kinship word is an
    ordinary word ("my son struggles") rather than a name.  Nouns are not included:
    WordNet's noun index lists many given names.  Falls back to spaCy stop words when the
    lookup tables are not available.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    words: set[str] = set(STOP_WORDS)
    try:
        import spacy  # noqa: F401
        from spacy.lookups import Lookups

        from .model import spacy_model_path

        path = spacy_model_path() / "lemmatizer" / "lookups" / "lookups.bin"
        if path.is_file():
            lk = Lookups().from_disk(path.parent)
            idx = lk.get_table("lemma_index")
            import spacy.strings

            for pos in ("verb", "adj", "adv"):
                key = spacy.strings.get_string_id(pos)
                vals = idx.get(key) or idx.get(pos) or []
                words.update(v for v in vals if "_" not in v)
            # irregular verb forms ("got", "went", "made"); verbs only: the adjective
            # exceptions hold oddities such as "oliver" (from "olive")
            exc = lk.get_table("lemma_exc").get(spacy.strings.get_string_id("verb")) or {}
            words.update(k for k in exc.keys() if "_" not in k)
    except Exception:  # pragma: no cover - the tables ship with the model
        pass
    return frozenset(words)


@lru_cache(maxsize=1)
def common_nouns() -> frozenset[str]:
    """Nouns that often start a sentence or follow 'my son' without being names (self-written)."""
    return frozenset("""
    school schools teacher teachers class classes home house family needs support plan plans
    diagnosis autism adhd anxiety assessment transport bus taxi day days week weeks month
    months year years time term terms report reports review reviews meeting meetings
    place places setting settings provision service services council team staff life
    health care therapy therapies speech language hearing sight vision behaviour behavior
    education work job jobs help issues issue problems problem progress journey story
    experience experiences world today tomorrow yesterday morning evening night letter
    email phone call calls answer answers question questions decision decisions panel
    tribunal appeal appeals waiting wait list lists process processes system systems money
    funding budget budgets cuts cut cost costs fees fee form forms paperwork
    everything nothing something anything everyone someone anyone nobody people person
    parent parents carer carers child children son daughter boy girl kids baby mum dad
    friend friends sibling siblings brother sister twins
    """.split())


@lru_cache(maxsize=1)
def month_names() -> frozenset[str]:
    return frozenset("january february march april may june july august september october "
                     "november december jan feb mar apr jun jul aug sep sept oct nov dec".split())


@lru_cache(maxsize=65536)
def is_english(word: str) -> bool:
    """Is ``word`` (any inflection) an English verb/adjective/adverb or stop word?"""
    w = word.lower()
    words = english_words()
    if w in words:
        return True
    for suf, rep in (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"),
                     ("ing", ""), ("ing", "e"), ("ly", ""), ("er", ""), ("est", "")):
        if w.endswith(suf) and len(w) - len(suf) >= 3 and (w[: -len(suf)] + rep) in words:
            return True
    if len(w) > 5 and w.endswith(("ing", "ed")) and w[-4] == w[-5] and w[:-4] in words:
        return True  # stopped, running
    return False


@lru_cache(maxsize=1)
def dictionary_nouns() -> frozenset[str]:
    """Lower-case English nouns (WordNet via spaCy's tables) minus our given names.

    WordNet lists many given names among its nouns; those are removed so the set can be used
    to tell an ordinary capitalised noun ("Transport's") from an unknown name ("Rafferty's").
    """
    words: set[str] = set()
    try:
        import spacy.strings
        from spacy.lookups import Lookups

        from .model import spacy_model_path

        path = spacy_model_path() / "lemmatizer" / "lookups"
        if (path / "lookups.bin").is_file():
            idx = Lookups().from_disk(path).get_table("lemma_index")
            vals = idx.get(spacy.strings.get_string_id("noun")) or []
            words.update(v for v in vals if "_" not in v)
    except Exception:  # pragma: no cover
        pass
    return frozenset(words - first_names())


# --------------------------------------------------------------------------- name gazetteers
# A published name list, read from its PyPI package (not copied into the repository):
# names (MIT; the 1990 US Census lists: 5,163 given names and 88,799 surnames).  The larger
# international list of gender-guesser was tried (+0.9 point of held-out name recall) and
# left out: it is GPLv3, and this tool is MIT-licensed for councils to reuse.
# They are large and noisy (they hold "Will", "Rose", "Long", "Park"), so the recognizers use
# them only together with other evidence: never an ordinary English word on its own.


def _package_file(package: str, *parts: str):
    try:
        from importlib.resources import files

        p = files(package).joinpath(*parts)
        return p if p.is_file() else None
    except (ImportError, ModuleNotFoundError, TypeError, FileNotFoundError):
        return None


@lru_cache(maxsize=1)
def gazetteer_first_names() -> frozenset[str]:
    """Lower-case given names from the US Census lists plus our own list."""
    names: set[str] = set(first_names())
    for fname in ("dist.male.first", "dist.female.first"):
        p = _package_file("names", fname)
        if p is not None:
            with p.open(encoding="utf-8") as fh:
                names.update(line.split()[0].lower() for line in fh if line.strip())
    return frozenset(n for n in names if len(n) >= 2 and n.replace("-", "").replace("'", "").isalpha())


@lru_cache(maxsize=1)
def gazetteer_surnames() -> frozenset[str]:
    """Lower-case surnames (US Census 1990, 88,799) plus the common UK/South Asian ones we list."""
    names: set[str] = set()
    p = _package_file("names", "dist.all.last")
    if p is not None:
        with p.open(encoding="utf-8") as fh:
            names.update(line.split()[0].lower() for line in fh if line.strip())
    return frozenset(names)


def name_gazetteers_available() -> bool:
    """Is the published name list (the ``names`` package) installed?"""
    return len(gazetteer_first_names()) - len(first_names()) > 2000 and len(gazetteer_surnames()) > 50000
