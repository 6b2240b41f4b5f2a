"""Word lists the recognizers share: given names, ambiguous names, SEND terms, roles, titles.

Our own lists are small, self-written and shipped in ``pipeline/resources``; the published
name lists (US Census via ``names``, Faker's ~85 locales via ``faker``; both MIT) and the
English lexicon (WordNet via spaCy's lookup tables) are read from their installed packages.
Everything is loaded once per process (``functools.lru_cache``).
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
def _lemma_words() -> dict[tuple[str, str], frozenset[str]]:
    """Words of spaCy's English lemmatizer tables (WordNet), read once: ``(table, pos)`` ->
    lower-case words without "_", for the tables ``lemma_index`` (base forms) and
    ``lemma_exc`` (irregular forms).  Empty when the tables are not available."""
    out: dict[tuple[str, str], frozenset[str]] = {}
    try:
        import spacy.strings
        from spacy.lookups import Lookups

        from .model import spacy_model_path

        path = spacy_model_path() / "lemmatizer" / "lookups"
        if (path / "lookups.bin").is_file():
            lk = Lookups().from_disk(path)
            for table in ("lemma_index", "lemma_exc"):
                t = lk.get_table(table)
                for pos in ("noun", "verb", "adj", "adv"):
                    vals = t.get(spacy.strings.get_string_id(pos)) or t.get(pos) or []
                    out[(table, pos)] = frozenset(v for v in vals if "_" not in v)
    except Exception:  # pragma: no cover - the tables ship with the model
        pass
    return out


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case English verbs, adjectives and adverbs (WordNet, via spaCy's lemmatizer tables).

    Used to decide whether a lower-case or capitalised word after a kinship word is an
    ordinary word ("my son struggles") rather than a name.  Nouns are not included:
    WordNet's noun index lists many given names.  Falls back to spaCy stop words when the
    lookup tables are not available.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    tables = _lemma_words()
    words: set[str] = set(STOP_WORDS)
    for pos in ("verb", "adj", "adv"):
        words.update(tables.get(("lemma_index", pos), ()))
    # irregular verb forms ("got", "went", "made"); verbs only: the adjective exceptions hold
    # oddities such as "oliver" (from "olive")
    words.update(tables.get(("lemma_exc", "verb"), ()))
    return frozenset(words)


@lru_cache(maxsize=1)
def uk_place_words() -> frozenset[str]:
    """Lower-case words of our list of UK councils, counties and regions (``uk_places.txt``)."""
    return frozenset(w.lower() for line in _read_words("uk_places.txt") for w in line.split()
                     if len(w) >= 3)


@lru_cache(maxsize=1)
def uk_town_words() -> frozenset[str]:
    """Lower-case words of the UK towns that name telephone exchange areas (about 680, from
    the installed ``phonenumbers`` package's geocoding data: "Worksop", "Sedgefield"), plus
    our council list.  Empty when that data is not installed."""
    words = set(uk_place_words())
    try:
        from phonenumbers.geodata import GEOCODE_DATA
    except ImportError:  # pragma: no cover - phonenumbers ships its geodata
        return frozenset(words)
    for prefix, by_lang in GEOCODE_DATA.items():
        if prefix.startswith("44") and "en" in by_lang:
            words.update(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’\-]+", by_lang["en"]) if len(w) >= 3)
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


@lru_cache(maxsize=1)
def day_names() -> frozenset[str]:
    """Days of the week, singular and plural ("monday", "mondays")."""
    days = "monday tuesday wednesday thursday friday saturday sunday".split()
    return frozenset(days + [d + "s" for d in days])


# Short verb forms neither the tables nor the suffix rules reach ("goes" would need the
# 2-letter stem "go", which would also turn names such as "Ines" into "in"); "went", "does",
# "has" and the like are already irregular forms or stop words.
_IRREGULAR_FORMS = frozenset({"goes", "says"})


@lru_cache(maxsize=65536)
def is_english(word: str) -> bool:
    """Is ``word`` (any inflection) an English verb/adjective/adverb or stop word?"""
    w = word.lower()
    words = english_words()
    if w in words:
        return True
    if w in _IRREGULAR_FORMS:
        return True
    for suf, rep in (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"),
                     ("ing", ""), ("ing", "e"), ("ly", ""), ("er", ""), ("est", "")):
        if not w.endswith(suf):
            continue
        stem = w[: -len(suf)] + rep
        # "cries", "tries", "flies" -> cry/try/fly: the stem may be 3 letters when "y" is added
        if (len(w) - len(suf) >= 3 or (rep and len(stem) >= 3)) and stem in words:
            return True
    if len(w) > 5 and w.endswith(("ing", "ed")) and w[-4] == w[-5] and w[:-4] in words:
        return True  # stopped, running
    return False


def wordnet_words(pos: str) -> frozenset[str]:
    """WordNet's lower-case base forms of one part of speech ("noun", "verb", "adj", "adv"),
    with the given names WordNet lists among its nouns left in (see :func:`dictionary_nouns`)."""
    return _lemma_words().get(("lemma_index", pos), frozenset())


@lru_cache(maxsize=1)
def dictionary_nouns() -> frozenset[str]:
    """Lower-case English nouns (WordNet via spaCy's tables) minus our given names.

    WordNet lists many given names among its nouns; those are removed so the set can be used
    to tell an ordinary capitalised noun ("Transport's") from an unknown name ("Rafferty's").
    """
    return frozenset(wordnet_words("noun") - first_names())


# --------------------------------------------------------------------------- name gazetteers
# Published name lists, read at run time from their PyPI packages (not copied into the
# repository):
# * names (MIT; the 1990 US Census lists: 5,163 given names and 88,799 surnames);
# * Faker (MIT, (c) joke2k and the Faker contributors, https://github.com/joke2k/faker): the
#   given names and surnames its person providers hold for ~85 locales (Polish, Romanian,
#   Turkish, Nigerian, Bengali, Nordic, Vietnamese, romanised Chinese/Japanese, ...), Latin
#   script only.  A UK council hears from families of every background.
# The international list of gender-guesser was tried and left out (GPLv3), and so was
# names-dataset (built from a leaked Facebook dump).
# The lists are large and noisy (they hold "Will", "Rose", "Long", "Park", "Can"), so the
# recognizers use them only together with other evidence: never an ordinary English word on
# its own (see ``names._gaz_first``).


def _package_file(package: str, *parts: str):
    try:
        from importlib.resources import files

        p = files(package).joinpath(*parts)
        return p if p.is_file() else None
    except (ImportError, ModuleNotFoundError, TypeError, FileNotFoundError):
        return None


# one word of a name in Latin script (the letter classes the name rules match)
_LATIN_NAME_WORD = re.compile(rf"[{UP}{LO}]+(?:['’\-][{UP}{LO}]+)*")
# particles of multi-word entries ("De la Cruz", "van den Berg"): not names on their own
_NAME_PARTICLES = frozenset("de da das do dos di del della der den van von ter ten le la les lo "
                            "el al ul ur bin binti bint ibn abu y e du st san santa".split())


# letters that carry no combining accent but are written without one on an English keyboard
_FOLD = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d",
                       "Ð": "D", "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
                       "ß": "ss", "’": "'"})


@lru_cache(maxsize=65536)
def fold_accents(word: str) -> str:
    """``word`` as typed without accents: "Tünde" -> "Tunde", "Yılmaz" -> "Yilmaz", "Łucja" -> "Lucja"."""
    if word.isascii():
        return word
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", word.translate(_FOLD))
                   if not unicodedata.combining(c))


def _name_words(entries) -> set[str]:
    """Lower-case Latin-script words of name entries, with an accent-free copy of each."""
    import unicodedata

    out: set[str] = set()
    for entry in set(entries):
        if not entry.isascii():
            entry = unicodedata.normalize("NFC", entry)
        parts = entry.replace(".", " ").split()
        for part in parts:
            if not _LATIN_NAME_WORD.fullmatch(part):
                continue  # other scripts (Cyrillic, Arabic, kana, ...), digits, initials
            lw = part.lower()
            if len(parts) > 1 and lw in _NAME_PARTICLES:
                continue
            out.add(lw)
            if "-" in lw:
                out.update(lw.split("-"))
    for w in [w for w in out if not w.isascii()]:
        out.add(fold_accents(w))
    return {w for w in out if len(w) >= 2}


def _strings(value):
    """Every string inside a Faker attribute (tuples, lists, dicts of name -> weight)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k in value:
            yield from _strings(k)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            yield from _strings(v)


def faker_providers(kind: str):
    """The ``Provider`` class of every locale of Faker's ``faker.providers.<kind>`` (e.g.
    "person", "address"); nothing when Faker is not installed."""
    import importlib
    import pkgutil

    try:
        package = importlib.import_module(f"faker.providers.{kind}")
    except ImportError:
        return
    for mod in pkgutil.iter_modules(package.__path__):
        try:
            yield importlib.import_module(f"{package.__name__}.{mod.name}").Provider
        except Exception:  # pragma: no cover - a broken locale module: skip it
            continue


@lru_cache(maxsize=1)
def faker_names() -> tuple[frozenset[str], frozenset[str]]:
    """(given names, surnames) of every Faker person locale: lower case, Latin script only.

    Read from the installed ``faker`` package (MIT): each locale's ``Provider`` class attributes
    ``first_names*``, ``middle_names*``, ``first_romanized_names*``... (given names) and
    ``last_names*``, ``*_last_names``, ``last_romanized_names``... (surnames).  Multi-word
    entries are split and their particles dropped; each accented word is also kept without its
    accents.  Empty sets when Faker is not installed.
    """
    first: list[str] = []
    last: list[str] = []
    for provider in faker_providers("person"):
        for attr, value in vars(provider).items():
            a = attr.lower()
            if a.startswith("_") or "name" not in a or "language" in a or callable(value):
                continue
            if a.startswith(("first_", "middle_")) and "name" in a:
                first.extend(_strings(value))
            elif "last_" in a or a.startswith("last"):
                last.extend(_strings(value))
    return frozenset(_name_words(first)), frozenset(_name_words(last))


def census_ranked(fname: str) -> list[str]:
    """One US Census list of the ``names`` package ("dist.male.first", "dist.female.first",
    "dist.all.last"), lower case, commonest first; empty when the package is absent."""
    p = _package_file("names", fname)
    if p is None:
        return []
    with p.open(encoding="utf-8") as fh:
        return [line.split()[0].lower() for line in fh if line.strip()]


def _census(*files: str) -> frozenset[str]:
    return frozenset(n for fname in files for n in census_ranked(fname))


@lru_cache(maxsize=1)
def census_first_names() -> frozenset[str]:
    """Lower-case given names of the 1990 US Census (the ``names`` package; 5,163)."""
    return _census("dist.male.first", "dist.female.first")


@lru_cache(maxsize=1)
def census_surnames() -> frozenset[str]:
    """Lower-case surnames of the 1990 US Census (the ``names`` package; 88,799)."""
    return _census("dist.all.last")


@lru_cache(maxsize=1)
def gazetteer_first_names() -> frozenset[str]:
    """Lower-case given names: our own list, the US Census lists and Faker's ~85 locales.

    A word only Faker lists must not be an ordinary English word (see ``_ordinary_word``)."""
    names: set[str] = set(first_names()) | census_first_names()
    names.update(w for w in faker_names()[0] if w not in names and not _ordinary_word(w))
    return frozenset(n for n in names if len(n) >= 2 and n.replace("-", "").replace("'", "").isalpha())


@lru_cache(maxsize=1)
def gazetteer_surnames() -> frozenset[str]:
    """Lower-case surnames: the US Census 1990 list (88,799) and Faker's ~85 locales.

    A word only Faker lists must not be an ordinary English word (see ``_ordinary_word``)."""
    names: set[str] = set(census_surnames())
    names.update(w for w in faker_names()[1] if w not in names and not _ordinary_word(w))
    return frozenset(names)


def _ordinary_word(w: str) -> bool:
    """An English verb, adjective, adverb or stop word, an irregular plural, or shorter than
    three letters.  Faker's lists hold "Unknown", "Baby", "Media", "Said"; such words are taken
    as names only when the US Census or our own list has them too.  Nouns ("Justice", "Haven")
    stay, as on the Census lists: the recognizers take a listed name that is also a noun only
    with more evidence (a verb said of a person after it, or alone mid-sentence)."""
    return len(w) < 3 or is_english(w) or w in irregular_plurals()


@lru_cache(maxsize=1)
def irregular_plurals() -> frozenset[str]:
    """Irregular English noun forms ("media", "criteria", "feet"; WordNet via spaCy's tables)."""
    return _lemma_words().get(("lemma_exc", "noun"), frozenset())


def name_gazetteers_available() -> bool:
    """Is the published name list (the ``names`` package) installed?"""
    return len(gazetteer_first_names()) - len(first_names()) > 2000 and len(gazetteer_surnames()) > 50000


def international_names_available() -> bool:
    """Are Faker's international name lists installed (the ``faker`` package)?"""
    first, last = faker_names()
    return len(first) > 10000 and len(last) > 10000


# --------------------------------------------------------------------------- capitalisation
# How often a word is written with a capital, from spaCy's lexeme probabilities (the
# ``spacy-lookups-data`` package, MIT, Explosion; case-sensitive log probabilities of a
# million word forms counted in a large web corpus): "Sanchez" is capitalised 92% of the
# time, "Friedman" 97%, "Curry" 52%, "Box" 6%, "Way" 1.5%.  WordNet's noun list holds many
# surnames of famous people ("sanchez", "hayes", "pitts"); this tells them from ordinary nouns.
# Only WordNet's words are kept (unknown words are treated as names anyway): reading the whole
# table takes ~1.6 s, so the shares are written once to a small cache file (``pipeline.cache``:
# ``$PIPELINE_CACHE_DIR``, default ``~/.cache/consultation-pipeline``), rebuilt when the package
# version changes.

def _lookups_version() -> str | None:
    try:
        from importlib.metadata import version

        return version("spacy-lookups-data")
    except Exception:
        return None


def _share_cache_path(ver: str) -> Path:
    from ..cache import default_cache_dir

    return default_cache_dir() / f"capitalised-share-v2-{ver}.tsv"


def _build_shares() -> dict[str, float]:
    import gzip
    import json
    import math

    p = _package_file("spacy_lookups_data", "data", "en_lexeme_prob.json.gz")
    if p is None:
        return {}
    with p.open("rb") as fh:
        prob = json.load(gzip.open(fh))
    wanted = set()
    for (table, _pos), words in _lemma_words().items():
        if table == "lemma_index":
            wanted |= words
    out: dict[str, float] = {}
    for w in wanted:
        cap = prob.get(w[:1].upper() + w[1:])
        low = prob.get(w)
        if cap is None and low is None:
            continue  # never seen in the corpus: see ``seen_in_corpus``
        out[w] = 1.0 if low is None else 0.0 if cap is None else 1.0 / (1.0 + math.exp(low - cap))
    return out


@lru_cache(maxsize=1)
def _capitalised_shares() -> dict[str, float]:
    ver = _lookups_version()
    if ver is None:
        return {}
    path = _share_cache_path(ver)
    try:
        with path.open(encoding="utf-8") as fh:
            return {w: float(s) for w, s in (line.rstrip("\n").split("\t") for line in fh if "\t" in line)}
    except (OSError, ValueError):
        pass
    import os

    shares = _build_shares()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text("".join(f"{w}\t{s:.3f}\n" for w, s in sorted(shares.items())), encoding="utf-8")
        tmp.replace(path)
    except OSError:  # a read-only home: keep the shares for this process only
        pass
    return shares


def capitalised_share(lw: str) -> float | None:
    """The share of a dictionary word's uses written with a capital ("sanchez" 0.92, "box"
    0.06); None for a word WordNet does not list or the corpus never saw."""
    return _capitalised_shares().get(lw)


def seen_in_corpus(lw: str) -> bool:
    """Did the corpus behind the probabilities see this WordNet word at all?  About a third of
    WordNet's nouns it never saw: genus names and rarities ("glyceria", "hoatzin", "scission")."""
    return lw in _capitalised_shares()


def capitalisation_data_available() -> bool:
    return len(_capitalised_shares()) > 10000
